import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sealTicket } from "../../durable-objects/tickets.ts";
import { CONSENT_TEXT_VERSION } from "../../schema/consent.ts";
import { cloudflareIceServers, coturnIceServers, TurnServiceError } from "../../worker/ice/sources.ts";
import { api, apiWith, appointmentWithInvite, ORIGIN, providerWithSession, unique } from "./helpers.ts";
import { mockApiOrigin, mockApiReceived } from "./mock-api-client.ts";

/** The ICE endpoint as the app answers it with another configuration. */
const iceWith = (vars: Record<string, string>, headers: Record<string, string>) =>
  apiWith(vars, "/api/ice-servers", { headers });

async function hmacSha1Base64(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...mac));
}

afterEach(() => vi.unstubAllGlobals());

describe("GET /api/ice-servers", () => {
  it("is closed to anonymous callers and to forged or malformed tickets, with 401 and never 500", async () => {
    expect((await api("/api/ice-servers")).status).toBe(401);
    for (const ticket of ["abc.def", "a.b", "abcde", "x", "%%%", "A".repeat(5000)]) {
      expect((await api("/api/ice-servers", { headers: { Authorization: `Bearer ${ticket}` } })).status).toBe(401);
    }
  });

  it("answers a logged-in provider and an admitted patient, not one still waiting; with ICE_PROVIDER=none, host candidates only", async () => {
    const provider = await providerWithSession();
    const byCookie = await api("/api/ice-servers", { headers: { Cookie: provider.cookie } });
    expect(byCookie.status).toBe(200);
    expect(await byCookie.json()).toMatchObject({ iceServers: [] });
    const { token } = await appointmentWithInvite(provider.id);
    const join = await api(`/api/invites/${token}/join`, {
      method: "POST",
      body: JSON.stringify({ name: "Ada", consent: true, consentVersion: CONSENT_TEXT_VERSION }),
    });
    const { ticket } = (await join.json()) as { ticket: string };
    const waiting = await exports.default.fetch(`${ORIGIN}/api/ice-servers`, {
      headers: { Authorization: `Bearer ${ticket}` },
    });
    expect(waiting.status).toBe(401);
    const admitted = await sealTicket(env.TICKET_SECRET, {
      kind: "consultation",
      consultationId: crypto.randomUUID(),
      participantId: "invite-1",
      providerId: provider.id,
      role: "patient",
      name: "Ada",
      exp: Date.now() + 60_000,
    });
    const byTicket = await exports.default.fetch(`${ORIGIN}/api/ice-servers`, {
      headers: { Authorization: `Bearer ${admitted}` },
    });
    expect(byTicket.status).toBe(200);
    expect(byTicket.headers.get("Cache-Control")).toBe("no-store");
  });

  it("hands out coturn REST credentials that coturn's HMAC recipe accepts, expiring within two hours", async () => {
    const provider = await providerWithSession();
    const res = await iceWith(
      {
        ICE_PROVIDER: "coturn",
        TURN_SECRET: "s3cret",
        TURN_URLS: "turn:turn.example:3478?transport=udp, turns:turn.example:443?transport=tcp",
      },
      { Cookie: provider.cookie },
    );
    expect(res.status).toBe(200);
    const { iceServers } = (await res.json()) as {
      iceServers: { urls: string[]; username: string; credential: string }[];
    };
    const [server] = iceServers;
    expect(server!.urls).toEqual(["turn:turn.example:3478?transport=udp", "turns:turn.example:443?transport=tcp"]);
    const expiry = Number(server!.username.split(":")[0]);
    const now = Date.now() / 1000;
    expect(expiry).toBeGreaterThan(now);
    expect(expiry).toBeLessThanOrEqual(now + 2 * 3600 + 1);
    expect(server!.credential).toBe(await hmacSha1Base64("s3cret", server!.username));
  });

  it("says so with 503, not 500, when TURN is misconfigured", async () => {
    const provider = await providerWithSession();
    const res = await iceWith({ ICE_PROVIDER: "coturn" }, { Cookie: provider.cookie });
    expect(res.status).toBe(503);
    expect(await res.json()).toHaveProperty("error");
  });

  it("asks Cloudflare Realtime TURN with the key's token, and answers 502 when it fails", async () => {
    const provider = await providerWithSession();
    const calls: Request[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo, init?: RequestInit) => {
      calls.push(new Request(input, init));
      return new Response("upstream down", { status: 500 });
    });
    const res = await iceWith(
      { ICE_PROVIDER: "cloudflare", TURN_KEY_ID: "key-1", TURN_KEY_API_TOKEN: "token-1" },
      { Cookie: provider.cookie },
    );
    expect(res.status).toBe(502);
    expect(calls[0]!.url).toBe("https://rtc.live.cloudflare.com/v1/turn/keys/key-1/credentials/generate-ice-servers");
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer token-1");
  });
});

describe("Cloudflare Realtime TURN with the runtime's real fetch", () => {
  it("asks the API (a mock on loopback) with the key's token and hands out its servers without port 53", async () => {
    const apiBase = `${mockApiOrigin()}/v1/turn/keys`;
    const keyId = unique("turn-key");
    const source = cloudflareIceServers({ keyId, apiToken: "turn-api-token", apiBase });
    expect(await source.iceServers(3600)).toEqual([
      { urls: ["stun:stun.cloudflare.com:3478"] },
      { urls: ["turn:turn.cloudflare.com:3478?transport=udp"], username: "mock-user", credential: "mock-credential" },
    ]);
    const asked = (await mockApiReceived()).filter((request) => request.path.includes(keyId));
    expect(asked).toEqual([
      {
        method: "POST",
        path: `/v1/turn/keys/${keyId}/credentials/generate-ice-servers`,
        authorization: "Bearer turn-api-token",
        contentType: "application/json",
        body: { ttl: 3600 },
      },
    ]);
    const refused = cloudflareIceServers({ keyId, apiToken: "wrong-token", apiBase });
    await expect(refused.iceServers(3600)).rejects.toBeInstanceOf(TurnServiceError);
  });
});

describe("ICE server sources", () => {
  it("Cloudflare: passes the TTL, keeps the credentials, drops port-53 URLs", async () => {
    let body: unknown;
    const source = cloudflareIceServers({
      keyId: "k",
      apiToken: "t",
      fetch: async (_url, init) => {
        body = JSON.parse(String(init?.body));
        return Response.json(
          {
            iceServers: [
              { urls: ["stun:stun.cloudflare.com:3478", "stun:stun.cloudflare.com:53"] },
              {
                urls: [
                  "turn:turn.cloudflare.com:3478?transport=udp",
                  "turn:turn.cloudflare.com:53?transport=udp",
                  "turns:turn.cloudflare.com:443?transport=tcp",
                ],
                username: "u",
                credential: "c",
              },
            ],
          },
          { status: 201 },
        );
      },
    });
    const servers = await source.iceServers(600);
    expect(body).toEqual({ ttl: 600 });
    expect(servers).toEqual([
      { urls: ["stun:stun.cloudflare.com:3478"] },
      {
        urls: ["turn:turn.cloudflare.com:3478?transport=udp", "turns:turn.cloudflare.com:443?transport=tcp"],
        username: "u",
        credential: "c",
      },
    ]);
  });

  it("Cloudflare: an unreachable service or an unexpected answer is a TurnServiceError", async () => {
    const unreachable = cloudflareIceServers({
      keyId: "k",
      apiToken: "t",
      fetch: async () => {
        throw new TypeError("network");
      },
    });
    const odd = cloudflareIceServers({ keyId: "k", apiToken: "t", fetch: async () => Response.json({ hello: 1 }) });
    await expect(unreachable.iceServers(60)).rejects.toBeInstanceOf(TurnServiceError);
    await expect(odd.iceServers(60)).rejects.toBeInstanceOf(TurnServiceError);
  });

  it("coturn: username is '<expiry>:anteroom', never a name or address", async () => {
    const [server] = await coturnIceServers({
      secret: "x",
      urls: ["turn:127.0.0.1:3478"],
      now: () => 1_700_000_000_000,
    }).iceServers(3600);
    expect(server!.username).toBe("1700003600:anteroom");
  });
});
