// The name a patient or guest typed on their page, kept in this tab only (never sent to the server:
// issue 25), so that the call's page can tell it to the others over the data channel. The join and
// waiting pages keep it under this key; the call reads it.
const key = (consultationId: string) => `anteroom.name.call.${consultationId}`;

/** The name this tab's person gave for the consultation, or undefined (none kept, or no storage). */
export function ownName(consultationId: string): string | undefined {
  try {
    return sessionStorage.getItem(key(consultationId)) || undefined;
  } catch {
    // Storage blocked (private mode, a policy): the others see a word for the role instead.
    return undefined;
  }
}
