// What a provider in a call sees of those waiting, and what the practice reads above a link just made:
// someone invited to the call's appointment (an interpreter) is listed once, under "Waiting to join this
// call", never counted again among those waiting for the provider's next consultation; a link of such an
// invitation says whom it is for. Rendered by Solid's server renderer (the "render" project), read by hook.
import { renderToStringAsync } from "solid-js/web";
import { describe, expect, it } from "vitest";
import { issuedLinkNote } from "../../client/src/provider/appointments/issued-link-note.ts";
import { ForThisCall, waitingAround } from "../../client/src/waiting/for-this-call.tsx";
import type { NameOpener, NameState } from "../../client/src/waiting/open-names.ts";
import type { WaitingPatient } from "../../schema/messages.ts";
import { findAll, findOne } from "./html.ts";

await import("../../client/src/provider/i18n-provider.ts");

/** The names this device opened, by patient id (the opening itself is open-names.test.ts's). */
const opened: Record<string, NameState> = {};
const names: NameOpener = {
  state: (patient) => opened[patient.id] ?? { kind: "pending" },
  subscribe: () => () => undefined,
  dispose: () => undefined,
};

const base = { waitingSince: 0, appointment: null, device: null, onHold: false };
const waiting = (id: string, name: string, more: Partial<WaitingPatient> = {}): WaitingPatient => {
  opened[id] = { kind: "open", name };
  return { id, sealedFor: `inv-${id}`, ...base, ...more };
};

const ivo = waiting("w-ivo", "Ivo Dolmetscher", { label: "interpreter", forCall: "c-1" });
const bea = waiting("w-bea", "Bea Next");
const otto = waiting("w-otto", "Otto Other", { label: "relative", forCall: "c-2" });

describe("those waiting, as a provider in a call sees them", () => {
  it("lists someone waiting to join this call only there, not among those waiting for the next consultation", () => {
    const { forThisCall, others } = waitingAround([ivo, bea, otto], "c-1");
    expect(forThisCall.map((p) => p.id)).toEqual(["w-ivo"]);
    // Waiting for another call (a colleague's) is still waiting, as far as this call goes.
    expect(others.map((p) => p.id)).toEqual(["w-bea", "w-otto"]);
    expect(waitingAround([ivo], "c-1").others).toEqual([]);
  });

  it("shows whoever waits to join this call with their label and an add button", async () => {
    const html = await renderToStringAsync(() => (
      <ForThisCall people={[ivo]} adding={undefined} failed={undefined} add={() => undefined} names={names} />
    ));
    const person = findOne(html, "call-waiting-person");
    expect(person.attributes["data-label"]).toBe("interpreter");
    expect(person.text).toContain("Ivo Dolmetscher");
    expect(findOne(html, "add-to-call").attributes["aria-label"]).toBe("Add to this call: Ivo Dolmetscher");
    const nobody = await renderToStringAsync(() => (
      <ForThisCall people={[]} adding={undefined} failed={undefined} add={() => undefined} names={names} />
    ));
    expect(findAll(nobody, "call-waiting")).toHaveLength(0);
  });

  it("says when a name is not on this device, hooked, and names the button by the label instead", async () => {
    const sealedElsewhere = { ...ivo, id: "w-elsewhere" };
    opened["w-elsewhere"] = { kind: "unavailable", reason: "not-on-this-device" };
    const html = await renderToStringAsync(() => (
      <ForThisCall
        people={[sealedElsewhere]}
        adding={undefined}
        failed={undefined}
        add={() => undefined}
        names={names}
      />
    ));
    expect(findOne(html, "name-sealed-unavailable").text).toBe("Name visible on your other devices");
    expect(findOne(html, "add-to-call").attributes["aria-label"]).toBe(
      "Add to this call: Name visible on your other devices (interpreter)",
    );
    expect(html).not.toContain("Ivo Dolmetscher");
  });

  it("says 'name not shared' when none came, and a neutral word while it is still coming, without the hook", async () => {
    const noName = { ...bea, id: "w-none" };
    opened["w-none"] = { kind: "unavailable", reason: "not-shared" };
    const coming = { ...ivo, id: "w-coming" };
    const html = await renderToStringAsync(() => (
      <ForThisCall
        people={[noName, coming]}
        adding={undefined}
        failed={undefined}
        add={() => undefined}
        names={names}
      />
    ));
    expect(findAll(html, "name-sealed-unavailable").map((hook) => hook.text)).toEqual(["Name not shared"]);
    const [, pending] = findAll(html, "call-waiting-person");
    expect(pending?.text).toContain("Guest");
  });
});

describe("a link just made for an invitation", () => {
  it("says whom it is for: the patient's as before, any other by its label", () => {
    expect(issuedLinkNote("patient")).toBe(
      "Invite link for the patient. Copy it now: for privacy it is shown only once.",
    );
    expect(issuedLinkNote("interpreter")).toBe(
      "Invite link for: interpreter. Copy it now: for privacy it is shown only once.",
    );
    expect(issuedLinkNote("Tante Erna")).toBe(
      "Invite link for: Tante Erna. Copy it now: for privacy it is shown only once.",
    );
  });
});
