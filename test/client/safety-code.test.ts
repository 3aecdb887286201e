import { describe, expect, it } from "vitest";
import { dtlsFingerprints, groupSafetyCode, safetyCode } from "../../client/src/call/safety-code.ts";

// As Chromium writes it: the fingerprint in every media section.
const chromiumOffer = [
  "v=0",
  "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
  "m=audio 9 UDP/TLS/RTP/SAVPF 111",
  "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
  "a=setup:actpass",
  "m=video 9 UDP/TLS/RTP/SAVPF 96",
  "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
  "",
].join("\r\n");

// As Firefox writes it: once at session level, in lower case.
const firefoxAnswer = [
  "v=0",
  "o=mozilla...THIS_IS_SDPARTA-99.0 1 0 IN IP4 0.0.0.0",
  "a=fingerprint:sha-256 2e:ac:13:a3:09:41:67:57:1d:4b:99:0d:6e:83:4a:10:cc:7c:c6:b0:35:87:f1:bb:8e:08:26:09:2f:5d:fc:23",
  "m=audio 9 UDP/TLS/RTP/SAVPF 109",
  "",
].join("\r\n");

const otherCertificate = firefoxAnswer.replace("2e:ac:13", "2e:ac:14");

describe("the safety code", () => {
  it("reads the DTLS fingerprints of an SDP, normalised and once each", () => {
    expect(dtlsFingerprints(chromiumOffer)).toEqual([
      "sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
    ]);
    expect(dtlsFingerprints(firefoxAnswer)[0]).toMatch(/^sha-256 2E:AC:13:/);
  });

  it("is four groups of four digits", async () => {
    expect(await safetyCode(chromiumOffer, firefoxAnswer)).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  });

  it("is the same on both sides: each has the other's description as the remote one", async () => {
    expect(await safetyCode(chromiumOffer, firefoxAnswer)).toBe(await safetyCode(firefoxAnswer, chromiumOffer));
  });

  it("differs when a server in between swapped a certificate", async () => {
    expect(await safetyCode(chromiumOffer, otherCertificate)).not.toBe(await safetyCode(chromiumOffer, firefoxAnswer));
  });

  it("is absent when a description carries no fingerprint", async () => {
    expect(await safetyCode(chromiumOffer, "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n")).toBeUndefined();
  });
});

describe("the group safety code", () => {
  const provider = dtlsFingerprints(chromiumOffer);
  const patient = dtlsFingerprints(firefoxAnswer);
  const interpreter = dtlsFingerprints(otherCertificate);

  it("for two people is the code a 1:1 call has always shown", async () => {
    expect(await groupSafetyCode([provider, patient])).toBe(await safetyCode(chromiumOffer, firefoxAnswer));
  });

  it("is the same on every device of a three-way call, whichever order each sees the others in", async () => {
    const onProvider = await groupSafetyCode([provider, patient, interpreter]);
    const onPatient = await groupSafetyCode([patient, interpreter, provider]);
    const onInterpreter = await groupSafetyCode([interpreter, provider, patient]);
    expect(onProvider).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(onPatient).toBe(onProvider);
    expect(onInterpreter).toBe(onProvider);
  });

  it("differs on the device whose connection to one participant got a swapped certificate", async () => {
    const swapped = dtlsFingerprints(firefoxAnswer.replace("2e:ac:13", "2e:ac:99"));
    expect(await groupSafetyCode([provider, swapped, interpreter])).not.toBe(
      await groupSafetyCode([provider, patient, interpreter]),
    );
  });

  it("differs from the pair's code once a third person is in the call", async () => {
    expect(await groupSafetyCode([provider, patient, interpreter])).not.toBe(
      await groupSafetyCode([provider, patient]),
    );
  });

  it("is absent while anyone's fingerprint is unknown, or when there is nobody to compare with", async () => {
    expect(await groupSafetyCode([provider, [], interpreter])).toBeUndefined();
    expect(await groupSafetyCode([provider])).toBeUndefined();
  });
});
