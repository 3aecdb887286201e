// A provider's personal room: a standing link /r/<practice short name>/<room name> for walk-in patients.
// The room name is the provider's part of it. Plain logic, used by the worker (to check and suggest)
// and by the account page (to check as the provider types).

export const MIN_ROOM_NAME_LENGTH = 3;
export const MAX_ROOM_NAME_LENGTH = 32;

/**
 * Lowercase letters and digits, with single hyphens between them ("anna-schmidt"). Hyphens, beyond the
 * letters and digits the issue names, because a link is read aloud and typed from a card: "anna-schmidt"
 * survives that better than "annaschmidt". Lowercase only, so that a link typed with capitals (which
 * the lookup lowers) cannot name a different room; no other characters, so the link needs no escaping.
 */
const ROOM_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isRoomName(name: string): boolean {
  return name.length >= MIN_ROOM_NAME_LENGTH && name.length <= MAX_ROOM_NAME_LENGTH && ROOM_NAME.test(name);
}

/** German letters as they are written without umlauts, before any other accent is dropped. */
const SPELLED_OUT: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/**
 * A room name made from a display name: "Dr. Jürgen Groß" → "dr-juergen-gross". Undefined when too
 * little of the name is left (a name in another script, say): the provider then chooses one.
 */
export function roomNameFrom(displayName: string): string | undefined {
  const spelled = displayName
    .toLowerCase()
    .replace(/[äöüß]/g, (letter) => SPELLED_OUT[letter] ?? letter)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const name = spelled
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ROOM_NAME_LENGTH)
    .replace(/-+$/, "");
  return isRoomName(name) ? name : undefined;
}

/**
 * The first of `base`, `base-2`, `base-3`… that no colleague uses (kept within the length), or "room"
 * and its numbers when the display name gives nothing.
 */
export function suggestRoomName(displayName: string, taken: ReadonlySet<string>): string {
  const base = roomNameFrom(displayName) ?? "room";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ROOM_NAME_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * How many walk-ins may wait in one room at once. Beyond it the personal room says it is full: a flood
 * of walk-ins (or someone scripting the link) cannot bury the patients with appointments in the queue.
 */
export const MAX_WALK_INS_WAITING = 20;

/** The personal room's path on our origin. */
export const personalRoomPath = (practiceShortName: string, roomName: string) => `/r/${practiceShortName}/${roomName}`;
