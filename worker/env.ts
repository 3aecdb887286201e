import type { Consultation, ObjectsEnv, WaitingRoom } from "../durable-objects/index.ts";

export interface Env extends ObjectsEnv {
  DB: D1Database;
  ASSETS: Fetcher;
  WAITING_ROOM: DurableObjectNamespace<WaitingRoom>;
  CONSULTATION: DurableObjectNamespace<Consultation>;
  /** Throttles: password guesses per account, attempts per client address, consent writes per link. */
  LOGIN_ACCOUNT_LIMIT: RateLimit;
  CLIENT_LIMIT: RateLimit;
  INVITE_LIMIT: RateLimit;
  /** "none", "coturn" or "cloudflare": where TURN credentials come from. */
  ICE_PROVIDER: string;
  /** "eu" keeps Durable Objects in the EU jurisdiction. */
  DO_JURISDICTION?: string;
  /** coturn: the static-auth-secret, and its comma-separated turn: URLs. */
  TURN_SECRET?: string;
  TURN_URLS?: string;
  /** Cloudflare Realtime TURN: key id and its API token. */
  TURN_KEY_ID?: string;
  TURN_KEY_API_TOKEN?: string;
}

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("./index.ts");
    }
    interface Env {
      DB: D1Database;
      WAITING_ROOM: DurableObjectNamespace<WaitingRoom>;
      CONSULTATION: DurableObjectNamespace<Consultation>;
      TICKET_SECRET: string;
      ICE_PROVIDER: string;
      TEST_MIGRATIONS: import("@cloudflare/vitest-plugin").D1Migration[];
    }
  }
}
