import { api } from "./api.ts";

/**
 * Relay-only mode hides each side's IP address from the other at the cost of a relay hop.
 * Operators and tests switch it on with localStorage "anteroom.relayOnly" = "1".
 */
export function relayOnly(): boolean {
  return localStorage.getItem("anteroom.relayOnly") === "1";
}

/** Offered to the person when a call cannot connect: a relay often gets through firewalls. */
export function setRelayOnly(on: boolean): void {
  if (on) localStorage.setItem("anteroom.relayOnly", "1");
  else localStorage.removeItem("anteroom.relayOnly");
}

/**
 * ICE servers fetched ahead serve a call's first peer connection only while this young: their TURN
 * credentials expire (two hours at most), and the call that starts with them may last that long.
 */
export const ICE_AHEAD_FRESH_MS = 5 * 60_000;
/** While someone waits, the servers fetched ahead are renewed this often, so they stay fresh. */
export const ICE_AHEAD_RENEW_MS = ICE_AHEAD_FRESH_MS / 2;

let ahead: { at: number; servers: Promise<RTCIceServer[]> } | undefined;

/**
 * Fetches ICE servers before the call needs them: for a logged-in provider (by the session cookie)
 * while patients wait. Does nothing while the ones in hand are recent enough.
 */
export function prefetchIceServers(now = Date.now()): void {
  if (ahead && now - ahead.at < ICE_AHEAD_RENEW_MS) return;
  const servers = api.iceServers().then((answer) => answer.iceServers);
  servers.catch(() => undefined);
  ahead = { at: now, servers };
}

/** The servers fetched ahead if still fresh, once: every later peer connection fetches its own. */
async function takeAhead(now: number): Promise<RTCIceServer[] | undefined> {
  const kept = ahead;
  ahead = undefined;
  if (!kept || now - kept.at >= ICE_AHEAD_FRESH_MS) return undefined;
  return kept.servers.catch(() => undefined);
}

/** Fresh, short-lived ICE servers for each new peer connection (the first of a call may have them ready). */
export async function rtcConfiguration(ticket: string, now = Date.now()): Promise<RTCConfiguration> {
  const iceServers = (await takeAhead(now)) ?? (await api.iceServers(ticket)).iceServers;
  return { iceServers, iceTransportPolicy: relayOnly() ? "relay" : "all" };
}
