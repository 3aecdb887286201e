// Sending a mail from a route: a failure is logged by kind only (never the address) and undoes what
// the route wrote for that mail, so that nothing half-done stays behind.

import { errorName, label, logEvent } from "../../common/log.ts";
import type { Mail, Mailer } from "./mailer.ts";

/** Sends the mail; on failure runs `undo` and resolves false. */
export async function deliver(mailer: Mailer, mail: Mail, undo: () => Promise<unknown>, purpose: string) {
  try {
    await mailer.send(mail);
    return true;
  } catch (error) {
    logEvent("error", "mail-failed", { purpose: label(purpose), name: errorName(error) });
    // The undo is a D1 write; if that fails too, the error reaches onError as a 500 with nothing
    // else written, which is the most honest answer left.
    await undo();
    return false;
  }
}

export const MAIL_UNAVAILABLE = "E-mail cannot be sent right now, so nothing was saved. Please try again later.";
