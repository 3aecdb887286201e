// Consultation tickets travel from the waiting room to the call screen in sessionStorage:
// gone when the tab closes, never in a URL that could end up in a history or a log.
const key = (consultationId: string) => `anteroom.ticket.${consultationId}`;

export function keepTicket(consultationId: string, ticket: string): void {
  sessionStorage.setItem(key(consultationId), ticket);
}

export function takeTicket(consultationId: string): string | null {
  return sessionStorage.getItem(key(consultationId));
}

export function dropTicket(consultationId: string): void {
  sessionStorage.removeItem(key(consultationId));
}

// Whether this tab opened the consultation as its provider: a refused provider socket means the
// login session ended, and the provider is sent to log in again rather than told to use a link.
const providerKey = (consultationId: string) => `anteroom.provider.${consultationId}`;

export function markAsProvider(consultationId: string): void {
  sessionStorage.setItem(providerKey(consultationId), "1");
}

export function openedAsProvider(consultationId: string): boolean {
  return sessionStorage.getItem(providerKey(consultationId)) === "1";
}

// The waiting ticket, per invite link: a reload of the waiting page returns to the same place in the
// queue instead of the end. Gone when the tab closes, or when the patient is admitted, denied or leaves.
const waitingKey = (inviteToken: string) => `anteroom.waiting.${inviteToken}`;

export function keepWaitingTicket(inviteToken: string, ticket: string): void {
  sessionStorage.setItem(waitingKey(inviteToken), ticket);
}

export function takeWaitingTicket(inviteToken: string): string | null {
  return sessionStorage.getItem(waitingKey(inviteToken));
}

export function dropWaitingTicket(inviteToken: string): void {
  sessionStorage.removeItem(waitingKey(inviteToken));
}
