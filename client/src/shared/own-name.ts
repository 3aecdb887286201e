// The name a patient or guest typed on the join page, kept in this tab only (issue 25: it never goes to
// the server in plain text). sessionStorage, as tickets.ts keeps tickets: a reload, a reconnect or a
// transfer seals it again from here, and it is gone when the tab closes. Two places:
//   anteroom.name.<link>              per link (an invitation's token, or `room:<practice>/<room>` for a
//                                     personal room: the join page's `source.key`), for the waiting room;
//   anteroom.name.call.<consultation> per consultation, written when the waiting room hands over to the call
//                                     (beside the call's ticket), for the call page, which knows only the
//                                     consultation's id and tells the others the name over the data channel.
// Link keys are base64url or start with "room:", so they never begin with "call.".
// Beside the name, per link, the link's key commitment (`#k=…`, key-commitment.ts) as the page read it:
//   anteroom.keys.<link>
// A fragment never reaches a server; this copy is read from here only, never put into a request or a
// socket's address. Storage that refuses (a browser's private mode) means no name is sent, never a failed
// wait. Loaded with the waiting room and the call, not with the join page (the patient's first load).

const linkKey = (link: string) => `anteroom.name.${link}`;
const commitmentKey = (link: string) => `anteroom.keys.${link}`;
const callKey = (consultationId: string) => `anteroom.name.call.${consultationId}`;

function keep(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Full or refused: the practice sees this patient without a name, and the wait goes on.
  }
}

function read(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) || undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the name typed for this link (the join page's `source.key`). */
export function keepOwnName(link: string, name: string): void {
  keep(linkKey(link), name);
}

/** The name typed for this link in this tab, if any. */
export function ownName(link: string): string | undefined {
  return read(linkKey(link));
}

/** Keeps the name for the call page of this consultation (when the waiting room hands over). */
export function keepCallName(consultationId: string, name: string): void {
  keep(callKey(consultationId), name);
}

/** The patient's or guest's own name for this consultation's call page, if this tab came from its waiting room. */
export function callName(consultationId: string): string | undefined {
  return read(callKey(consultationId));
}

/**
 * Keeps the link's fragment when it has a `k=`, as read from the address the page was opened with: the
 * waiting room does it as it opens, before anything navigates (the call is the first place the patient
 * path navigates to), so it reads the same address the join page was loaded with. One without `k=` leaves
 * what an earlier load of the same link kept: a reload, or the end page's way back (/j/<token>, no
 * fragment) in the same tab, still checks.
 */
export function keepLinkCommitment(link: string, fragment: string): void {
  if (/(^#|&)k=/.test(fragment)) keep(commitmentKey(link), fragment);
}

/** The fragment with the link's key commitment, as kept; undefined when the link had none. */
export function linkCommitment(link: string): string | undefined {
  return read(commitmentKey(link));
}
