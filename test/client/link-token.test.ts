import { describe, expect, it } from "vitest";
import { type LinkPlace, linkTokenFrom, takeLinkToken } from "../../client/src/provider/link-token.ts";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";

/** An address bar and history that record what the page did to them. */
function place(hash: string, state: unknown = { _depth: 3 }) {
  const replaced: { state: unknown; url: string }[] = [];
  const fake: LinkPlace = {
    location: { hash, pathname: "/reset", search: "?lang=de" },
    history: {
      state,
      replaceState(nextState: unknown, _unused: string, url?: string | URL | null) {
        replaced.push({ state: nextState, url: String(url) });
      },
    },
  };
  return { fake, replaced };
}

describe("the token of a mailed link", () => {
  it("is read from the fragment of the address", () => {
    expect(TOKEN).toHaveLength(43);
    expect(linkTokenFrom(`#${TOKEN}`)).toBe(TOKEN);
    expect(linkTokenFrom(TOKEN)).toBe(TOKEN);
  });

  it("is refused when it is cut short, too long, padded or not base64url", () => {
    expect(linkTokenFrom(`#${TOKEN.slice(0, 42)}`)).toBeUndefined();
    expect(linkTokenFrom(`#${TOKEN}A`)).toBeUndefined();
    expect(linkTokenFrom(`#${TOKEN.slice(0, 42)}=`)).toBeUndefined();
    expect(linkTokenFrom(`#${TOKEN.slice(0, 42)}+`)).toBeUndefined();
    expect(linkTokenFrom(`#${TOKEN.slice(0, 42)}/`)).toBeUndefined();
    expect(linkTokenFrom("")).toBeUndefined();
    expect(linkTokenFrom("#")).toBeUndefined();
  });

  it("is taken out of the address bar once read, keeping the path, the query and the router's state", () => {
    const { fake, replaced } = place(`#${TOKEN}`);
    expect(takeLinkToken(fake)).toBe(TOKEN);
    expect(replaced).toEqual([{ state: { _depth: 3 }, url: "/reset?lang=de" }]);
  });

  it("is taken out of the address bar even when it is not a valid token", () => {
    const { fake, replaced } = place("#not-a-token");
    expect(takeLinkToken(fake)).toBeUndefined();
    expect(replaced).toEqual([{ state: { _depth: 3 }, url: "/reset?lang=de" }]);
  });

  it("leaves the history alone when the address has no fragment", () => {
    const { fake, replaced } = place("");
    expect(takeLinkToken(fake)).toBeUndefined();
    expect(replaced).toEqual([]);
  });
});
