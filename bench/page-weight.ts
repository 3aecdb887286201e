// What the patient's path weighs, as built by `vite build` (its manifest): the first load (the entry
// and the join page, with everything they import statically: what a patient's phone downloads before
// the join page shows), the call screen added at admission, and every part loaded later on first use
// (the call's messages, chat and files, the quality monitor). Measured by the bench; the first load is
// held to the budget by test/node.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The standing budget: a patient on a phone loads at most this much JS (gzip) before the first screen. */
export const PATIENT_JS_BUDGET = 40 * 1024;
/** Our own ceiling for the call screen on top of the first load, so the call cannot grow unnoticed. */
export const CALL_JS_BUDGET = 16 * 1024;

type Manifest = Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>;

function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Manifest;
}

/** The chunks these entries load, following static imports, and dynamic ones too if asked. */
function chunks(manifest: Manifest, entries: string[], followDynamic: boolean): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
    // The entry's dynamic imports are every screen, the provider's too: only the patient's screens' count.
    if (followDynamic && key !== "index.html") chunk.dynamicImports?.forEach(visit);
  };
  entries.forEach(visit);
  return files;
}

function gzipped(dist: string, files: Iterable<string>): number {
  return [...files]
    .filter((f) => f.endsWith(".js"))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
}

const FIRST_LOAD = ["index.html", "src/patient/Join.tsx"];
/** Loaded when the patient enters the waiting room. */
const WAITING = "src/waiting/PatientWaiting.tsx";
const CALL = "src/call/Call.tsx";

export interface PatientWeights {
  /** Entry and join page: before the first screen shows. */
  firstLoad: number;
  /** The waiting room's own chunks, loaded when the patient enters it. */
  waiting: number;
  /** The call screen's own chunks, loaded at admission. */
  call: number;
  /** Everything the patient's path can ever load: the above and every lazily loaded part. */
  withEveryLazyPart: number;
}

/** Gzipped (-9) bytes of the patient's JS, from a built client in `dist`. */
export function patientWeights(dist = "dist/client"): PatientWeights {
  const manifest = readManifest(dist);
  const first = chunks(manifest, FIRST_LOAD, false);
  const withWaiting = chunks(manifest, [...FIRST_LOAD, WAITING], false);
  const withCall = chunks(manifest, [...FIRST_LOAD, WAITING, CALL], false);
  const lazy = chunks(manifest, ["src/patient/Join.tsx", WAITING, CALL, "src/call/i18n-call.ts"], true);
  const everything = new Set([...first, ...withCall, ...lazy]);
  const firstLoad = gzipped(dist, first);
  return {
    firstLoad,
    waiting: gzipped(dist, withWaiting) - firstLoad,
    call: gzipped(dist, withCall) - gzipped(dist, withWaiting),
    withEveryLazyPart: gzipped(dist, everything),
  };
}

/** The first load alone (kept for callers that want one figure). */
export function patientPageJs(dist = "dist/client"): number {
  return patientWeights(dist).firstLoad;
}
