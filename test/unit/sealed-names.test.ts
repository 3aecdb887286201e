// The waiting room and patients' names (issue 25): it asks each patient's page to seal the name to the
// device keys of whoever may see them, and relays the sealed box to dashboards without opening it.
import { describe, expect, it } from "vitest";
import type { SealedName, SealKey } from "../../schema/sealed-name.ts";
import { idOf, room } from "./waiting-room-harness.ts";

const KEY: SealKey = { kid: "device-key-0000000000a", publicKey: "B".repeat(87) };
/** A box of the right shape; the room never looks inside. */
const box = (marker = "A"): SealedName => ({
  v: 1,
  epk: marker.repeat(87),
  iv: "A".repeat(16),
  ct: "A".repeat(40),
  to: [{ kid: KEY.kid, iv: "A".repeat(16), key: "A".repeat(64) }],
});
/** Lets the room's lookups of keys settle. */
const lookedUp = () => new Promise((resolve) => setTimeout(resolve));

describe("the waiting room and sealed names", () => {
  it("asks a patient's page to seal the name to the keys of whoever may see them, bound to their invitation", async () => {
    const asked: string[] = [];
    const { patient } = room({
      sealKeys: async (p) => {
        asked.push(p.inviteId);
        return [KEY];
      },
    });
    const ada = patient("Ada");
    await lookedUp();
    expect(ada.last("seal-to")).toEqual({ type: "seal-to", for: "invite-Ada", purpose: "patient-name", keys: [KEY] });
    expect(asked).toEqual(["invite-Ada"]);
  });

  it("asks someone who came through a labelled invitation (an interpreter) to seal it as a guest's name", async () => {
    const { patient } = room({ sealKeys: async () => [KEY] });
    const ivan = patient("Ivan", { label: "interpreter" });
    await lookedUp();
    expect(ivan.last("seal-to")?.purpose).toBe("guest-name");
  });

  it("asks for no name when the keys cannot be read, and the patient waits all the same", async () => {
    const { patient } = room({ sealKeys: () => Promise.reject(new Error("D1 unavailable")) });
    const ada = patient("Ada");
    await lookedUp();
    expect(ada.last("seal-to")).toBeUndefined();
    expect(ada.last("position")?.position).toBe(1);
  });

  it("relays a sealed name to the dashboards as it came, and shows it to a dashboard that opens later", async () => {
    const { send, provider, patient } = room({ sealKeys: async () => [KEY] });
    const dr = provider();
    const ada = patient("Ada");
    await send(ada, { type: "name", sealed: box() });
    expect(dr.last("updated")?.patient).toMatchObject({ id: idOf(ada), sealedFor: "invite-Ada", sealedName: box() });
    const colleague = provider("session-2");
    expect(colleague.last("queue")?.patients[0]?.sealedName).toEqual(box());
  });

  it("forgets the sealed name when the same link connects again: only the new page's own name names it", async () => {
    // Someone else may have opened a forwarded link: the practice must not see the first person's name.
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    await send(ada, { type: "name", sealed: box() });
    const again = patient("Ada");
    expect(dr.last("arrived")?.patient).not.toHaveProperty("sealedName");
    await send(again, { type: "name", sealed: box("B") });
    expect(dr.last("updated")?.patient.sealedName).toEqual(box("B"));
  });

  it("refuses a malformed or oversized sealed name with an error, and changes nothing", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    const ada = patient("Ada");
    const updates = () => dr.sent.filter((m) => m.type === "updated").length;
    for (const sealed of [
      { ...box(), v: 2 },
      { ...box(), ct: "not base64!" },
      { ...box(), ct: "A".repeat(5_000) },
      { ...box(), to: [] },
      "Ada Lovelace",
    ]) {
      await send(ada, { type: "name", sealed });
      expect(ada.last("error")?.code).toBe("invalid-message");
    }
    expect(updates()).toBe(0);
  });

  it("takes no name from a provider's dashboard", async () => {
    const { send, provider, patient } = room();
    const dr = provider();
    patient("Ada");
    await send(dr, { type: "name", sealed: box() });
    expect(dr.last("error")).toBeDefined();
    expect(dr.sent.some((m) => m.type === "updated")).toBe(false);
  });
});
