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

/** Fresh, short-lived ICE servers for each new peer connection. */
export async function rtcConfiguration(ticket: string): Promise<RTCConfiguration> {
  const { iceServers } = await api.iceServers(ticket);
  return { iceServers, iceTransportPolicy: relayOnly() ? "relay" : "all" };
}
