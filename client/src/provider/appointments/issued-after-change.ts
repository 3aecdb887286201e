// What becomes of the link shown once on the page when its appointment is edited or cancelled. A
// cancelled appointment's links no longer work, so its link and send forms go: left there, a receptionist
// would copy or send a dead link, under a line still promising a reminder that will never go. An edit
// keeps the link (it still works) and takes the new start, so that the reminders offered fit the new time.
import type { IssuedLink } from "./invitations.tsx";

export function issuedAfterChange(
  issued: IssuedLink | undefined,
  appointment: { id: string; startsAt: string },
  how: "saved" | "cancelled",
): IssuedLink | undefined {
  if (!issued || issued.appointmentId !== appointment.id) return issued;
  if (how === "cancelled") return undefined;
  if (issued.firstInvitationId === undefined) return issued;
  return { ...issued, firstStartsAt: appointment.startsAt };
}
