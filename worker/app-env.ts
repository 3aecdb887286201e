import type { Practice, Provider } from "../schema/tables.ts";
import type { Session } from "./auth/sessions.ts";
import type { Env } from "./env.ts";

/** What the access middleware (auth/access.ts) leaves for handlers: set on every route but anonymous and operator ones. */
export type AppEnv = { Bindings: Env; Variables: { provider: Provider; practice: Practice; session: Session } };
