// Links in mails. They are built from the deployment's configured origin (PUBLIC_ORIGIN), never from
// the request's Host header, which a client chooses: a forged Host would otherwise put an attacker's
// site into a password-reset mail. The token goes in the fragment (#…), which browsers never send to a
// server: it stays out of access logs and Referer headers; the page reads it and posts it to the API.
export type LinkPage = "confirm" | "reset" | "join-practice";

/** The configured origin (`https://anteroom.example.org`), or undefined when it is missing or not http(s). */
export function publicOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export const mailedLink = (origin: string, page: LinkPage, token: string) => `${origin}/${page}#${token}`;

/** A page without a token, such as the login page, for a mail's link. */
export const mailedPage = (origin: string, path: "/login" | "/forgot-password") => `${origin}${path}`;
