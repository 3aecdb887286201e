// `npm run bench`: page weight, Worker size, login CPU and latency, sign-up to first login,
// admit-to-first-frame, group calls of 2 to 5 (a full mesh) with blur's cost, recovery after a cut of the
// media path, file throughput and the waiting room under a storm, as a table.
// Runs inside a loopback-only network namespace (see package.json); every request goes to 127.0.0.1.
// `npm run bench -- --only storm,files` runs some parts only (names: see PARTS below).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import initializeArgon2 from "@phi-ag/argon2/node";
import { canCutNetwork } from "../test/browser/network.ts";
import { type Stack, startStack } from "../test/browser/stack.ts";
import { hashPassword, verifyPassword } from "../worker/auth/passwords.ts";
import { admitToFirstFrame } from "./admission.ts";
import { fileThroughput, type MainThread } from "./files.ts";
import { MESH_ROUNDS, meshCalls } from "./mesh.ts";
import { meshRows } from "./mesh-rows.ts";
import {
  CALL_JS_BUDGET,
  GROUP_JS_BUDGET,
  lazyWeightInWaitingRoom,
  PATIENT_JS_BUDGET,
  PATIENT_JS_CEILING,
  patientWeights,
} from "./page-weight.ts";
import { recoveryAfterCut } from "./recovery.ts";
import { sealingTimes } from "./sealing.ts";
import { waitingRoomLoad } from "./waiting-room.ts";

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What `wrangler deploy` would upload as the Worker: the minified script and the argon2 wasm, raw and gzipped. */
function workerBundle(): { raw: number; gzipped: number; scriptGzipped: number } {
  const outdir = mkdtempSync(join(tmpdir(), "anteroom-bundle-"));
  try {
    const result = spawnSync("node_modules/.bin/wrangler", ["deploy", "--dry-run", "--outdir", outdir], {
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    if (result.status !== 0) throw new Error(result.stderr);
    const files = readdirSync(outdir)
      .filter((f) => /\.(js|mjs|wasm)$/.test(f))
      .map((f) => join(outdir, f));
    return {
      raw: files.reduce((sum, f) => sum + statSync(f).size, 0),
      gzipped: files.reduce((sum, f) => sum + gz(readFileSync(f)), 0),
      scriptGzipped: gz(readFileSync(join(outdir, "index.js"))),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Login answer times. Logins are throttled (10 a minute per account, 30 per client), so the counts
 * stay below that, and unknown e-mails differ on every attempt.
 */
async function loginLatencies(baseUrl: string, count: number, known: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const email = known ? "demo@anteroom.test" : `nobody-${i}@anteroom.test`;
    const start = performance.now();
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify({ email, password: "anteroom-demo" }),
    });
    await res.arrayBuffer();
    if (res.status !== (known ? 200 : 401)) throw new Error(`login answered ${res.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

/** CPU milliseconds of one argon2id verification (the login's cost), with the wasm build the Worker uses. */
async function argon2CpuMs(count: number): Promise<number[]> {
  const argon2 = await initializeArgon2();
  const hash = hashPassword(argon2, "a bench passphrase");
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = process.cpuUsage();
    verifyPassword(argon2, hash, "a bench passphrase");
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return times;
}

const post = (baseUrl: string, path: string, body: unknown) =>
  fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify(body),
  });

/** Sign-up, the confirmation mail read from the local outbox, confirming, and the first login: end to end, over HTTP. */
async function signupToFirstLogin(baseUrl: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const email = `bench-${Date.now()}-${round}@anteroom.test`;
    const password = "a bench passphrase for sign-up";
    const start = performance.now();
    const signup = await post(baseUrl, "/api/auth/signup", {
      name: "Dr. Bench",
      email,
      password,
      practiceName: "Bench",
    });
    if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}`);
    let token: string | undefined;
    while (!token) {
      const mails = (await (await fetch(`${baseUrl}/dev/outbox.json`)).json()) as { to: string; text: string }[];
      token = mails.find((m) => m.to === email)?.text.match(/\/confirm#([A-Za-z0-9_-]{43})/)?.[1];
      if (performance.now() - start > 30_000) throw new Error("no confirmation mail");
    }
    const confirm = await post(baseUrl, "/api/auth/confirm", { token });
    if (confirm.status !== 204) throw new Error(`confirm answered ${confirm.status}`);
    const login = await post(baseUrl, "/api/auth/login", { email, password });
    if (login.status !== 200) throw new Error(`login answered ${login.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

const PARTS = [
  "weight",
  "sealing",
  "worker",
  "login",
  "admission",
  "mesh",
  "signup",
  "recovery",
  "files",
  "storm",
] as const;
type Part = (typeof PARTS)[number];
const onlyArgument = process.argv.indexOf("--only");
const chosen = new Set(onlyArgument > 0 ? (process.argv[onlyArgument + 1] ?? "").split(",") : PARTS);
for (const name of chosen) {
  if (!PARTS.includes(name as Part)) throw new Error(`bench: no part "${name}" (parts: ${PARTS.join(", ")})`);
}
const runs = (part: Part) => chosen.has(part);

const rows: [string, string, string][] = [];
if (runs("weight")) {
  const weights = patientWeights();
  rows.push([
    "patient JS at first load (entry + join page + one language, gzip -9)",
    kb(weights.firstLoad),
    `≤ ${PATIENT_JS_CEILING / 1024} KB (our ceiling), < ${PATIENT_JS_BUDGET / 1024} KB (standing budget)`,
  ]);
  rows.push(["  of which the page's language (the larger one)", kb(weights.language), "-"]);
  rows.push(["+ waiting room, loaded on entering", kb(weights.waiting), `< ${CALL_JS_BUDGET / 1024} KB (our ceiling)`]);
  rows.push(["+ call screen, loaded while waiting", kb(weights.call), `< ${CALL_JS_BUDGET / 1024} KB (our ceiling)`]);
  rows.push([
    "+ group call (grid, participants panel), prefetched with the call screen",
    kb(weights.group),
    `< ${GROUP_JS_BUDGET / 1024} KB (our ceiling)`,
  ]);
  rows.push([
    "patient path with every lazy part (call messages, chat and files, quality)",
    kb(weights.withEveryLazyPart),
    "-",
  ]);
}
if (runs("sealing")) {
  // The chunk the waiting room fetches on the first `seal-to`; the first load does not grow (issue 25).
  rows.push([
    "+ sealing the name (its own chunks, fetched in the waiting room)",
    kb(lazyWeightInWaitingRoom("src/waiting/seal-own-name.ts")),
    "not on the first load",
  ]);
  const times = await sealingTimes();
  const ratio = (value: number) => `${(value / times.floorMs).toFixed(0)}× floor`;
  rows.push([
    "floor: one AES-GCM encryption of the name, same run, median of 40",
    `${times.floorMs.toFixed(2)} ms`,
    "-",
  ]);
  for (const [n, value] of times.sealMs) {
    rows.push([
      `seal a name to ${n} device key${n === 1 ? "" : "s"}, median of 40`,
      `${value.toFixed(2)} ms (${ratio(value)})`,
      "-",
    ]);
  }
  rows.push(["open a name on one device, median of 40", `${times.openMs.toFixed(2)} ms (${ratio(times.openMs)})`, "-"]);
  rows.push([
    "sealed name to 32 devices, as the socket carries it",
    `${(times.largestBoxBytes / 1024).toFixed(1)} KB`,
    "< 16 KB (a socket attachment's limit)",
  ]);
}
if (runs("worker")) {
  const bundle = workerBundle();
  rows.push([
    "Worker as uploaded (script + wasm)",
    `${kb(bundle.raw)} raw, ${kb(bundle.gzipped)} gzip; script alone ${kb(bundle.scriptGzipped)} gzip`,
    "script + wasm < 150 KB gzip (standing budget), < 3 MB (Workers limit)",
  ]);
}
if (runs("login")) {
  const cpu = await argon2CpuMs(20);
  rows.push([
    "login CPU: argon2id verify (m=19 MiB, t=2), n=20",
    `median ${percentile(cpu, 50).toFixed(1)} ms CPU`,
    "< 50 ms (Workers Free: 10 ms CPU is not enough; paid plans)",
  ]);
}

const needsServer = ["login", "admission", "mesh", "signup", "recovery", "files", "storm"].some((part) =>
  chosen.has(part),
);
const stack = needsServer ? await startStack({ relay: false }) : undefined;
try {
  if (stack) await serverParts(stack);
} finally {
  stack?.stop();
}

async function serverParts(stack: Stack): Promise<void> {
  // First, while the demo account has logged in only once: logins are throttled per account.
  if (runs("admission")) {
    const { app, floor } = await admitToFirstFrame(stack.baseUrl, 5);
    const spread = (times: number[]) =>
      `median ${ms(percentile(times, 50))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))})`;
    rows.push(["admit to first decoded frame, both sides, n=5", spread(app), "median < 600 ms"]);
    // The floor shows how much of that is the runtime (camera, a Durable Object relay, ICE, DTLS, decoding).
    rows.push(["floor: two bare pages through a bare relay object, same run, n=5", spread(floor), "-"]);
    // Round by round too: each floor round runs right after its admission round, under the same load
    // (the machine is shared), so their ratio varies less than the figures themselves.
    const paired = app.map((time, round) => time / (floor[round] ?? Number.NaN));
    const ratio = percentile(app, 50) / percentile(floor, 50);
    rows.push([
      "admission ÷ floor",
      `${ratio.toFixed(2)}× of the medians; median round by round ${percentile(paired, 50).toFixed(2)}×`,
      "-",
    ]);
  }
  // Also before the login part: the mesh logs the demo provider in once.
  if (runs("mesh")) rows.push(...meshRows(await meshCalls(stack.baseUrl, MESH_ROUNDS)));
  if (runs("login")) {
    const logins = await loginLatencies(stack.baseUrl, 8, true);
    rows.push([
      "login, right password (argon2id), n=8",
      `p50 ${ms(percentile(logins, 50))}, p95 ${ms(percentile(logins, 95))}`,
      "-",
    ]);
    const unknown = await loginLatencies(stack.baseUrl, 8, false);
    rows.push([
      "login, unknown e-mail (dummy hash), n=8",
      `p50 ${ms(percentile(unknown, 50))}, p95 ${ms(percentile(unknown, 95))}`,
      "same as above",
    ]);
  }
  if (runs("signup")) {
    const signups = await signupToFirstLogin(stack.baseUrl, 3);
    rows.push([
      "sign-up → confirmation mail (outbox) → confirm → first login, n=3",
      `median ${ms(percentile(signups, 50))} (max ${ms(Math.max(...signups))})`,
      "< 1000 ms",
    ]);
  }
  if (runs("recovery")) {
    if (canCutNetwork()) {
      const recoveries = await recoveryAfterCut(stack.baseUrl, 3);
      rows.push([
        "media path cut 10 s, restored → frames flowing again, n=3",
        `median ${ms(percentile(recoveries, 50))} (max ${ms(Math.max(...recoveries))})`,
        "< 5000 ms, nobody acting",
      ]);
    } else rows.push(["media path cut 10 s → frames again", "n/a (needs root for nft)", "-"]);
  }
  if (runs("files")) {
    const files = await fileThroughput(stack.baseUrl);
    const rate = (mbPerSecond: number) => `${mbPerSecond.toFixed(1)} MB/s`;
    rows.push([
      "file over the data channel, 50 MB, loopback (app: read, hash, send, verify | bare data channel pair)",
      `${rate(files.appMbPerSecond)} | ${rate(files.floorMbPerSecond)}`,
      "(absolute rates depend on the machine)",
    ]);
    // The goal is a ratio to a bare channel measured in the same run and browser, not an absolute rate.
    rows.push([
      "file throughput, floor ÷ app",
      `${(files.floorMbPerSecond / files.appMbPerSecond).toFixed(2)}x`,
      "≤ 2x: within 2x of a bare data channel",
    ]);
    // The same bare pair again while the call's video still runs: the part of the gap that is the
    // call's media sharing the CPU, not the file code.
    rows.push([
      "file throughput, bare pair beside the running call ÷ app",
      `${rate(files.floorBesideCallMbPerSecond)} → ${(files.floorBesideCallMbPerSecond / files.appMbPerSecond).toFixed(2)}x`,
      "-",
    ]);
    // 200 ms is where a click stops feeling answered (the "good" limit of Interaction to Next Paint):
    // a page blocked longer than that while a file moves is a frozen page to the person using it.
    const thread = (side: MainThread) =>
      `${ms(side.longestTaskMs)} (at ${side.longestTaskAtS.toFixed(1)} s) / ${ms(side.longestFrameGapMs)}`;
    rows.push([
      "while the file moves: longest task (when) / longest gap between frames (patient | provider)",
      `${thread(files.patient)} | ${thread(files.provider)}`,
      "< 200 ms: no frozen page",
    ]);
    rows.push([
      "same call, 5 s without a file: longest task (when) / longest gap between frames (patient | provider)",
      `${thread(files.idlePatient)} | ${thread(files.idleProvider)}`,
      "(what the call pages show without a file)",
    ]);
    rows.push([
      "bare pair, its 50 MB on an idle browser: longest task (when) / longest gap between frames (sender | receiver)",
      `${thread(files.floorSender)} | ${thread(files.floorReceiver)}`,
      "(what this machine shows for pages doing nothing but send and count)",
    ]);
  }
  if (runs("storm")) stormRows(await waitingRoomLoad(stack));
}

/** The waiting room under a storm of patients, beside a bare Durable Object measured in the same run. */
function stormRows(loads: Awaited<ReturnType<typeof waitingRoomLoad>>): void {
  for (const { room, floor, ratios } of loads) {
    const n = `N=${room.patients}`;
    rows.push([
      `waiting room, ${n} connect at once: greeted with their place (room | floor)`,
      `p50 ${ms(room.greetP50)}, p99 ${ms(room.greetP99)} | p50 ${ms(floor.greetP50)}, p99 ${ms(floor.greetP99)}`,
      "(absolute times depend on local wrangler dev)",
    ]);
    // The goal is a ratio to the bare greeting object measured in the same run, not an absolute time.
    rows.push([
      `waiting room, ${n}: greeting p99, room ÷ floor`,
      `${(room.greetP99 / floor.greetP99).toFixed(2)}x (median of ${ratios.length} pairs: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
      "≤ 1.2x the floor",
    ]);
    rows.push([
      `waiting room, ${n}: workerd CPU per arrival, worker + object (room | floor)`,
      `${room.cpuMsPerArrival.toFixed(1)} ms | ${floor.cpuMsPerArrival.toFixed(1)} ms`,
      "N=1000 within 2x of N=100",
    ]);
    rows.push([
      `waiting room, ${n}: JS heap used with all connected (room | floor)`,
      `${room.heapMb.toFixed(1)} MB | ${floor.heapMb.toFixed(1)} MB`,
      "heap < 64 MB",
    ]);
    rows.push([
      `waiting room, ${n}: workerd memory growth, RSS (room | floor)`,
      `${room.memoryGrowthMb.toFixed(0)} MB | ${floor.memoryGrowthMb.toFixed(0)} MB`,
      "(sockets and buffers of wrangler dev included)",
    ]);
    rows.push([
      `waiting room, ${n}: status message to everyone waiting (room | floor)`,
      `p99 ${ms(room.statusP99)} | p99 ${ms(floor.statusP99)}`,
      "p99 < 250 ms at N=1000",
    ]);
    rows.push([
      `waiting room, ${n}: frames to patients in all (room | floor)`,
      `${room.frames} | ${floor.frames}`,
      `linear: was N(N+1)/2 = ${(room.patients * (room.patients + 1)) / 2}`,
    ]);
  }
}

const width = [0, 1, 2].map((i) => Math.max(...[["metric", "value", "target"], ...rows].map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(width[i]!)).join(" | ")} |`;
console.log(
  ["", line(["metric", "value", "target"]), line(width.map((w) => "-".repeat(w))), ...rows.map(line), ""].join("\n"),
);
