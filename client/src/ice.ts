import { api } from "./api.ts";

/**
 * Relay-only mode hides each side's IP address from the other at the cost of a relay hop.
 * Operators and tests switch it on with localStorage "anteroom.relayOnly" = "1".
 */
export function relayOnly(): boolean {
  return localStorage.getItem("anteroom.relayOnly") === "1";
}

/** Fresh, short-lived ICE servers for each new peer connection. */
export async function rtcConfiguration(ticket: string): Promise<RTCConfiguration> {
  const { iceServers } = await api.iceServers(ticket);
  return { iceServers, iceTransportPolicy: relayOnly() ? "relay" : "all" };
}
