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
