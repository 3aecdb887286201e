// What waiting patients are told about the providers: the best status among those present, and the
// newest message any of them posted. Computed from the provider sockets' attachments alone.
import type { ProviderStatus, RoomStatus } from "../../schema/messages.ts";

export interface StatusAttachment {
  status?: ProviderStatus;
  statusMessage?: string;
  /** When the status was set: the newest message wins in a shared waiting room. */
  statusAt?: number;
}

const rank: Record<ProviderStatus, number> = { available: 3, busy: 2, away: 1 };

export interface RoomStatusView {
  status: RoomStatus;
  message: string | null;
}

/** A provider who has not said anything yet is available: they just opened their waiting room. */
export function roomStatus(providers: Iterable<StatusAttachment>): RoomStatusView {
  let best: RoomStatus = "offline";
  let message: string | null = null;
  let newest = Number.NEGATIVE_INFINITY;
  for (const provider of providers) {
    const status = provider.status ?? "available";
    if (best === "offline" || rank[status] > rank[best]) best = status;
    if (provider.statusMessage && (provider.statusAt ?? 0) > newest) {
      message = provider.statusMessage;
      newest = provider.statusAt ?? 0;
    }
  }
  return { status: best, message };
}

export const sameStatus = (a: RoomStatusView | undefined, b: RoomStatusView) =>
  a?.status === b.status && a.message === b.message;
