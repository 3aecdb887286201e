// The patient's first load stays small: a 70-year-old on a phone and a slow line must not wait for the
// provider's screens or the call's extras. `npm run test:node` builds the client first.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CALL_JS_BUDGET,
  chunkOf,
  GROUP_JS_BUDGET,
  PATIENT_JS_BUDGET,
  PATIENT_JS_CEILING,
  patientFirstLoadFiles,
  patientWeights,
} from "../../bench/page-weight.ts";

describe("the patient's path", () => {
  const weights = patientWeights();

  it("loads under 40 KB of JavaScript (gzip) before the join page shows", () => {
    expect(weights.firstLoad).toBeGreaterThan(10 * 1024);
    expect(weights.firstLoad).toBeLessThan(PATIENT_JS_BUDGET);
  });

  it("keeps the first load at our ceiling, with the headroom issue 23's join page additions need", () => {
    expect(PATIENT_JS_CEILING).toBeLessThan(PATIENT_JS_BUDGET - 3 * 1024);
    expect(weights.firstLoad).toBeLessThanOrEqual(PATIENT_JS_CEILING);
  });

  it("carries the background blur toggle but none of blur itself: its code, worker, wasm and model load on a press", () => {
    const first = patientFirstLoadFiles();
    const blurCode = chunkOf("src/call/blur/processor.ts");
    expect(blurCode).toBeDefined();
    expect(first).not.toContain(blurCode);
    const text = first.map((file) => readFileSync(join("dist/client", file), "utf8")).join("\n");
    // The toggle is there (its hook), and it names blur's chunk only to import it.
    expect(text).toContain("blur-toggle");
    expect(text).toContain(String(blurCode).replace("assets/", ""));
    // Nothing of the pipeline, the worker or the runtime: no insertable streams, no worker script, no wasm or model.
    for (const part of ["MediaStreamTrackProcessor", "blur-worker", "/blur/", "tflite", "selfie_segmentation"]) {
      expect(text, part).not.toContain(part);
    }
  });

  it("counts the words of the page's language in the first load, one language only", () => {
    // Both languages' words are about 2.3 and 2.6 KB: one alone, not both and not none.
    expect(weights.language).toBeGreaterThan(1.5 * 1024);
    expect(weights.language).toBeLessThan(4 * 1024);
    expect(weights.firstLoad).toBeGreaterThan(weights.language);
  });

  it("adds the waiting room on entering, the call screen at admission within its own ceiling, and chat, files and stats only when used", () => {
    expect(weights.waiting).toBeGreaterThan(0);
    expect(weights.waiting).toBeLessThan(CALL_JS_BUDGET);
    expect(weights.call).toBeGreaterThan(0);
    expect(weights.call).toBeLessThan(CALL_JS_BUDGET);
    expect(weights.withEveryLazyPart).toBeGreaterThan(weights.firstLoad + weights.waiting + weights.call);
  });

  it("keeps the group call (grid, participants panel) in a chunk of its own, outside the call screen's, within its ceiling", () => {
    expect(weights.group).toBeGreaterThan(0);
    expect(weights.group).toBeLessThan(GROUP_JS_BUDGET);
    expect(weights.withEveryLazyPart).toBeGreaterThan(
      weights.firstLoad + weights.waiting + weights.call + weights.group,
    );
  });
});
