import { describe, expect, it } from "vitest";
import { type CallState, CallStore, callMedia, flatten } from "../../client/src/call/call-state.ts";
import { MAX_PEERS, politeToward, Roster } from "../../client/src/call/roster.ts";
import type { Participant, Role } from "../../schema/messages.ts";

const participant = (id: string, role: Role = "patient"): Participant => ({
  id,
  role,
  name: role,
  moderator: role === "provider",
});
const me = participant("provider-1", "provider");

/** A roster greeted as the provider's first connection. */
function greetedRoster(): Roster {
  const roster = new Roster();
  roster.greeted(me.id);
  return roster;
}

describe("a call's roster", () => {
  it("connects to the other participant of a snapshot, never to itself", () => {
    const roster = greetedRoster();
    expect(roster.presence([me], [])).toEqual({ joined: [], left: [] });
    expect(roster.everSeen).toBe(false);
    const other = participant("patient-2");
    expect(roster.presence([me, other], [])).toEqual({ joined: [other], left: [] });
    expect(roster.others).toEqual([other]);
    expect(roster.everSeen).toBe(true);
  });

  it("changes nothing when a snapshot names the participants it already holds peers for", () => {
    const roster = greetedRoster();
    expect(roster.presence([me, participant("patient-2")], ["patient-2"])).toEqual({ joined: [], left: [] });
  });

  it("lets a participant who left go, and remembers that someone was there", () => {
    const roster = greetedRoster();
    roster.presence([me, participant("patient-2")], []);
    expect(roster.presence([me], ["patient-2"])).toEqual({ joined: [], left: ["patient-2"] });
    expect(roster.others).toEqual([]);
    expect(roster.everSeen).toBe(true);
  });

  it("treats a reconnect of the other side (a new id) as the old one leaving and a new one joining", () => {
    const roster = greetedRoster();
    const again = participant("patient-3");
    expect(roster.presence([me, again], ["patient-2"])).toEqual({ joined: [again], left: ["patient-2"] });
  });

  it("holds a peer for each of up to four others (five in the call), and none for more in a snapshot", () => {
    expect(MAX_PEERS).toBe(4);
    const roster = greetedRoster();
    const others = [2, 3, 4, 5, 6].map((n) => participant(`patient-${n}`));
    expect(roster.presence([me, ...others], [])).toEqual({ joined: others.slice(0, 4), left: [] });
    expect(roster.others).toEqual(others);
  });

  it("keeps the peers of those who stay when one of a group leaves or comes back under a new id", () => {
    const roster = greetedRoster();
    const again = participant("patient-5");
    const staying = [participant("patient-2"), participant("patient-4")];
    expect(roster.presence([me, ...staying, again], ["patient-2", "patient-3", "patient-4"])).toEqual({
      joined: [again],
      left: ["patient-3"],
    });
  });

  it("says when the room greets a new connection of this side, whose peers are all stale", () => {
    const roster = new Roster();
    expect(roster.greeted("provider-1")).toBe(false);
    expect(roster.greeted("provider-1")).toBe(false);
    expect(roster.greeted("provider-4")).toBe(true);
  });
});

describe("who offers to whom", () => {
  const pairs: [string, Participant, Participant][] = [
    ["a provider to a patient (the 1:1 call)", me, participant("patient-9")],
    ["a provider to a guest", me, { id: "guest-0", role: "guest", name: "Interpreter" } as unknown as Participant],
    [
      "a patient to a guest",
      participant("patient-9"),
      { id: "guest-0", role: "guest", name: "G" } as unknown as Participant,
    ],
    ["the smaller connection id between two of a role", participant("patient-10"), participant("patient-9")],
    [
      "a patient to a role this page does not know (read as a guest's rank)",
      participant("patient-9"),
      {
        id: "x-1",
        role: "observer",
        name: "O",
      } as unknown as Participant,
    ],
  ];

  it.each(pairs)("%s: exactly one side of the pair offers", (_case, offerer, answerer) => {
    expect(politeToward(offerer, answerer)).toBe(false);
    expect(politeToward(answerer, offerer)).toBe(true);
  });

  it("breaks a tie between two guests by connection id too", () => {
    const one = { id: "guest-1", role: "guest" };
    const two = { id: "guest-2", role: "guest" };
    expect([politeToward(one, two), politeToward(two, one)]).toEqual([false, true]);
  });
});

describe("a call's state", () => {
  it("goes live, reconnecting and live again, and tells its listeners each time", () => {
    const store = new CallStore();
    const phases: string[] = [];
    store.subscribe((state) => phases.push(state.phase.name));
    store.enter({ name: "live" }, { role: "patient" });
    store.enter({ name: "reconnecting" });
    store.enter({ name: "live" });
    expect(phases).toEqual(["live", "reconnecting", "live"]);
    expect(store.state.role).toBe("patient");
    expect(store.over).toBe(false);
  });

  it("stays ended: a late 'reconnecting', a second ending or a failure change nothing", () => {
    const store = new CallStore();
    store.enter({ name: "live" });
    store.enter({ name: "ended", note: "aloneTooLong" });
    expect(store.over).toBe(true);
    store.enter({ name: "reconnecting" });
    store.enter({ name: "ended", note: "callLost" });
    store.enter({ name: "failed", problem: "ticketMissing" });
    expect(store.state.phase).toEqual({ name: "ended", note: "aloneTooLong" });
  });

  it("tells no listener anything once disposed (its screen is gone)", () => {
    const store = new CallStore();
    const heard: CallState[] = [];
    store.subscribe((state) => heard.push(state));
    store.dispose();
    store.update({ media: "connected" });
    store.enter({ name: "live" });
    expect(heard).toEqual([]);
    expect(store.over).toBe(true);
  });

  it("stops telling a listener that unsubscribed", () => {
    const store = new CallStore();
    const heard: string[] = [];
    const unsubscribe = store.subscribe((state) => heard.push(state.media));
    store.update({ media: "connecting" });
    unsubscribe();
    store.update({ media: "connected" });
    expect(heard).toEqual(["connecting"]);
    expect(store.state.media).toBe("connected");
  });

  it("is the one peer's media path in a 1:1 call, whatever it is", () => {
    for (const media of ["none", "connecting", "connected", "reconnecting", "failed"] as const) {
      expect(callMedia([media])).toBe(media);
    }
    expect(callMedia([])).toBe("none");
  });

  it("in a group: reconnecting only when every peer that has not failed is, failed only when all failed, else its best peer's", () => {
    expect(callMedia(["connected", "reconnecting"])).toBe("connected");
    expect(callMedia(["reconnecting", "reconnecting"])).toBe("reconnecting");
    expect(callMedia(["reconnecting", "failed"])).toBe("reconnecting");
    expect(callMedia(["failed", "connected"])).toBe("connected");
    expect(callMedia(["connecting", "reconnecting"])).toBe("connecting");
    expect(callMedia(["failed", "failed"])).toBe("failed");
  });

  it("flattens the first other participant for the 1:1 screen, and clears every field when there is none", () => {
    const flags = { muted: true, cameraOff: false, audioOnly: false, sharing: false };
    const views = {
      "patient-2": {
        participant: participant("patient-2"),
        media: "reconnecting" as const,
        safetyCode: "1234",
        suggestAudioOnly: false,
        remote: flags,
      },
      "patient-3": {
        participant: participant("patient-3"),
        media: "connected" as const,
        suggestAudioOnly: true,
        remote: flags,
      },
    };
    expect(flatten(views, "patient-2")).toMatchObject({
      media: "connected",
      safetyCode: "1234",
      suggestAudioOnly: false,
      remote: flags,
    });
    const none = flatten({}, undefined);
    expect(none).toMatchObject({ media: "none", safetyCode: undefined, remote: { muted: false } });
    expect(Object.keys(none)).toEqual(
      expect.arrayContaining(["remoteStream", "safetyCode", "quality", "fingerprints"]),
    );
  });
});
