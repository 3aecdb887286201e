import { describe, expect, it } from "vitest";
import { Batched } from "../../durable-objects/batched.ts";

/** A lookup that answers only when told, recording what each call asked for. */
function heldLookup() {
  const calls: { keys: string[]; answer(found: Map<string, string>): void; fail(error: Error): void }[] = [];
  const lookUp = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => calls.push({ keys, answer: resolve, fail: reject }));
  return { calls, lookUp };
}

const upper = (keys: string[]) => new Map(keys.map((key) => [key, key.toUpperCase()]));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("a batched lookup", () => {
  it("asks for everyone who arrived while a lookup ran in one next lookup", async () => {
    const { calls, lookUp } = heldLookup();
    const batched = new Batched(lookUp);
    const first = batched.get("a");
    const later = ["b", "c", "d"].map((key) => batched.get(key));
    expect(calls.map((call) => call.keys)).toEqual([["a"]]);
    calls[0]!.answer(upper(["a"]));
    expect(await first).toBe("A");
    await settle();
    expect(calls.map((call) => call.keys)).toEqual([["a"], ["b", "c", "d"]]);
    calls[1]!.answer(upper(["b", "c", "d"]));
    expect(await Promise.all(later)).toEqual(["B", "C", "D"]);
  });

  it("asks for a key once however many wait for it, and answers a key not found with undefined", async () => {
    const { calls, lookUp } = heldLookup();
    const batched = new Batched(lookUp);
    void batched.get("first");
    const twice = [batched.get("x"), batched.get("x"), batched.get("missing")];
    calls[0]!.answer(new Map());
    await settle();
    expect(calls[1]!.keys).toEqual(["x", "missing"]);
    calls[1]!.answer(new Map([["x", "found"]]));
    expect(await Promise.all(twice)).toEqual(["found", "found", undefined]);
  });

  it("asks for at most maxKeys at a time", async () => {
    const { calls, lookUp } = heldLookup();
    const batched = new Batched(lookUp, 2);
    const all = ["a", "b", "c", "d", "e"].map((key) => batched.get(key));
    calls[0]!.answer(upper(["a"]));
    await settle();
    calls[1]!.answer(upper(["b", "c"]));
    await settle();
    calls[2]!.answer(upper(["d", "e"]));
    expect(await Promise.all(all)).toEqual(["A", "B", "C", "D", "E"]);
    expect(calls.map((call) => call.keys)).toEqual([["a"], ["b", "c"], ["d", "e"]]);
  });

  it("fails only the callers of a lookup that failed; the next ones are asked for again", async () => {
    const { calls, lookUp } = heldLookup();
    const batched = new Batched(lookUp);
    const failing = batched.get("a");
    const next = batched.get("b");
    calls[0]!.fail(new Error("D1 unavailable"));
    await expect(failing).rejects.toThrow("D1 unavailable");
    await settle();
    calls[1]!.answer(upper(["b"]));
    expect(await next).toBe("B");
    // Asked for after the others were answered: looked up too, never left waiting.
    const again = batched.get("c");
    await settle();
    expect(calls).toHaveLength(3);
    calls[2]!.answer(upper(["c"]));
    expect(await again).toBe("C");
  });
});
