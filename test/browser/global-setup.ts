// One server for the whole browser suite: `npm start` (the real thing) configured to hand out
// credentials for a local coturn, which runs beside it on loopback.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startProcess, stopProcess, waitForHttp, waitForPort } from "./processes.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const turnPort = await freePort();
  const turnSecret = randomBytes(16).toString("hex");
  const coturn = startProcess("turnserver", [
    "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", `--listening-port=${turnPort}`,
    "--min-port=49160", "--max-port=49200", "--use-auth-secret", `--static-auth-secret=${turnSecret}`,
    "--realm=anteroom", "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls", "--log-file=stdout",
  ]);
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "anteroom-browser-"));
  const server = startProcess(
    process.execPath,
    ["scripts/start.ts", "--", "--var", "ICE_PROVIDER:coturn", "--var", `TURN_SECRET:${turnSecret}`,
      "--var", `TURN_URLS:turn:127.0.0.1:${turnPort}?transport=udp`],
    { ...process.env, PORT: String(port), ANTEROOM_STATE: state, ANTEROOM_SKIP_BUILD: "1" },
  );
  try {
    await waitForPort(turnPort, coturn);
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, server);
  } catch (error) {
    stopProcess(server);
    stopProcess(coturn);
    throw error;
  }
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  return () => {
    stopProcess(server);
    stopProcess(coturn);
    rmSync(state, { recursive: true, force: true });
  };
}
