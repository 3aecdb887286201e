import { describe, expect, it } from "vitest";
import { type CallState, CallStore } from "../../client/src/call/call-state.ts";
import { MAX_PEERS, Roster } from "../../client/src/call/roster.ts";
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

  it("holds one peer for now, for the first other participant, even if a snapshot names more", () => {
    expect(MAX_PEERS).toBe(1);
    const roster = greetedRoster();
    const first = participant("patient-2");
    const second = participant("patient-3");
    expect(roster.presence([me, first, second], [])).toEqual({ joined: [first], left: [] });
    expect(roster.others).toEqual([first, second]);
  });

  it("says when the room greets a new connection of this side, whose peers are all stale", () => {
    const roster = new Roster();
    expect(roster.greeted("provider-1")).toBe(false);
    expect(roster.greeted("provider-1")).toBe(false);
    expect(roster.greeted("provider-4")).toBe(true);
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
});
