/** Which provider sockets to close when sessions end: one session (logout), or all of them ("log out everywhere"). */
export type SessionMatch = { sessionHash: string } | { everySession: true };

export function matchesSession(attachment: { sessionHash?: string }, match: SessionMatch): boolean {
  return "everySession" in match || attachment.sessionHash === match.sessionHash;
}
