// Cuts the media path inside the test's own loopback-only network namespace: every UDP packet (media,
// STUN, TURN) is dropped while the HTTP and WebSocket server, on TCP, stays reachable. Needs root in the
// namespace (as in CI); tests skip otherwise.
import { execFileSync } from "node:child_process";

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

export function restoreMediaPath(): void {
  try {
    execFileSync("nft", ["delete", "table", "inet", TABLE], { stdio: "ignore" });
  } catch {
    // Not cut, or already restored.
  }
}
