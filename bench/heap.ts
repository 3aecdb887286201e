// The JS heap of a local workerd's app isolate, read through wrangler dev's inspector proxy (the V8
// DevTools protocol): Runtime.getHeapUsage. Garbage not yet collected counts too: the inspector does
// not answer HeapProfiler.collectGarbage here. Everything stays on 127.0.0.1.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { processesOf } from "./processes.ts";

/** Ports on which processes of this group listen (from /proc: their sockets' inodes in /proc/net/tcp). */
function listeningPorts(processGroup: number): number[] {
  const inodes = new Set<string>();
  for (const pid of processesOf(processGroup)) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
      }
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  const ports: number[] = [];
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    // State 0A is LISTEN.
    if (fields[3] === "0A" && inodes.has(fields[9] ?? "")) ports.push(Number.parseInt(fields[1]!.split(":")[1]!, 16));
  }
  return ports;
}

/** The inspector's debugger address among the group's ports, if it has one. */
export async function debuggerUrl(processGroup: number): Promise<string | undefined> {
  for (const port of listeningPorts(processGroup)) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(1000) });
      const targets = (await res.json()) as { webSocketDebuggerUrl?: string }[];
      // wrangler's inspector proxy (…/ws) reaches the app's isolate; workerd's own inspector behind it
      // takes one client only, and wrangler is that client.
      const url = targets.find((target) => target.webSocketDebuggerUrl?.endsWith("/ws"))?.webSocketDebuggerUrl;
      if (url) return url;
    } catch {
      // Not the inspector.
    }
  }
  return undefined;
}

export const DEVTOOLS_ORIGIN = "https://devtools.devprod.cloudflare.dev";

/** Sends DevTools commands in order over one socket; resolves with their results. */
function devtools(url: string, methods: string[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    // The proxy answers DevTools pages only; Node's WebSocket (undici) may send their Origin.
    const ws = new WebSocket(url, { headers: { Origin: DEVTOOLS_ORIGIN } } as unknown as string[]);
    const results: unknown[] = [];
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error("inspector did not answer"));
    }, 15_000);
    ws.addEventListener("open", () => ws.send(JSON.stringify({ id: 0, method: methods[0] })));
    ws.addEventListener("message", (event) => {
      const reply = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
      // The proxy sends replies of its own (ids from 100000001): only ours count.
      if (reply.id === undefined || reply.id >= methods.length) return;
      results[reply.id] = reply.result ?? reply.error;
      const next = reply.id + 1;
      if (next < methods.length) return ws.send(JSON.stringify({ id: next, method: methods[next] }));
      clearTimeout(timer);
      ws.close();
      resolve(results);
    });
    ws.addEventListener("error", () => reject(new Error("inspector socket failed")));
  });
}

/** JS heap in use (MB), or NaN where the inspector cannot be reached. */
export async function heapUsedMb(processGroup: number): Promise<number> {
  const url = await debuggerUrl(processGroup);
  if (!url) return Number.NaN;
  try {
    const [usage] = await devtools(url, ["Runtime.getHeapUsage"]);
    const used = (usage as { usedSize?: number } | undefined)?.usedSize;
    return used === undefined ? Number.NaN : used / 1024 / 1024;
  } catch {
    return Number.NaN;
  }
}
