// Moderation as the screens show it: the moderator's controls in the participants panel (and nobody
// else's), the notice on the page of someone asked to mute, and the page of someone removed. Rendered
// by Solid's server renderer (the "render" project), read by hook.
import { Route, Router } from "@solidjs/router";
import { renderToStringAsync } from "solid-js/web";
import { describe, expect, it } from "vitest";
import type { ParticipantView } from "../../client/src/call/call-state.ts";
import { AskedToMuteNotice, GraceNotice, ParticipantsPanel } from "../../client/src/call/group/index.ts";
import type { Moderation } from "../../client/src/call/group/moderation.tsx";
import { EndDialog } from "../../client/src/call/ui/end-dialog.tsx";
import { CallEnded } from "../../client/src/call/ui/ended.tsx";

import type { Participant } from "../../schema/messages.ts";
import { type MediaFlags, NO_FLAGS } from "../../schema/peer-messages.ts";
import { findAll, findOne } from "./html.ts";

function view(participant: Participant, remote: Partial<MediaFlags> = {}): ParticipantView {
  return {
    participant,
    media: "connected",
    remote: { ...NO_FLAGS, ...remote },
    suggestAudioOnly: false,
    quality: "good",
  };
}

const others: Record<string, ParticipantView> = {
  "c-patient": view({ id: "c-patient", role: "patient", name: "Erika Muster", moderator: false }, { muted: true }),
  "c-interpreter": view({
    id: "c-interpreter",
    role: "guest",
    name: "Ana Lima",
    label: "interpreter",
    moderator: false,
  }),
  "c-colleague": view({ id: "c-colleague", role: "provider", name: "Dr. Lang", moderator: false }),
};

const noop: Moderation = { askMute() {}, remove() {}, lock() {}, makeModerator() {} };

/** The panel as the page of `self` shows it, with the session's moderation messages passed in as the call screen does. */
function panel(self: Participant, locked = false) {
  return renderToStringAsync(() => (
    <ParticipantsPanel
      self={self}
      ownRole={self.role}
      local={NO_FLAGS}
      participants={others}
      locked={locked}
      moderation={noop}
      close={() => undefined}
    />
  ));
}

const entryOf = (html: string, id: string) =>
  findAll(html, "participants-entry").find((entry) => entry.attributes["data-participant-id"] === id)?.outer ?? "";

describe("the moderator's controls in the participants panel", () => {
  it("give the moderator ask-to-mute and remove for everyone else, hand-over only to a provider, and the lock", async () => {
    const html = await panel({ id: "c-me", role: "provider", name: "Dr. Weber", moderator: true });
    // Nothing to do to oneself.
    expect(findAll(entryOf(html, "c-me"), "participant-remove")).toHaveLength(0);
    for (const id of ["c-patient", "c-interpreter", "c-colleague"]) {
      expect(findAll(entryOf(html, id), "participant-ask-mute")).toHaveLength(1);
      expect(findAll(entryOf(html, id), "participant-remove")).toHaveLength(1);
    }
    expect(findOne(entryOf(html, "c-patient"), "participant-remove").attributes["aria-label"]).toBe(
      "Remove Erika Muster from the call",
    );
    // Already muted: nothing to ask of the patient; the interpreter can be asked.
    expect(findOne(entryOf(html, "c-patient"), "participant-ask-mute").attributes["aria-disabled"]).toBe("true");
    expect(findOne(entryOf(html, "c-interpreter"), "participant-ask-mute").attributes["aria-disabled"]).toBe("false");
    // Only a provider can take over moderation.
    expect(findAll(entryOf(html, "c-patient"), "make-moderator")).toHaveLength(0);
    expect(findAll(entryOf(html, "c-interpreter"), "make-moderator")).toHaveLength(0);
    expect(findAll(entryOf(html, "c-colleague"), "make-moderator")).toHaveLength(1);
    // The removal asks first: no confirmation until the person presses remove.
    expect(findAll(html, "participant-remove-confirm")).toHaveLength(0);
    // No control anywhere unmutes someone else.
    expect(html).not.toMatch(/unmute/i);
    expect(findOne(html, "call-lock").attributes["aria-pressed"]).toBe("false");
  });

  it("shows the lock pressed while the consultation is locked", async () => {
    const html = await panel({ id: "c-me", role: "provider", name: "Dr. Weber", moderator: true }, true);
    const lock = findOne(html, "call-lock");
    expect(lock.attributes["aria-pressed"]).toBe("true");
    expect(html).toContain("Locked: nobody more can be added.");
  });

  it("shows no moderation control to a provider who does not moderate, to a patient or to a guest", async () => {
    const pages = await Promise.all([
      panel({ id: "c-me", role: "provider", name: "Dr. Kurz", moderator: false }),
      panel({ id: "c-me", role: "patient", name: "Max Muster", moderator: false }),
      panel({ id: "c-me", role: "guest", name: "Paul Muster", label: "relative", moderator: false }),
    ]);
    for (const html of pages) {
      for (const hook of ["participant-ask-mute", "participant-remove", "make-moderator", "call-lock"]) {
        expect(findAll(html, hook)).toHaveLength(0);
      }
      // The list itself is the same for everyone.
      expect(findAll(html, "participants-entry")).toHaveLength(4);
    }
  });
});

describe("moderation on a participant's page", () => {
  it("says who asked them to mute, as a status with a way to dismiss it", async () => {
    const html = await renderToStringAsync(() => (
      <AskedToMuteNotice by="Dr. Weber" dismiss={() => undefined} focusAfter={() => undefined} />
    ));
    const notice = findOne(html, "asked-to-mute");
    expect(notice.attributes.role).toBe("status");
    expect(notice.text).toContain("Dr. Weber asked you to mute.");
    expect(findAll(notice.outer, "asked-to-mute-dismiss")).toHaveLength(1);
  });

  it("tells someone removed that the provider removed them and that the call goes on, not that it has ended", async () => {
    const html = await renderToStringAsync(() => (
      <CallEnded note="removedFromCall" provider={false} brand={undefined} />
    ));
    const page = findOne(html, "call-ended");
    expect(page.attributes.role).toBe("status");
    expect(page.text).toContain("The provider removed you from the consultation.");
    expect(page.text).not.toContain("has ended");
    expect(findOne(html, "removed-from-call").text).toBe("The consultation goes on without you; you cannot rejoin it.");
    // Any other ending has no such hook.
    const ended = await renderToStringAsync(() => <CallEnded note={undefined} provider={false} brand={undefined} />);
    expect(findAll(ended, "removed-from-call")).toHaveLength(0);
    expect(findOne(ended, "call-ended").text).toContain("The consultation has ended.");
  });

  it("tells someone who left (a provider too) that they left and that the call goes on without them", async () => {
    const html = await renderToStringAsync(() => (
      <Router url="/c/c-1">
        <Route path="*" component={() => <CallEnded note="leftCall" provider={true} brand={undefined} />} />
      </Router>
    ));
    const page = findOne(html, "call-ended");
    expect(page.text).toContain("You have left the consultation.");
    expect(page.text).not.toContain("has ended");
    expect(findOne(html, "left-call").text).toBe("The consultation goes on without you.");
  });
});

describe("ending the call", () => {
  const dialog = (moderator: boolean) =>
    renderToStringAsync(() => (
      <EndDialog moderator={moderator} confirm={() => undefined} leave={() => undefined} cancel={() => undefined} />
    ));

  it("offers the moderator both: end for everyone, or leave with the call going on", async () => {
    const html = await dialog(true);
    expect(findOne(html, "end-confirm").text).toBe("End for everyone");
    expect(findOne(html, "end-leave").text).toBe("Leave");
  });

  it("lets anyone else only leave", async () => {
    const html = await dialog(false);
    expect(findOne(html, "end-confirm").text).toBe("Leave");
    expect(findAll(html, "end-leave")).toHaveLength(0);
  });

  it("tells everyone, with a countdown, that the call ends unless a provider comes back", async () => {
    const html = await renderToStringAsync(() => <GraceNotice endsAt={Date.now() + 45_500} />);
    const notice = findOne(html, "grace-period");
    expect(notice.attributes.role).toBe("status");
    expect(notice.text).toMatch(/Unless a provider comes back, the consultation ends in 0:4[56]/);
  });
});
