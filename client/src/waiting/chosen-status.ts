// The status a provider chose on the dashboard (available or away, with a message), kept for the tab's
// life: sent on every connect, after a consultation (which sets busy) too. And whether this provider is
// in a consultation in any tab, so that no arrival sound plays during one (KBV Anlage 31b).
import * as z from "zod/mini";
import { MAX_STATUS_MESSAGE_LENGTH } from "../../../schema/limits.ts";

/** What the tab keeps; read back through the schema, since anything may sit in storage. */
const ChosenStatus = z.object({
  status: z.enum(["available", "away"]),
  message: z.string().check(z.maxLength(MAX_STATUS_MESSAGE_LENGTH)),
});
export type ChosenStatus = z.infer<typeof ChosenStatus>;

const STATUS_KEY = "anteroom.status";

export function chosenStatus(): ChosenStatus {
  let stored: unknown;
  try {
    stored = JSON.parse(sessionStorage.getItem(STATUS_KEY) ?? "null");
  } catch {
    // Unreadable: start available.
  }
  const parsed = ChosenStatus.safeParse(stored);
  return parsed.success ? parsed.data : { status: "available", message: "" };
}

export function keepChosenStatus(chosen: ChosenStatus): void {
  sessionStorage.setItem(STATUS_KEY, JSON.stringify(chosen));
}

/** localStorage, so that every tab of this browser sees it; holds only a time. */
const IN_CONSULTATION_KEY = "anteroom.inConsultation";
/** The call renews the mark this often; a mark older than twice this was left by a closed tab. */
export const IN_CONSULTATION_RENEW_MS = 20_000;

/** Marks this browser as in a consultation until the returned function is called. */
export function markInConsultation(): () => void {
  const mark = () => localStorage.setItem(IN_CONSULTATION_KEY, String(Date.now()));
  mark();
  const timer = setInterval(mark, IN_CONSULTATION_RENEW_MS);
  return () => {
    clearInterval(timer);
    localStorage.removeItem(IN_CONSULTATION_KEY);
  };
}

export function inConsultation(now = Date.now()): boolean {
  const since = Number(localStorage.getItem(IN_CONSULTATION_KEY));
  return Number.isFinite(since) && since > 0 && now - since < 2 * IN_CONSULTATION_RENEW_MS;
}
