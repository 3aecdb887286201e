// The waiting room under load, through real sockets to the local server (127.0.0.1 only), beside a
// floor: a bare Durable Object that only accepts, greets and broadcasts (bench/floor), run in the same
// process tree at the same time. For N patients connecting at once: time until each is greeted,
// workerd CPU per arrival, workerd memory growth, time for a status message to reach everyone, and
// the frames sent.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sealTicket } from "../durable-objects/tickets.ts";
import type { Stack } from "../test/browser/stack.ts";
import { startFloor } from "./floor-call.ts";
import { heapUsedMb } from "./heap.ts";
import { processesOf } from "./processes.ts";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" };
/** Nothing waits longer than this for a storm or a broadcast: the bench stays bounded in time. */
const DEADLINE_MS = 60_000;

export interface LoadFigures {
  patients: number;
  greetP50: number;
  greetP99: number;
  cpuMsPerArrival: number;
  memoryGrowthMb: number;
  /** The isolate's JS heap in use while all N are connected (NaN without an inspector). */
  heapMb: number;
  statusP99: number;
  frames: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The workerd processes of a process group. */
function workerdOf(processGroup: number): number[] {
  return processesOf(processGroup).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd");
    } catch {
      return false;
    }
  });
}

/** CPU time (ms) and resident memory (MB) of some processes, summed. */
function usage(pids: number[]): { cpuMs: number; rssMb: number } {
  let ticks = 0;
  let rssKb = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
    rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  }
  // Clock ticks are 1/100 s on Linux.
  return { cpuMs: ticks * 10, rssMb: rssKb / 1024 };
}

/**
 * A socket that counts frames and notes when it was greeted (the first frame containing `greeting`)
 * and when a marker it waits for arrives.
 */
function open(url: string, protocols: string[], greeting: string, headers: Record<string, string> = {}) {
  // Node's WebSocket (undici) takes extra headers: the provider's session cookie.
  const ws = new WebSocket(url, { protocols, headers } as unknown as string[]);
  const state = { frames: 0, greetedAt: 0, sawAt: new Map<string, number>(), ws };
  ws.addEventListener("message", (event) => {
    state.frames++;
    const text = String(event.data);
    if (!state.greetedAt && text.includes(greeting)) state.greetedAt = performance.now();
    for (const marker of state.sawAt.keys()) {
      if (!state.sawAt.get(marker) && text.includes(marker)) state.sawAt.set(marker, performance.now());
    }
  });
  return state;
}
type Counted = ReturnType<typeof open>;

async function until(check: () => boolean, what: string): Promise<void> {
  const end = performance.now() + DEADLINE_MS;
  while (!check()) {
    if (performance.now() > end) throw new Error(`bench: ${what} did not happen within ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function close(sockets: Counted[]): void {
  for (const socket of sockets) socket.ws.close(1000);
}

/** Runs a storm of `count` sockets (made by `connect`) and a broadcast started by `broadcast`. */
async function storm(
  count: number,
  processGroup: number,
  pids: number[],
  connect: (index: number) => Counted,
  broadcast: (marker: string) => void,
): Promise<LoadFigures> {
  const before = usage(pids);
  const start = performance.now();
  const sockets = Array.from({ length: count }, (_, i) => connect(i));
  await until(() => sockets.every((s) => s.greetedAt > 0), `greeting ${count}`);
  // Let late frames (coalesced positions) arrive before reading the counters.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = usage(pids);
  const heapMb = await heapUsedMb(processGroup);
  const greet = sockets.map((s) => s.greetedAt - start);
  const marker = `bench-${count}-${Math.random().toString(36).slice(2)}`;
  for (const socket of sockets) socket.sawAt.set(marker, 0);
  const sent = performance.now();
  broadcast(marker);
  await until(() => sockets.every((s) => (s.sawAt.get(marker) ?? 0) > 0), `status to ${count}`);
  const status = sockets.map((s) => (s.sawAt.get(marker) ?? 0) - sent);
  const frames = sockets.reduce((sum, s) => sum + s.frames, 0);
  close(sockets);
  return {
    patients: count,
    greetP50: percentile(greet, 50),
    greetP99: percentile(greet, 99),
    cpuMsPerArrival: (after.cpuMs - before.cpuMs) / count,
    memoryGrowthMb: after.rssMb - before.rssMb,
    heapMb,
    statusP99: percentile(status, 99),
    frames,
  };
}

const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Appointments with valid invites for the demo provider, written straight into the local D1. */
function seedInvites(stack: Stack, count: number, tag: string): { providerId: string; invites: string[][] } {
  const d1 = (args: string[]) =>
    spawnSync(process.execPath, [WRANGLER, "d1", "execute", "DB", "--local", "--persist-to", stack.state, ...args], {
      encoding: "utf8",
      env: quiet,
    });
  const found = d1(["--json", "--command", "SELECT id FROM providers WHERE email = 'demo@anteroom.test'"]);
  const providerId = (JSON.parse(found.stdout) as [{ results: [{ id: string }] }])[0].results[0].id;
  const now = Date.now();
  const invites: string[][] = [];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const appointment = `bench-${tag}-appt-${i}`;
    const invite = `bench-${tag}-invite-${i}`;
    invites.push([appointment, invite]);
    lines.push(
      `INSERT INTO appointments (id, provider_id, title, starts_at, duration_minutes, created_at) VALUES (${sql(appointment)}, ${sql(providerId)}, 'Bench', ${now}, 30, ${now});`,
      `INSERT INTO invites (id, appointment_id, token_hash, valid_from, valid_until) VALUES (${sql(invite)}, ${sql(appointment)}, ${sql(`${invite}-hash`)}, ${now - 60_000}, ${now + 3_600_000});`,
    );
  }
  const file = join(stack.state, `bench-${tag}.sql`);
  writeFileSync(file, lines.join("\n"));
  const result = d1(["--file", file]);
  rmSync(file, { force: true });
  if (result.status !== 0) throw new Error(`seeding the bench's invites failed: ${result.stderr}`);
  return { providerId, invites };
}

export async function demoCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email: "demo@anteroom.test", password: "anteroom-demo" }),
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** The real waiting room: `count` patients of the demo provider, whose dashboard is open. */
export async function roomStorm(stack: Stack, count: number, cookie: string): Promise<LoadFigures> {
  const { providerId, invites } = seedInvites(stack, count, `${count}-${Date.now().toString(36)}`);
  const secret = readFileSync(join(stack.state, "ticket-secret"), "utf8").trim();
  const now = Date.now();
  const tickets = await Promise.all(
    invites.map(([appointmentId, inviteId], i) =>
      sealTicket(secret, {
        kind: "waiting",
        id: crypto.randomUUID(),
        providerId,
        appointmentId: appointmentId!,
        inviteId: inviteId!,
        waitingSince: now + i,
        issuedAt: now,
        exp: now + 3_600_000,
      }),
    ),
  );
  const url = `${stack.baseUrl.replace("http", "ws")}/api/ws/waiting`;
  const dashboard = open(url, ["anteroom.v1"], '"queue"', { Cookie: cookie });
  await until(() => dashboard.greetedAt > 0, "the dashboard's greeting");
  try {
    const pids = workerdOf(stack.processGroup);
    return await storm(
      count,
      stack.processGroup,
      pids,
      // Greeted: told their place in the queue.
      (i) => open(url, ["anteroom.v1", `ticket.${tickets[i]}`], '"position"'),
      (marker) => dashboard.ws.send(JSON.stringify({ type: "status", status: "available", message: marker })),
    );
  } finally {
    close([dashboard]);
  }
}

/** The floor: the same storm against a bare greeting and broadcasting object. */
async function floorStorm(floor: { url: string; processGroup: number }, count: number): Promise<LoadFigures> {
  const room = `${floor.url}/?room=${count}`;
  const pids = workerdOf(floor.processGroup);
  let first: Counted | undefined;
  return storm(
    count,
    floor.processGroup,
    pids,
    (i) => {
      const socket = open(room, [], '"hello"');
      if (i === 0) first = socket;
      return socket;
    },
    (marker) => first?.ws.send(JSON.stringify({ type: "status", message: marker })),
  );
}

/** Pairs measured per size: the machine's other work can slow either run of a single pair. */
const PAIRS_PER_SIZE = 3;

export interface LoadComparison {
  /** The pair whose greeting ratio was the median of its size's pairs. */
  room: LoadFigures;
  floor: LoadFigures;
  /** Greeting p99, room ÷ floor, of every pair in the order run. */
  ratios: number[];
}

/**
 * Both at N = 100 and 1,000, each as PAIRS_PER_SIZE pairs run one after the other (room, then floor),
 * so that a burst of other work on the machine shows as one outlying pair instead of the result.
 */
export async function waitingRoomLoad(stack: Stack, sizes = [100, 1000]): Promise<LoadComparison[]> {
  const floorServer = await startFloor();
  try {
    const floor = { url: floorServer.baseUrl.replace("http", "ws"), processGroup: floorServer.processGroup };
    const cookie = await demoCookie(stack.baseUrl);
    // A small storm each first, so that start-up costs (compiling, first allocations) are not counted.
    await roomStorm(stack, 20, cookie);
    await floorStorm(floor, 20);
    const results: LoadComparison[] = [];
    for (const size of sizes) {
      const pairs: [LoadFigures, LoadFigures][] = [];
      for (let pair = 0; pair < PAIRS_PER_SIZE; pair++) {
        pairs.push([await roomStorm(stack, size, cookie), await floorStorm(floor, size)]);
      }
      const ratio = ([room, floor]: [LoadFigures, LoadFigures]) => room.greetP99 / floor.greetP99;
      const [room, floorFigures] = [...pairs].sort((a, b) => ratio(a) - ratio(b))[Math.floor(pairs.length / 2)]!;
      results.push({ room, floor: floorFigures, ratios: pairs.map(ratio) });
    }
    return results;
  } finally {
    floorServer.stop();
  }
}
