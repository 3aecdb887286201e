import type { z } from "@hono/zod-openapi";
import type { ProviderView } from "../../schema/api-accounts.ts";
import type { Practice, Provider } from "../../schema/tables.ts";
import { mustEnrolTotp } from "./access.ts";

/** The logged-in provider as the client sees them: never the hash, the TOTP secret or tokens. */
export function providerView(provider: Provider, practice: Practice): z.infer<typeof ProviderView> {
  return {
    id: provider.id,
    email: provider.email,
    displayName: provider.displayName,
    role: provider.role,
    language: provider.language,
    timeZone: provider.timeZone,
    totpEnabled: provider.totpEnabledAt !== null,
    mustEnrolTotp: mustEnrolTotp({ provider, practice }),
    practice: { id: practice.id, name: practice.name },
  };
}
