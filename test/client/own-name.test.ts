// The name a patient typed stays in their tab (issue 25): kept per link for the waiting room, handed to
// the call page under the consultation's id, and gone with the tab. So is the link's key commitment.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  callName,
  keepLinkCommitment,
  keepOwnName,
  linkCommitment,
  ownName,
} from "../../client/src/shared/own-name.ts";
import { takeTicket } from "../../client/src/shared/tickets.ts";
import { tabTickets } from "../../client/src/waiting/tab-tickets.ts";

let stored: Map<string, string>;

beforeEach(() => {
  stored = new Map();
  vi.stubGlobal("sessionStorage", {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  });
});

afterEach(() => vi.unstubAllGlobals());

describe("the patient's own name in their tab", () => {
  it("is kept per link, under anteroom.name.<link>, for invitations and personal rooms alike", () => {
    keepOwnName("tok3n", "Ada Lovelace");
    keepOwnName("room:praxis/berg", "Grace Hopper");
    expect(stored.get("anteroom.name.tok3n")).toBe("Ada Lovelace");
    expect(ownName("tok3n")).toBe("Ada Lovelace");
    expect(ownName("room:praxis/berg")).toBe("Grace Hopper");
    expect(ownName("other")).toBeUndefined();
  });

  it("goes to the call page under anteroom.name.call.<consultation> when the waiting room hands over", () => {
    keepOwnName("tok3n", "Ada Lovelace");
    tabTickets("tok3n").keepCall("consult-1", "call-ticket");
    expect(takeTicket("consult-1")).toBe("call-ticket");
    expect(stored.get("anteroom.name.call.consult-1")).toBe("Ada Lovelace");
    expect(callName("consult-1")).toBe("Ada Lovelace");
  });

  it("is not made up when the tab never had the form: the call page finds none", () => {
    tabTickets("tok3n").keepCall("consult-1", "call-ticket");
    expect(callName("consult-1")).toBeUndefined();
  });

  it("is simply not kept when the browser refuses storage: nothing breaks", () => {
    vi.stubGlobal("sessionStorage", {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    });
    expect(() => keepOwnName("tok3n", "Ada")).not.toThrow();
    expect(ownName("tok3n")).toBeUndefined();
  });
});

describe("the link's key commitment in the tab", () => {
  it("is kept as the fragment read, and a later load of the link without one (the way back from the call) keeps it", () => {
    keepLinkCommitment("tok3n", "#k=AAAAAAAAAAAAAAAA");
    keepLinkCommitment("tok3n", "");
    keepLinkCommitment("tok3n", "#lang=de");
    expect(linkCommitment("tok3n")).toBe("#k=AAAAAAAAAAAAAAAA");
    expect(stored.get("anteroom.keys.tok3n")).toBe("#k=AAAAAAAAAAAAAAAA");
  });

  it("is none for a link without k= (a join code, a personal room, an older link)", () => {
    keepLinkCommitment("tok3n", "");
    keepLinkCommitment("room:praxis/berg", "#block=1");
    expect(linkCommitment("tok3n")).toBeUndefined();
    expect(linkCommitment("room:praxis/berg")).toBeUndefined();
  });
});
