// The provider's queue names each waiting patient as this device can open their sealed name (issue 25):
// the name where it opened, else a stand-in under the hook `name-sealed-unavailable`, and every button
// of the row says whom it acts on in the same words. Rendered by Solid's server renderer, read by hook.
import { renderToStringAsync } from "solid-js/web";
import { describe, expect, it, vi } from "vitest";
import type { DeskSession, DeskState } from "../../client/src/waiting/desk-session.ts";
import type { NameOpener, NameState } from "../../client/src/waiting/open-names.ts";
import type { ProviderPresence } from "../../client/src/waiting/presence-context.tsx";
import { WaitingRoomPanel } from "../../client/src/waiting/provider-queue.tsx";
import type { WaitingPatient } from "../../schema/messages.ts";
import { findAll } from "./html.ts";

vi.stubGlobal("window", {});
await import("../../client/src/provider/i18n-provider.ts");

const base = { waitingSince: 0, appointment: null, device: null, onHold: false };
const patients: WaitingPatient[] = [
  { id: "w-open", sealedFor: "inv-1", ...base },
  { id: "w-elsewhere", sealedFor: "inv-2", ...base },
  { id: "w-none", sealedFor: "inv-3", label: "interpreter", ...base },
];
const opened: Record<string, NameState> = {
  "w-open": { kind: "open", name: "Zebulon Quaxley" },
  "w-elsewhere": { kind: "unavailable", reason: "not-on-this-device" },
  "w-none": { kind: "unavailable", reason: "not-shared" },
};
const names: NameOpener = {
  state: (patient) => opened[patient.id] ?? { kind: "pending" },
  subscribe: () => () => undefined,
  dispose: () => undefined,
};

function presence(change: Partial<DeskState> = {}): ProviderPresence {
  const state: DeskState = {
    connection: "open",
    patients,
    colleagues: [],
    callRequests: [],
    returning: new Map(),
    status: { status: "available", message: "" },
    letBackInFailed: false,
    ignoredMessages: 0,
    ...change,
  };
  return {
    state: () => state,
    waiting: () => state.patients.length,
    desk: {} as DeskSession,
    saveStatus: () => undefined,
    names,
    setProvider: () => undefined,
  };
}

describe("the provider's queue, with names sealed to device keys", () => {
  it("shows the name where it opened, and says where none is on this device, hooked", async () => {
    const html = await renderToStringAsync(() => <WaitingRoomPanel presence={presence()} />);
    const rows = findAll(html, "waiting-patient");
    expect(rows[0]?.text).toContain("Zebulon Quaxley");
    expect(findAll(html, "name-sealed-unavailable").map((hook) => hook.text)).toEqual([
      "Name visible on your other devices",
      "Name not shared",
    ]);
    expect(findAll(html, "admit").map((button) => button.attributes["aria-label"])).toEqual([
      "Admit: Zebulon Quaxley",
      "Admit: Name visible on your other devices",
      "Admit: Name not shared (interpreter)",
    ]);
  });

  it("confirms a notice by the name the row shows", async () => {
    const html = await renderToStringAsync(() => (
      <WaitingRoomPanel presence={presence({ noticeSentTo: patients[0] })} />
    ));
    expect(findAll(html, "notice-sent")[0]?.text).toBe("Notice sent to Zebulon Quaxley.");
  });
});

describe("a name still on its way", () => {
  it("stands in as the patient for their own invitation (labelled 'patient'), as a guest only for a guest's", async () => {
    const { shownName } = await import("../../client/src/waiting/patient-name.tsx");
    const pending: NameState = { kind: "pending" };
    expect(shownName(pending, undefined).text).toBe("Patient");
    expect(shownName(pending, "patient").text).toBe("Patient");
    expect(shownName(pending, "interpreter").text).toBe("Guest");
  });
});
