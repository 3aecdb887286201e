// The account page's devices that can read patients' names, as rendered: one entry per device with its
// fingerprint in readable groups, a remove button each, this device marked by the key this browser holds,
// and a warning where the server lists this device with another fingerprint than the one held here.
import { renderToStringAsync } from "solid-js/web";
import { describe, expect, it } from "vitest";
import { DeviceKeyEntries } from "../../client/src/provider/account/device-keys.tsx";
import { setLanguage } from "../../client/src/shared/i18n.ts";
import type { DeviceKeyView } from "../../schema/api-types.ts";
import { findAll, findOne } from "./html.ts";

await import("../../client/src/provider/i18n-provider.ts");

const device = (id: string, label: string, fingerprint: string): DeviceKeyView => ({
  id: id.padEnd(22, "A"),
  label,
  fingerprint,
  publicKey: "B".repeat(87),
  createdAt: "2030-01-01T09:00:00.000Z",
  lastUsedAt: "2030-02-01T09:00:00.000Z",
});

const laptop = device("laptop", "Firefox on Linux", "0a1b 2c3d 4e5f 6071 8293 a4b5 c6d7 e8f9");
const phone = device("phone", "Safari on iPhone", "ffee ddcc bbaa 9988 7766 5544 3322 1100");
const remove = async () => undefined;

describe("the devices that can read patients' names", () => {
  it("lists each device with its label, its fingerprint and a remove button, and marks this one", async () => {
    await setLanguage("en");
    const html = await renderToStringAsync(() => (
      <DeviceKeyEntries
        devices={[laptop, phone]}
        mine={{ kid: phone.id, fingerprint: phone.fingerprint }}
        remove={remove}
      />
    ));
    const list = findOne(html, "device-keys");
    expect(list.outer).toMatch(/^<ul/);
    const entries = findAll(html, "device-key");
    expect(entries.map((entry) => entry.attributes["data-fingerprint"])).toEqual([
      laptop.fingerprint,
      phone.fingerprint,
    ]);
    expect(entries[0]?.text).toContain("Firefox on Linux");
    expect(entries[0]?.text).toContain("0a1b 2c3d 4e5f 6071 8293 a4b5 c6d7 e8f9");
    expect(entries[0]?.text).toContain("Last used");
    expect(findAll(html, "device-key-remove")).toHaveLength(2);
    expect(findAll(html, "device-key-remove")[1]?.attributes["aria-label"]).toBe("Remove: Safari on iPhone, ffee");
    // This device is marked once, inside its own entry.
    findOne(html, "device-key-this");
    expect(findAll(entries[1]?.outer ?? "", "device-key-this")).toHaveLength(1);
    expect(findAll(entries[0]?.outer ?? "", "device-key-this")).toHaveLength(0);
    expect(html).not.toContain("another fingerprint");
  });

  it("marks no device where this browser holds no key", async () => {
    await setLanguage("de");
    const html = await renderToStringAsync(() => (
      <DeviceKeyEntries devices={[laptop]} mine={undefined} remove={remove} />
    ));
    expect(findAll(html, "device-key-this")).toHaveLength(0);
    expect(findOne(html, "device-key-remove").text).toBe("Entfernen");
    expect(findOne(html, "device-key").text).toContain("Fingerabdruck");
  });

  it("warns where the server lists this device's key with another fingerprint than the one held here", async () => {
    await setLanguage("en");
    const html = await renderToStringAsync(() => (
      <DeviceKeyEntries devices={[laptop]} mine={{ kid: laptop.id, fingerprint: phone.fingerprint }} remove={remove} />
    ));
    expect(findOne(html, "device-key").text).toContain("another fingerprint than the one this browser holds");
  });
});
