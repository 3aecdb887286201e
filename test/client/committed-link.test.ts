// The invitation links a provider's page shows and copies carry `#k=` with the practice's device keys
// (issue 25), asked of the server once for a burst of links; without keys, or without an answer, the plain
// link, so a provider can always hand one out.
import { afterEach, describe, expect, it, vi } from "vitest";

// Solid's browser build (effects run): Node would otherwise load its server build, where they do not.
vi.mock("solid-js", () => vi.importActual<typeof import("solid-js")>("solid-js/dist/solid.js"));

const { createRoot, createSignal } = await import("solid-js");
const { COMMITMENT_FRESH_MS, commitmentSource, createCommittedLink, practiceCommitment, withCommitment } = await import(
  "../../client/src/provider/committed-link.ts"
);
const { commitmentOf } = await import("../../client/src/shared/key-commitment.ts");
const { newDeviceKeyPair } = await import("../../client/src/shared/name-seal.ts");

const PLAIN = "https://anteroom.test/j/AAAAAAAAAAAAAAAAAAAAAA";

async function publicKey(): Promise<string> {
  const pair = await newDeviceKeyPair();
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return btoa(String.fromCharCode(...raw))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The server's answer to GET /api/practice/device-keys, as a fake fetch gives it; counts the requests. */
function fakeServer(answer: () => Response) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (path: string) => {
      asked.push(path);
      return answer();
    }),
  );
  return asked;
}

const keysAnswer = (keys: { kid: string; publicKey: string }[]) => () => Response.json({ keys });

/** Resolves once every pending promise chain has had its turn. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("a link with the practice's key commitment", () => {
  it("carries #k= with the hashes of the keys the server lists for the practice", async () => {
    const keys = [
      { kid: "a".repeat(22), publicKey: await publicKey() },
      { kid: "b".repeat(22), publicKey: await publicKey() },
    ];
    const asked = fakeServer(keysAnswer(keys));
    const commitment = await practiceCommitment();
    expect(asked).toEqual(["/api/practice/device-keys"]);
    expect(commitment).toBe(await commitmentOf(keys));
    expect(withCommitment(PLAIN, commitment)).toBe(`${PLAIN}#k=${commitment}`);
  });

  it("is the plain link while the practice has no keys yet", async () => {
    expect(withCommitment(PLAIN, await commitmentSource(async () => [])())).toBe(PLAIN);
  });

  it("replaces a fragment the link had rather than adding a second one", () => {
    expect(withCommitment(`${PLAIN}#k=old`, "new")).toBe(`${PLAIN}#k=new`);
  });
});

describe("asking the server for the practice's keys", () => {
  it("happens once for the links a page makes within a minute, and again after it", async () => {
    let now = 1_000_000;
    let asked = 0;
    const key = await publicKey();
    const source = commitmentSource(
      async () => {
        asked++;
        return [{ publicKey: key }];
      },
      () => now,
    );
    const first = await source();
    expect(await source()).toBe(first);
    expect(asked).toBe(1);
    now += COMMITMENT_FRESH_MS;
    await source();
    expect(asked).toBe(2);
  });

  it("falls back to the plain link when the server fails, and asks again for the next link", async () => {
    let failing = true;
    const key = await publicKey();
    const source = commitmentSource(async () => {
      if (failing) throw new Error("offline");
      return [{ publicKey: key }];
    });
    expect(await source()).toBe("");
    failing = false;
    expect(await source()).toBe(await commitmentOf([{ publicKey: key }]));
  });

  it("takes the server's refusal (logged out meanwhile) as no answer", async () => {
    // Past the minute the first test's answer serves: the page asks again.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * COMMITMENT_FRESH_MS);
    const asked = fakeServer(() => Response.json({ code: "unauthenticated", error: "Not logged in" }, { status: 401 }));
    expect(await practiceCommitment()).toBe("");
    expect(asked).toEqual(["/api/practice/device-keys"]);
  });
});

describe("the link a provider's page shows", () => {
  it("appears only with its commitment, so what is copied is what is shown", async () => {
    let release: (commitment: string) => void = () => undefined;
    const pending = new Promise<string>((resolve) => {
      release = resolve;
    });
    await createRoot(async (dispose) => {
      const link = createCommittedLink(
        () => PLAIN,
        () => pending,
      );
      await settled();
      expect(link()).toBeUndefined();
      release("HASH");
      await settled();
      expect(link()).toBe(`${PLAIN}#k=HASH`);
      dispose();
    });
  });

  it("follows a new link, and an answer for the link before it is not shown", async () => {
    const answers: Array<(commitment: string) => void> = [];
    const source = () =>
      new Promise<string>((resolve) => {
        answers.push(resolve);
      });
    await createRoot(async (dispose) => {
      const [url, setUrl] = createSignal<string | undefined>(PLAIN);
      const link = createCommittedLink(url, source);
      await settled();
      setUrl(`${PLAIN}B`);
      await settled();
      expect(link()).toBeUndefined();
      answers[0]?.("OLD");
      await settled();
      expect(link()).toBeUndefined();
      answers[1]?.("NEW");
      await settled();
      expect(link()).toBe(`${PLAIN}B#k=NEW`);
      setUrl(undefined);
      await settled();
      expect(link()).toBeUndefined();
      dispose();
    });
  });
});
