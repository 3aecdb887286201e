// One-off invitations made from inside a running consultation ("Invite someone"): an invitation of the
// consultation's appointment, so whoever comes through it waits in that appointment's waiting room and
// is marked as waiting for this call; its link stops when the consultation ends.
import type { AppointmentInvitationView } from "../schema/api-types.ts";
import type { Invite } from "../schema/tables.ts";
import type { Env } from "./env.ts";
import { invitationView } from "./invitation-store.ts";
import { type LinkState, linkState } from "./invites.ts";
import { objects } from "./jurisdiction.ts";

type ConsultationsEnv = Pick<Env, "CONSULTATION" | "DO_JURISDICTION">;

/** The consultation's object, named as the waiting room names it. */
export function consultation(env: ConsultationsEnv, consultationId: string) {
  const namespace = objects(env, env.CONSULTATION);
  return namespace.get(namespace.idFromName(consultationId));
}

/**
 * Whether the consultation a link was made in has ended (early, before its maximum length, which the
 * link's validity already holds). A consultation that cannot be asked counts as running: the link then
 * leads only into the waiting room, where nobody is added to a call that is over.
 */
async function callEnded(env: ConsultationsEnv, consultationId: string, inviteId: string): Promise<boolean> {
  try {
    return (await consultation(env, consultationId).participantState(inviteId)) === "ended";
  } catch {
    return false;
  }
}

/** A link's state as linkState says, and "expired" for a link from a consultation that has ended. */
export async function currentLinkState(
  env: ConsultationsEnv,
  found: Parameters<typeof linkState>[0] & { invite: Invite },
  now: number,
): Promise<LinkState> {
  const state = linkState(found, now);
  const { consultationId, id } = found.invite;
  if (state !== "valid" && state !== "not-yet-valid") return state;
  if (consultationId === null) return state;
  return (await callEnded(env, consultationId, id)) ? "expired" : state;
}

/**
 * An invitation as the practice's list shows it: a link made in a consultation that has ended has
 * expired, as it has for whoever opens it (only such links, still valid by D1, ask their consultation).
 */
export async function currentInvitationView(
  env: ConsultationsEnv,
  invite: Invite,
  now: number,
): Promise<AppointmentInvitationView> {
  const view = invitationView(invite, now);
  if (view.state !== "valid" || invite.consultationId === null) return view;
  return (await callEnded(env, invite.consultationId, invite.id)) ? { ...view, state: "expired" } : view;
}
