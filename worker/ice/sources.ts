// Where TURN credentials come from. Each source hands out credentials that expire;
// browsers fetch them again before every new peer connection.
import { z } from "zod";
import { base64 } from "../../common/encoding.ts";
import { IceServer as IceServerSchema } from "../../schema/api.ts";
import { type Fetcher, runtimeFetch } from "../outbound.ts";

export type IceServer = z.infer<typeof IceServerSchema>;

export interface IceServerSource {
  iceServers(ttlSeconds: number): Promise<IceServer[]>;
}

/** Host candidates only: enough for local runs and for peers on one network. */
export const noIceServers: IceServerSource = { iceServers: async () => [] };

/**
 * coturn with `use-auth-secret`: username "<unix expiry>:<label>", credential
 * base64(HMAC-SHA1(secret, username)) (the TURN REST API draft coturn implements).
 */
export function coturnIceServers(options: { secret: string; urls: string[]; now?: () => number }): IceServerSource {
  const now = options.now ?? Date.now;
  return {
    async iceServers(ttlSeconds) {
      const expiry = Math.floor(now() / 1000) + ttlSeconds;
      const username = `${expiry}:anteroom`;
      const key = await crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(options.secret),
        { name: "HMAC", hash: "SHA-1" },
        false,
        ["sign"],
      );
      const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(username)));
      const credential = base64(mac);
      return [{ urls: options.urls, username, credential }];
    },
  };
}

const CloudflareAnswer = z.object({ iceServers: z.array(IceServerSchema) });

/** Why the TURN service gave no credentials; `reason` and `status` are what the log line says of it. */
export class TurnServiceError extends Error {
  constructor(
    message: string,
    readonly reason: "unreachable" | "refused" | "unexpected-answer",
    readonly status?: number,
  ) {
    super(message);
    this.name = "TurnServiceError";
  }
}

export const CLOUDFLARE_TURN_API = "https://rtc.live.cloudflare.com/v1/turn/keys";

/**
 * Cloudflare Realtime TURN through its HTTP API. Its answer lists port-53 URLs, which browsers
 * block and which stall ICE gathering: they are dropped.
 */
export function cloudflareIceServers(options: {
  keyId: string;
  apiToken: string;
  fetch?: Fetcher;
  /** Where the API is; only the tests point it elsewhere (a mock on loopback). */
  apiBase?: string;
}): IceServerSource {
  const doFetch = options.fetch ?? runtimeFetch;
  const apiBase = options.apiBase ?? CLOUDFLARE_TURN_API;
  return {
    async iceServers(ttlSeconds) {
      let response: Response;
      try {
        response = await doFetch(`${apiBase}/${encodeURIComponent(options.keyId)}/credentials/generate-ice-servers`, {
          method: "POST",
          headers: { Authorization: `Bearer ${options.apiToken}`, "Content-Type": "application/json" },
          body: JSON.stringify({ ttl: ttlSeconds }),
        });
      } catch {
        throw new TurnServiceError("The TURN service could not be reached.", "unreachable");
      }
      if (!response.ok)
        throw new TurnServiceError(`The TURN service answered ${response.status}.`, "refused", response.status);
      const parsed = CloudflareAnswer.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw new TurnServiceError("The TURN service answered in an unexpected shape.", "unexpected-answer");
      return parsed.data.iceServers
        .map((server) => ({ ...server, urls: [server.urls].flat().filter((url) => !/:53(\?|$)/.test(url)) }))
        .filter((server) => server.urls.length > 0);
    },
  };
}

export interface IceConfig {
  ICE_PROVIDER: string;
  TURN_SECRET?: string;
  TURN_URLS?: string;
  TURN_KEY_ID?: string;
  TURN_KEY_API_TOKEN?: string;
}

/** The source the operator configured, or a message saying what is missing. */
export function iceServerSource(config: IceConfig, fetcher?: Fetcher): IceServerSource | string {
  switch (config.ICE_PROVIDER) {
    case "none":
      return noIceServers;
    case "coturn": {
      const urls = (config.TURN_URLS ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean);
      if (!config.TURN_SECRET || urls.length === 0) return "ICE_PROVIDER=coturn needs TURN_SECRET and TURN_URLS.";
      return coturnIceServers({ secret: config.TURN_SECRET, urls });
    }
    case "cloudflare":
      if (!config.TURN_KEY_ID || !config.TURN_KEY_API_TOKEN)
        return "ICE_PROVIDER=cloudflare needs TURN_KEY_ID and TURN_KEY_API_TOKEN.";
      return cloudflareIceServers({ keyId: config.TURN_KEY_ID, apiToken: config.TURN_KEY_API_TOKEN, fetch: fetcher });
    default:
      return `Unknown ICE_PROVIDER "${config.ICE_PROVIDER}": use none, coturn or cloudflare.`;
  }
}
