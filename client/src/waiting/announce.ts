// Someone arrived in the provider's waiting room: a chime, and a notification when the page is not in
// view (no name in it). Silent while this provider is in a consultation in another tab (KBV Anlage 31b).
import { chime } from "../shared/chime.ts";
import { t } from "../shared/i18n.ts";
import { inConsultation } from "./chosen-status.ts";

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
