// Cuts the media path inside the test's own loopback-only network namespace: every UDP packet (media,
// STUN, TURN) is dropped, or only the relay's, while the HTTP and WebSocket server, on TCP, stays
// reachable. Needs root in the namespace (as in CI); tests skip otherwise.
import { execFileSync } from "node:child_process";
import { RELAY_PORTS } from "./stack.ts";

const TABLE = "anteroom_test";

export function canCutNetwork(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("nft", ["list", "tables"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function cutMediaPath(): void {
  execFileSync("nft", ["add", "table", "inet", TABLE]);
  execFileSync("nft", ["add", "chain", "inet", TABLE, "input", "{ type filter hook input priority 0; }"]);
  execFileSync("nft", ["add", "rule", "inet", TABLE, "input", "meta", "l4proto", "udp", "drop"]);
}

/**
 * Cuts only the path through the TURN relay: UDP to or from its listening port (allocations, their
 * refreshes) and its relay ports (the media it forwards). Pairs that go peer to peer are untouched, so
 * in a group call only the participant who relays loses the others. restoreMediaPath() lifts it.
 */
export function cutRelayPath(turnPort: number): void {
  const ports = `{ ${turnPort}, ${RELAY_PORTS.min}-${RELAY_PORTS.max} }`;
  execFileSync("nft", ["add", "table", "inet", TABLE]);
  execFileSync("nft", ["add", "chain", "inet", TABLE, "input", "{ type filter hook input priority 0; }"]);
  // On loopback every packet passes input once: dropping both directions there cuts each hop of the relay.
  execFileSync("nft", ["add", "rule", "inet", TABLE, "input", "udp", "dport", ports, "drop"]);
  execFileSync("nft", ["add", "rule", "inet", TABLE, "input", "udp", "sport", ports, "drop"]);
}

/** Lifts either cut. */
export function restoreMediaPath(): void {
  try {
    execFileSync("nft", ["delete", "table", "inet", TABLE], { stdio: "ignore" });
  } catch {
    // Not cut, or already restored.
  }
}
