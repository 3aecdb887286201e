// One server for the whole browser suite, with a coturn relay so both call paths can be tested, and a
// stand-in e-mail API, so that every mail the suite reads was really sent by the HTTP mailer.
import type { TestProject } from "vitest/node";
import { startStack } from "./stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the mails the server sent through its HTTP mailer are listed. */
    mailboxUrl: string;
    /** coturn's listening port, for tests that cut the relayed path alone (network.ts cutRelayPath). */
    turnPort: number;
    /** The server's whole output (stdout and stderr), as a file, for the log scan. */
    serverLogPath: string;
    /** The server's state folder: the local D1 and Durable Objects' SQLite files, for the storage scan. */
    statePath: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack({ relay: true, mailApi: true });
  project.provide("baseUrl", stack.baseUrl);
  project.provide("mailboxUrl", stack.mailbox?.listUrl ?? "");
  project.provide("turnPort", stack.turnPort ?? 0);
  project.provide("serverLogPath", stack.logPath);
  project.provide("statePath", stack.state);
  return stack.stop;
}
