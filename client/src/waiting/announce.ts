// Someone arrived in the provider's waiting room: a chime, and a notification when the page is not in
// view (no name in it). Silent while this provider is in a consultation in another tab (KBV Anlage 31b).
import { chime } from "../shared/chime.ts";
import { t, tf } from "../shared/i18n.ts";
import { inConsultation } from "./chosen-status.ts";
import type { CallRequest } from "./desk-session.ts";

export function notificationsAllowed(): boolean {
  return "Notification" in window && Notification.permission === "granted";
}

export function announceArrival(waiting: number): void {
  if (inConsultation()) return;
  chime();
  if (document.visibilityState === "visible" || !notificationsAllowed()) return;
  try {
    new Notification(t("queueNotificationTitle"), { body: `${t("waitingRoom")}: ${waiting}`, tag: "anteroom-queue" });
  } catch {
    // Some browsers allow notifications only from a service worker: the tab title still counts.
  }
}

/**
 * A colleague asks this provider to join their consultation: a chime and a notification, even with the
 * page in view (it is addressed to them and waits on them), naming the colleague, never the patient.
 * Silent while this provider is in a consultation of their own; the dashboard's card still asks.
 */
export function announceCallRequest(request: CallRequest): void {
  if (inConsultation()) return;
  chime();
  if (!notificationsAllowed()) return;
  try {
    new Notification(t("callRequestNotificationTitle"), {
      body: tf("callRequestFrom", { name: request.from }),
      tag: `anteroom-call-${request.consultationId}`,
    });
  } catch {
    // Some browsers allow notifications only from a service worker: the card on the dashboard still asks.
  }
}
