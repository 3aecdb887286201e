import type { Provider } from "../schema/tables.ts";
import type { Env } from "./env.ts";

export type AppEnv = { Bindings: Env; Variables: { provider: Provider } };
