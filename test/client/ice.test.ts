// ICE servers fetched ahead (while patients wait) serve the next call's first peer connection, once and
// only while fresh: their TURN credentials expire, so stale ones are never handed to a call.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ICE_AHEAD_FRESH_MS,
  ICE_AHEAD_RENEW_MS,
  prefetchIceServers,
  rtcConfiguration,
} from "../../client/src/shared/ice.ts";

/** Each answer names its own TURN user, so a test can tell which fetch a configuration came from. */
let fetches: { auth: string | null }[];

beforeEach(() => {
  fetches = [];
  vi.stubGlobal("localStorage", { getItem: () => null });
  vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
    fetches.push({ auth: new Headers(init.headers).get("Authorization") });
    const body = {
      iceServers: [{ urls: "turn:turn.test", username: `user-${fetches.length}`, credential: "c" }],
      expiresAt: new Date(Date.now() + 7_200_000).toISOString(),
    };
    return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  });
});

afterEach(async () => {
  // Nothing fetched ahead carries over into the next test.
  await rtcConfiguration("drain", Number.POSITIVE_INFINITY);
  vi.unstubAllGlobals();
});

const userOf = (configuration: RTCConfiguration) => configuration.iceServers?.[0]?.username;

describe("ICE servers fetched ahead", () => {
  it("are ready for the call's first peer connection, and later ones fetch their own with the ticket", async () => {
    prefetchIceServers(1_000);
    expect(fetches).toEqual([{ auth: null }]);
    expect(userOf(await rtcConfiguration("ticket", 1_000 + ICE_AHEAD_FRESH_MS - 1))).toBe("user-1");
    expect(fetches).toHaveLength(1);

    expect(userOf(await rtcConfiguration("ticket", 2_000))).toBe("user-2");
    expect(fetches.at(-1)).toEqual({ auth: "Bearer ticket" });
  });

  it("are not used once stale: the call fetches fresh credentials", async () => {
    prefetchIceServers(1_000);
    expect(userOf(await rtcConfiguration("ticket", 1_000 + ICE_AHEAD_FRESH_MS))).toBe("user-2");
    expect(fetches.at(-1)).toEqual({ auth: "Bearer ticket" });
  });

  it("are renewed while the wait goes on, not fetched again on every change of the list", async () => {
    prefetchIceServers(1_000);
    prefetchIceServers(1_000 + ICE_AHEAD_RENEW_MS - 1);
    expect(fetches).toHaveLength(1);
    prefetchIceServers(1_000 + ICE_AHEAD_RENEW_MS);
    expect(fetches).toHaveLength(2);
    expect(userOf(await rtcConfiguration("ticket", 1_000 + ICE_AHEAD_FRESH_MS))).toBe("user-2");
  });

  it("do not stand in the way when fetching them failed: the call fetches its own", async () => {
    vi.stubGlobal("fetch", async () => new Response("{}", { status: 502 }));
    prefetchIceServers(1_000);
    vi.stubGlobal("fetch", async () =>
      Response.json({ iceServers: [{ urls: "stun:stun.test" }], expiresAt: new Date().toISOString() }),
    );
    expect((await rtcConfiguration("ticket", 1_001)).iceServers).toEqual([{ urls: "stun:stun.test" }]);
  });
});
