// Links in mails. The token goes in the fragment (#…), which browsers never send to a server:
// it stays out of access logs and Referer headers; the page reads it and posts it to the API.
export type LinkPage = "confirm" | "reset" | "join-practice";

export function mailedLink(requestUrl: string, page: LinkPage, token: string): string {
  return `${new URL(requestUrl).origin}/${page}#${token}`;
}
