// The safety code the top bar shows: over this side and every participant whose peer agreed on keys
// with us. For two people it is the 1:1 code they have always compared.
import { describe, expect, it } from "vitest";
import type { ParticipantView } from "../../client/src/call/call-state.ts";
import { callSafetyCode, codeInput } from "../../client/src/call/group-safety.ts";
import type { MediaState } from "../../client/src/call/peer.ts";
import { dtlsFingerprints, groupSafetyCode, safetyCode } from "../../client/src/call/safety-code.ts";
import type { Participant } from "../../schema/messages.ts";
import { NO_FLAGS } from "../../schema/peer-messages.ts";

const sdp = (hex: string) => `v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-256 ${hex}\r\n`;
const fingerprint = (byte: string) => Array.from({ length: 32 }, () => byte).join(":");
const mine = sdp(fingerprint("AA"));
const anna = sdp(fingerprint("BB"));
const ben = sdp(fingerprint("CC"));
const cleo = sdp(fingerprint("DD"));

function view(id: string, remoteSdp: string, media: MediaState, localSdp = mine): ParticipantView {
  const participant: Participant = { id, role: "patient", name: id, moderator: false };
  return {
    participant,
    remote: NO_FLAGS,
    media,
    suggestAudioOnly: false,
    fingerprints: { local: dtlsFingerprints(localSdp), remote: dtlsFingerprints(remoteSdp) },
  };
}

describe("the call's safety code", () => {
  it("is exactly the 1:1 code in a call of two", async () => {
    const shown = await callSafetyCode({ anna: view("anna", anna, "connected") });
    expect(shown).toEqual({ code: await safetyCode(mine, anna), participants: 2 });
    expect(shown?.code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  });

  it("covers everyone connected, whatever order they joined in", async () => {
    const one = await callSafetyCode({
      anna: view("anna", anna, "connected"),
      ben: view("ben", ben, "connected"),
      cleo: view("cleo", cleo, "connected"),
    });
    const other = await callSafetyCode({
      cleo: view("cleo", cleo, "connected"),
      anna: view("anna", anna, "connected"),
      ben: view("ben", ben, "connected"),
    });
    expect(one?.participants).toBe(4);
    expect(one).toEqual(other);
    // Every device of the group computes the same: Ben's device sees Ben's certificate as its own.
    const atBen = await callSafetyCode({
      me: view("me", mine, "connected", ben),
      anna: view("anna", anna, "connected", ben),
      cleo: view("cleo", cleo, "connected", ben),
    });
    expect(atBen?.code).toBe(one?.code);
    // And a key swapped on one pair shows as a different code.
    const swapped = await callSafetyCode({
      anna: view("anna", anna, "connected"),
      ben: view("ben", sdp(fingerprint("EE")), "connected"),
      cleo: view("cleo", cleo, "connected"),
    });
    expect(swapped?.code).not.toBe(one?.code);
  });

  it("leaves out whoever is still connecting or has failed, and says how many it covers", async () => {
    const participants = {
      anna: view("anna", anna, "connected"),
      ben: view("ben", ben, "connecting"),
      cleo: view("cleo", cleo, "failed"),
    };
    const shown = await callSafetyCode(participants);
    expect(shown).toEqual({
      code: await groupSafetyCode([dtlsFingerprints(mine), dtlsFingerprints(anna)]),
      participants: 2,
    });
    expect(shown?.code).toBe(await safetyCode(mine, anna));
  });

  it("keeps a peer that is reconnecting: its keys are the same, and the code does not vanish mid-read-out", async () => {
    const shown = await callSafetyCode({
      anna: view("anna", anna, "reconnecting"),
      ben: view("ben", ben, "connected"),
    });
    expect(shown?.participants).toBe(3);
  });

  it("shows no code before anyone connected, or when this side's own certificate differs between two peers", async () => {
    expect(await callSafetyCode({})).toBeUndefined();
    expect(await callSafetyCode({ anna: view("anna", anna, "connecting") })).toBeUndefined();
    const { fingerprints: _none, ...noKeys } = view("anna", anna, "connected");
    expect(codeInput({ anna: noKeys })).toBeUndefined();
    const twoCertificates = {
      anna: view("anna", anna, "connected"),
      ben: view("ben", ben, "connected", sdp(fingerprint("FF"))),
    };
    expect(await callSafetyCode(twoCertificates)).toBeUndefined();
  });
});
