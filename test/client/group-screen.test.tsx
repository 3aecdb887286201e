// The call's tiles and the group screen as they render: one `participant` tile per other person with
// who they are and how their connection stands, the grid for three or more people, and the
// participants panel. Rendered by Solid's server renderer (the "render" project), read by hook.
import { renderToStringAsync } from "solid-js/web";
import { describe, expect, it, vi } from "vitest";
import type { ParticipantView } from "../../client/src/call/call-state.ts";
import { GroupLayout, GroupStage, ParticipantsPanel } from "../../client/src/call/group/index.ts";
import type { MediaState } from "../../client/src/call/peer.ts";
import { loadLabelWords, ParticipantTile } from "../../client/src/call/ui/stage.tsx";
import { SafetyCode } from "../../client/src/call/ui/top-bar.tsx";
import type { Participant, Role } from "../../schema/messages.ts";
import { type MediaFlags, NO_FLAGS } from "../../schema/peer-messages.ts";
import { findAll, findOne } from "./html.ts";

/** A participant as the room will name them once it knows guests: label and moderator are read as optional. */
function person(id: string, name: string, role: string, extra: { label?: string; moderator?: boolean } = {}) {
  return { id, name, role, ...extra } as unknown as Participant;
}

function view(participant: Participant, media: MediaState, remote: Partial<MediaFlags> = {}): ParticipantView {
  return { participant, media, remote: { ...NO_FLAGS, ...remote }, suggestAudioOnly: false, quality: "good" };
}

/** A call of four as the provider's page holds it: a patient, an interpreter still connecting, a relative whose line dropped. */
const group: Record<string, ParticipantView> = {
  "c-patient": view(person("c-patient", "Erika Muster", "patient"), "connected", { muted: true }),
  "c-interpreter": view(person("c-interpreter", "Ana Lima", "guest", { label: "interpreter" }), "connecting"),
  "c-relative": view(person("c-relative", "Paul Muster", "guest", { label: "Sohn" }), "failed", { cameraOff: true }),
};

describe("a participant's tile", () => {
  it("in a 1:1 call: the one tile with who they are, their picture, mute and line", async () => {
    const html = await renderToStringAsync(() => (
      <ParticipantTile view={group["c-patient"] as ParticipantView} audioOnlyHere={false} />
    ));
    const tile = findOne(html, "participant");
    expect(tile.attributes).toMatchObject({
      "data-participant-id": "c-patient",
      "data-role": "patient",
      "data-label": "",
      "data-speaking": "false",
      "data-state": "connected",
    });
    // The 1:1 hooks the browser tests use, inside the tile.
    expect(findAll(tile.outer, "remote-video")).toHaveLength(1);
    expect(findAll(tile.outer, "remote-frame")).toHaveLength(1);
    expect(findOne(tile.outer, "remote-muted").attributes["aria-label"]).toBe("Erika Muster is muted");
    expect(findAll(tile.outer, "participant-muted")).toHaveLength(1);
    expect(findOne(tile.outer, "participant-name").text).toBe("Erika Muster");
    expect(findOne(tile.outer, "quality-indicator").attributes["data-quality"]).toBe("good");
  });
});

describe("the group screen", () => {
  it("shows everyone else in the grid, each tile with name, label, mute, camera and connection state", async () => {
    // The labels' words come with the group chunk, as on a page that has loaded it.
    await loadLabelWords();
    const html = await renderToStringAsync(() => (
      <GroupLayout
        participants={group}
        audioOnlyHere={false}
        layout="grid"
        speaking={new Set()}
        togglePin={() => undefined}
      />
    ));
    expect(findOne(html, "layout-grid").attributes["data-count"]).toBe("3");
    expect(findAll(html, "layout-speaker")).toHaveLength(0);
    const tiles = findAll(html, "participant");
    expect(tiles.map((tile) => tile.attributes["data-participant-id"])).toEqual([
      "c-patient",
      "c-interpreter",
      "c-relative",
    ]);
    expect(tiles.map((tile) => tile.attributes["data-state"])).toEqual(["connected", "connecting", "reconnecting"]);
    expect(tiles.map((tile) => tile.attributes["data-role"])).toEqual(["patient", "guest", "guest"]);
    expect(tiles.map((tile) => tile.attributes["data-label"])).toEqual(["", "interpreter", "Sohn"]);
    expect(tiles.every((tile) => tile.attributes["data-speaking"] === "false")).toBe(true);
    const [patient, interpreter, relative] = tiles.map((tile) => tile.outer);
    // A preset label in the page's words, the practice's own words as typed.
    expect(findOne(interpreter ?? "", "participant-name").text).toBe("Ana Lima · interpreter");
    expect(findOne(relative ?? "", "participant-name").text).toBe("Paul Muster · Sohn");
    // Muted: the icon on that tile only.
    expect(findAll(patient ?? "", "participant-muted")).toHaveLength(1);
    expect(findAll(interpreter ?? "", "participant-muted")).toHaveLength(0);
    // Camera off: the avatar with initials; the others show their picture.
    expect(findOne(relative ?? "", "remote-camera-off").text).toContain("PM");
    expect(findAll(patient ?? "", "remote-camera-off")).toHaveLength(0);
    // Every tile plays its own person and shows its own line.
    expect(findAll(html, "remote-video")).toHaveLength(3);
    expect(findAll(html, "quality-indicator")).toHaveLength(3);
  });

  it("lists everyone in the participants panel, this side first, with label, role, moderator, mute, camera and state", async () => {
    const me = person("c-me", "Dr. Weber", "provider", { moderator: true });
    const html = await renderToStringAsync(() => (
      <ParticipantsPanel
        self={me}
        ownRole="provider"
        local={{ ...NO_FLAGS, cameraOff: true }}
        participants={group}
        close={() => undefined}
      />
    ));
    const panel = findOne(html, "participants-panel");
    expect(panel.text).toContain("4 in this consultation");
    const entries = findAll(html, "participants-entry");
    expect(entries.map((entry) => entry.attributes["data-participant-id"])).toEqual([
      "c-me",
      "c-patient",
      "c-interpreter",
      "c-relative",
    ]);
    const [self, patient, interpreter, relative] = entries;
    expect(self?.attributes["data-self"]).toBe("true");
    expect(self?.text).toContain("Dr. Weber (you)");
    expect(findAll(self?.outer ?? "", "participant-moderator")).toHaveLength(1);
    expect(findAll(self?.outer ?? "", "participant-entry-camera-off")).toHaveLength(1);
    expect(self?.text).toContain("Provider");
    expect(findAll(patient?.outer ?? "", "participant-moderator")).toHaveLength(0);
    expect(findAll(patient?.outer ?? "", "participant-entry-muted")).toHaveLength(1);
    expect(patient?.text).toContain("Connected");
    expect(interpreter?.text).toContain("interpreter");
    expect(interpreter?.text).toContain("Guest");
    expect(interpreter?.attributes["data-state"]).toBe("connecting");
    expect(relative?.attributes["data-state"]).toBe("reconnecting");
    expect(relative?.text).toContain("Reconnecting");
    expect(findAll(relative?.outer ?? "", "participant-entry-camera-off")).toHaveLength(1);
  });

  it("lists a 1:1 call too: the panel is there whatever the number of people", async () => {
    const html = await renderToStringAsync(() => (
      <ParticipantsPanel
        self={person("c-me", "Erika Muster", "patient")}
        ownRole="patient"
        local={NO_FLAGS}
        participants={{ "c-doc": view(person("c-doc", "Dr. Weber", "provider"), "connected") }}
        close={() => undefined}
      />
    ));
    expect(findAll(html, "participants-entry")).toHaveLength(2);
    expect(findAll(html, "participant-moderator")).toHaveLength(0);
  });
});

describe("speaker view", () => {
  /** The person in the large place: the tile inside the one cell marked large. */
  function largeTile(html: string) {
    const large = findAll(html, "layout-cell").filter((cell) => cell.attributes["data-large"] === "true");
    expect(large).toHaveLength(1);
    return findOne(large[0]?.outer ?? "", "participant").attributes["data-participant-id"];
  }

  it("shows the pinned person large, the others in the strip, and marks who is talking", async () => {
    const html = await renderToStringAsync(() => (
      <GroupLayout
        participants={group}
        audioOnlyHere={false}
        layout="speaker"
        pinned="c-relative"
        active="c-patient"
        speaking={new Set(["c-patient"])}
        togglePin={() => undefined}
      />
    ));
    expect(findOne(html, "layout-speaker").attributes["data-count"]).toBe("3");
    expect(findAll(html, "layout-grid")).toHaveLength(0);
    // Pinned beats talking: the relative is large although the patient talks.
    expect(largeTile(html)).toBe("c-relative");
    const tiles = findAll(html, "participant");
    expect(tiles.map((tile) => tile.attributes["data-speaking"])).toEqual(["true", "false", "false"]);
    // Every tile has its pin, a toggle named for its person; only the pinned one is pressed.
    const pins = tiles.map((tile) => findOne(tile.outer, "participant-pin").attributes);
    expect(pins.map((pin) => pin["aria-pressed"])).toEqual(["false", "false", "true"]);
    expect(pins.map((pin) => pin["aria-label"])).toEqual([
      "Show Erika Muster large",
      "Show Ana Lima large",
      "Show Paul Muster large",
    ]);
  });

  it("shows whoever talks large when nobody is pinned, and the first person before anyone has talked", async () => {
    const render = (active: string | undefined) =>
      renderToStringAsync(() => (
        <GroupLayout
          participants={group}
          audioOnlyHere={false}
          layout="speaker"
          active={active}
          speaking={new Set(active ? [active] : [])}
          togglePin={() => undefined}
        />
      ));
    expect(largeTile(await render("c-interpreter"))).toBe("c-interpreter");
    expect(largeTile(await render(undefined))).toBe("c-patient");
    // Someone pinned who has left: the large place goes back to whoever talks.
    const gone = await renderToStringAsync(() => (
      <GroupLayout
        participants={group}
        audioOnlyHere={false}
        layout="speaker"
        pinned="c-left"
        active="c-interpreter"
        speaking={new Set()}
        togglePin={() => undefined}
      />
    ));
    expect(largeTile(gone)).toBe("c-interpreter");
  });

  it("marks who is talking in the grid too, where nobody is large", async () => {
    const html = await renderToStringAsync(() => (
      <GroupLayout
        participants={group}
        audioOnlyHere={false}
        layout="grid"
        active="c-interpreter"
        speaking={new Set(["c-interpreter"])}
        togglePin={() => undefined}
      />
    ));
    expect(findAll(html, "layout-cell").filter((cell) => cell.attributes["data-large"])).toHaveLength(0);
    const speaking = findAll(html, "participant").map((tile) => tile.attributes["data-speaking"]);
    expect(speaking).toEqual(["false", "true", "false"]);
  });
});

describe("the group stage", () => {
  it("offers both layouts as pressed-or-not buttons below the pictures; a larger screen starts with the grid", async () => {
    const html = await renderToStringAsync(() => (
      <GroupStage participants={group} peers={new Map()} audioOnlyHere={false} />
    ));
    // No window in the server renderer: what a laptop gets.
    expect(findAll(html, "layout-grid")).toHaveLength(1);
    const switcher = findOne(html, "layout-switch");
    // A fieldset: a group named by its legend.
    expect(switcher.outer.startsWith("<fieldset")).toBe(true);
    expect(switcher.outer).toContain(">Layout</legend>");
    expect(findOne(switcher.outer, "layout-switch-grid").attributes["aria-pressed"]).toBe("true");
    expect(findOne(switcher.outer, "layout-switch-speaker").attributes["aria-pressed"]).toBe("false");
    expect(findOne(switcher.outer, "layout-switch-speaker").text).toBe("Speaker");
  });

  it("starts in speaker view on a phone", async () => {
    const phone = (query: string) => ({ matches: query.includes("max-width: 600px") }) as MediaQueryList;
    vi.stubGlobal("matchMedia", phone);
    try {
      const html = await renderToStringAsync(() => (
        <GroupStage participants={group} peers={new Map()} audioOnlyHere={false} />
      ));
      expect(findAll(html, "layout-speaker")).toHaveLength(1);
      expect(findOne(html, "layout-switch-speaker").attributes["aria-pressed"]).toBe("true");
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("the safety code in the top bar", () => {
  // Through variables: the prop is the viewer's role in the call, not an ARIA role.
  const provider: Role = "provider";
  const patient: Role = "patient";
  it("shows the code as the hook's whole text with the number of people it covers, and what it covers in a group", async () => {
    const pair = await renderToStringAsync(() => (
      <SafetyCode code="1234 5678 9012 3456" participants={2} role={provider} />
    ));
    expect(findOne(pair, "safety-code").text).toBe("1234 5678 9012 3456");
    expect(findOne(pair, "safety-code").attributes["data-participants"]).toBe("2");
    expect(pair).toContain("Read this code out to your patient.");
    expect(findAll(pair, "safety-code-covers")).toHaveLength(0);

    const three = await renderToStringAsync(() => (
      <SafetyCode code="1234 5678 9012 3456" participants={3} role={patient} />
    ));
    expect(findOne(three, "safety-code").attributes["data-participants"]).toBe("3");
    expect(findOne(three, "safety-code-covers").text).toBe(
      "This code covers 3 people: you and everyone your device is connected to.",
    );
  });
});
