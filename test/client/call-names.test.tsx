// Who is who in a call when the server knows only providers' names (issue 25): a patient's or guest's
// tile, roster entry and chat name are what their page told over the data channel, a provider's the
// room's, and a word for the role until a name came. Rendered by Solid's server renderer, read by hook.
import { renderToStringAsync } from "solid-js/web";
import { describe, expect, it } from "vitest";
import type { ParticipantView } from "../../client/src/call/call-state.ts";
import { ParticipantsPanel } from "../../client/src/call/group/index.ts";
import { nameOf } from "../../client/src/call/participant-name.ts";
import { loadLabelWords, ParticipantTile } from "../../client/src/call/ui/stage.tsx";
import type { Participant } from "../../schema/messages.ts";
import { NO_FLAGS } from "../../schema/peer-messages.ts";
import { findAll, findOne } from "./html.ts";

function view(participant: Participant, told?: string): ParticipantView {
  return { participant, told, media: "connected", remote: NO_FLAGS, suggestAudioOnly: false, quality: "good" };
}

const patient: Participant = { id: "c-patient", role: "patient", moderator: false };
const interpreter: Participant = { id: "c-guest", role: "guest", label: "interpreter", moderator: false };
const doctor: Participant = { id: "c-doc", role: "provider", name: "Dr. Weber", moderator: true };

const tileName = async (shown: ParticipantView) => {
  const html = await renderToStringAsync(() => <ParticipantTile view={shown} audioOnlyHere={false} />);
  return findOne(html, "participant-name").text;
};

describe("a participant's name in the call", () => {
  it("shows on their tile the name their page told", async () => {
    expect(await tileName(view(patient, "Zebulon Quaxley"))).toBe("Zebulon Quaxley");
  });

  it("stands in with a word for their role until a name came, the label beside it", async () => {
    await loadLabelWords();
    expect(await tileName(view(patient))).toBe("Patient");
    expect(await tileName(view(interpreter))).toBe("Guest · interpreter");
    expect(await tileName(view(interpreter, "Ana Lima"))).toBe("Ana Lima · interpreter");
  });

  it("names a provider as the room does, whatever their page tells", () => {
    expect(nameOf(view(doctor, "Someone Else"))).toBe("Dr. Weber");
  });

  it("shows the told names in the participants panel, and this side's own as typed", async () => {
    const html = await renderToStringAsync(() => (
      <ParticipantsPanel
        self={{ id: "c-me", role: "patient", moderator: false }}
        ownName="Zebulon Quaxley"
        ownRole="patient"
        local={NO_FLAGS}
        participants={{ "c-doc": view(doctor), "c-guest": view(interpreter, "Ana Lima") }}
        close={() => undefined}
      />
    ));
    const entries = findAll(html, "participants-entry").map((entry) => entry.text);
    expect(entries[0]).toContain("Zebulon Quaxley (you)");
    expect(entries[1]).toContain("Dr. Weber");
    expect(entries[2]).toContain("Ana Lima");
  });
});
