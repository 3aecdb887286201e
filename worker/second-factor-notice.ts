// The owner's notice that two-step login changed (on, off, reset by the operator). A courtesy that must
// never undo or block the change: a missing or failing mailer is logged by kind, never thrown.

import { logEvent } from "../common/log.ts";
import type { Provider } from "../schema/tables.ts";
import { mailedPage } from "./links.ts";
import { deliver } from "./mail/deliver.ts";
import { mailSetup } from "./mail/select.ts";
import { type SecondFactorChange, secondFactorChangedMail } from "./mail/templates/account.ts";

export async function tellOwnerOfSecondFactor(
  env: Parameters<typeof mailSetup>[0],
  provider: Pick<Provider, "email" | "displayName" | "language">,
  change: SecondFactorChange,
): Promise<void> {
  const mailing = mailSetup(env);
  if (!mailing) {
    logEvent("error", "mail-failed", { purpose: `second-factor-${change}`, reason: "no-mailer" });
    return;
  }
  const mail = secondFactorChangedMail(
    { to: provider.email, name: provider.displayName, language: provider.language },
    change,
    mailedPage(mailing.origin, "/login"),
  );
  await deliver(mailing.mailer, mail, async () => undefined, `second-factor-${change}`);
}
