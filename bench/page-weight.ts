// What the patient's path weighs: the entry, the join and call screens and what they import, as built
// by `vite build` (its manifest). Measured by the bench and held to the budget by test/node.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The standing budget: a patient on a phone loads at most this much JS (gzip) before the first screen. */
export const PATIENT_JS_BUDGET = 40 * 1024;

type Manifest = Record<string, { file: string; imports?: string[] }>;

/** Gzipped (-9) bytes of the JS the patient's path loads, from a built client in `dist`. */
export function patientPageJs(dist = "dist/client"): number {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Manifest;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  ["index.html", "src/screens/Join.tsx", "src/screens/Call.tsx"].forEach(visit);
  return [...files]
    .filter((f) => f.endsWith(".js"))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
}
