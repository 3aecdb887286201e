// The real server (`npm start`), optionally with a coturn relay beside it, on free loopback ports.
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Mailbox, startMailbox } from "./mailbox.ts";
import { freePort, startProcess, stopProcess, waitForHttp, waitForPort } from "./processes.ts";

/**
 * The ports coturn relays media on (network.ts cuts them to break the relayed path alone). Each relayed
 * peer connection holds one until it is closed or its allocation lapses (up to 10 minutes), and a
 * relay-only call of three holds six at once: room for every relayed test of the suite in one run.
 */
export const RELAY_PORTS = { min: 49160, max: 49400 };

export interface Stack {
  baseUrl: string;
  /** Where its local D1, Durable Objects and secrets live. */
  state: string;
  /** Everything the server printed (wrangler, the Worker, the objects, `npm start`), stdout and stderr, in order. */
  logPath: string;
  /** The server's process group: wrangler and its workerd. */
  processGroup: number;
  /** With `relay`: coturn's listening port (UDP), as the server hands it out in TURN_URLS. */
  turnPort?: number;
  /** With `mailApi`: where the mails the server sent through its HTTP mailer can be read. */
  mailbox?: Mailbox;
  stop(): void;
}

export async function startStack(options: { relay: boolean; mailApi?: boolean }): Promise<Stack> {
  const state = mkdtempSync(join(tmpdir(), "anteroom-"));
  const wranglerArgs: string[] = [];
  // Mail through the real HTTP mailer to a local stand-in of the e-mail API, instead of the outbox.
  const mailbox = options.mailApi ? await startMailbox() : undefined;
  if (mailbox) {
    wranglerArgs.push(
      "--var",
      "MAILER:http",
      "--var",
      `MAIL_API_URL:${mailbox.apiUrl}`,
      "--var",
      `MAIL_API_KEY:${mailbox.apiKey}`,
    );
  }
  let coturn: ReturnType<typeof startProcess> | undefined;
  let turnPort: number | undefined;
  if (options.relay) {
    turnPort = await freePort();
    const turnSecret = randomBytes(16).toString("hex");
    coturn = startProcess("turnserver", [
      "-n",
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${turnPort}`,
      `--min-port=${RELAY_PORTS.min}`,
      `--max-port=${RELAY_PORTS.max}`,
      "--use-auth-secret",
      `--static-auth-secret=${turnSecret}`,
      "--realm=anteroom",
      "--allow-loopback-peers",
      "--no-cli",
      "--no-tls",
      "--no-dtls",
      "--log-file=stdout",
    ]);
    wranglerArgs.push(
      "--var",
      "ICE_PROVIDER:coturn",
      "--var",
      `TURN_SECRET:${turnSecret}`,
      "--var",
      `TURN_URLS:turn:127.0.0.1:${turnPort}?transport=udp`,
    );
    await waitForPort(turnPort, coturn).catch((error) => {
      stopProcess(coturn);
      throw error;
    });
  }
  const port = await freePort();
  const server = startProcess(process.execPath, ["scripts/start.ts", "--", ...wranglerArgs], {
    ...process.env,
    PORT: String(port),
    ANTEROOM_STATE: state,
    ANTEROOM_SKIP_BUILD: "1",
  });
  // The whole output, kept for the log scan (test/browser/kbv.test.ts): no personal data may appear in it.
  const logPath = join(state, "server.log");
  const log = createWriteStream(logPath, { mode: 0o600 });
  server.stdout?.pipe(log, { end: false });
  server.stderr?.pipe(log, { end: false });
  const stop = () => {
    stopProcess(server);
    log.end();
    stopProcess(coturn);
    void mailbox?.close();
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, server);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    logPath,
    processGroup: server.pid ?? 0,
    turnPort,
    mailbox,
    stop,
  };
}
