// The token of a mailed one-time link (/confirm#…, /reset#…, /join-practice#…). It travels in the
// fragment so it never reaches a server log; once read, it is taken out of the address bar too, so it
// does not stay in the browser's history, in a bookmark or in a screenshot of the page.

/** schema/api-accounts.ts LinkToken: 32 random bytes as base64url without padding. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token in a location's fragment ("#abc…" or "abc…"), or undefined when it has not the token's shape. */
export function linkTokenFrom(hash: string): string | undefined {
  const token = hash.startsWith("#") ? hash.slice(1) : hash;
  return LINK_TOKEN.test(token) ? token : undefined;
}

/** What takeLinkToken touches: the page's own location and history, or fakes in tests. */
export interface LinkPlace {
  location: Pick<Location, "hash" | "pathname" | "search">;
  history: Pick<History, "state" | "replaceState">;
}

/**
 * Reads the token from the address bar and removes the fragment from it (and so from this history
 * entry). Call once per screen and keep the result: a second call, or a reload, finds no token.
 * The history state is kept as it is, since the router keeps its own bookkeeping there.
 */
export function takeLinkToken(place: LinkPlace = window): string | undefined {
  const { hash, pathname, search } = place.location;
  if (hash) place.history.replaceState(place.history.state, "", pathname + search);
  return linkTokenFrom(hash);
}
