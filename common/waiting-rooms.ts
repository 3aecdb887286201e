// Which waiting room a socket belongs in: the provider's own, or their practice's shared one.

/** The shared room's name; a provider's own room is named by their id (a UUID, so the two never meet). */
export const sharedRoomName = (practiceId: string) => `practice:${practiceId}`;

/** Where a provider's dashboard, and the patients of their appointments, wait now. */
export function waitingRoomName(practice: { id: string; sharedWaitingRoom: boolean }, providerId: string): string {
  return practice.sharedWaitingRoom ? sharedRoomName(practice.id) : providerId;
}

/**
 * Every room a provider's sockets or patients may be in: their own and the practice's. Both are told
 * of a logout or a withdrawn link, so that switching the setting while people wait leaves nobody behind.
 */
export const roomsOf = (provider: { id: string; practiceId: string }) => [
  provider.id,
  sharedRoomName(provider.practiceId),
];
