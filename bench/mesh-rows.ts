// The mesh part's table rows (bench/mesh.ts): for each size of the call, each figure over every
// participant of every round, the mean with the least and the most in brackets; the two-person call is
// the floor the larger ones are set against (× of 2), measured in the same rounds.
import { availableParallelism } from "node:os";
import { FRAME_BUDGET_MS } from "../client/src/call/blur/speed-watch.ts";
import { meshCap } from "../client/src/call/quality.ts";
import type { BlurCost } from "./blur-cost.ts";
import { type MeshFigures, type MeshSize, WINDOW_MS } from "./mesh.ts";

type Row = [string, string, string];

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const fixed = (value: number, digits: number) => value.toFixed(digits);
const spread = (values: number[], digits = 0) =>
  `${fixed(mean(values), digits)} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;
/** "a ×3, b ×1": how often each value came up. */
const counted = (counts: Map<string, number>) => [...counts].map(([value, count]) => `${value} ×${count}`).join(", ");
const ms = (values: number[]) => values.map((value) => `${Math.round(value)}`).join(", ");

/** What the client's cap allows each video stream with `peers` others (client/src/call/quality.ts). */
function capText(peers: number): string {
  const cap = meshCap(peers);
  if (!cap.maxBitrate) return "no mesh cap: the quality steps only";
  return `cap ${cap.maxBitrate / 1000} kbit/s a video stream, picture ÷ ${cap.scaleResolutionDownBy}`;
}

/** Renderer CPU per frame encoded or decoded: its CPU share over every frame it coded a second (ms). */
const msPerFrameCoded = (size: MeshSize) =>
  size.rendererCores.map(
    (cores, i) => (cores * 1000) / ((size.encodedFps[i]! + size.decodedFps[i]!) * (size.participants - 1)),
  );

function sizeRows(rounds: MeshSize[][], n: number, floor: number): Row[] {
  const at = (participants: number) => rounds.map((round) => round.find((size) => size.participants === participants)!);
  const pooled = (participants: number, of: (size: MeshSize) => number[]) => at(participants).flatMap(of);
  /** This size's mean against the floor's, for the figures compared as ratios. */
  const ratio = (of: (size: MeshSize) => number[]) =>
    n === floor ? "" : `; ${fixed(mean(pooled(n, of)) / mean(pooled(floor, of)), 2)}× of ${floor}`;
  const of = (pick: (size: MeshSize) => number[]) => pooled(n, pick);
  const reasons = new Map<string, number>();
  for (const [reason, count] of at(n).flatMap((size) => Object.entries(size.limitations))) {
    reasons.set(reason, (reasons.get(reason) ?? 0) + count);
  }
  const caps = new Map<string, number>();
  for (const kbps of of((size) => size.maxBitrateKbps)) {
    const cap = kbps > 0 ? `${Math.round(kbps)}` : "none";
    caps.set(cap, (caps.get(cap) ?? 0) + 1);
  }
  const people = `mesh, ${n} people`;
  const upload = (size: MeshSize) => size.uplinkKbps;
  const renderer = (size: MeshSize) => size.rendererCores;
  const share = (size: MeshSize) => [size.chromiumCores / size.participants];
  const joined = (pick: (join: MeshSize["joinMs"]) => number) => (size: MeshSize) => [pick(size.joinMs)];
  return [
    [
      `${people}: each sender's upload over its ${n - 1} connection(s), video + audio + RTCP (kbit/s, ${WINDOW_MS / 1000} s, ${rounds.length}×${n} senders)`,
      `${spread(of(upload))}${ratio(upload)}`,
      capText(n - 1),
    ],
    [
      `${people}: a video stream: kbit/s, picture, frames encoded | audio, all of a sender's streams | frames decoded per other`,
      `${spread(of((size) => size.videoKbpsPerStream))}, ≤ ${Math.max(...of((size) => size.frameHeight))}p, ${fixed(mean(of((size) => size.encodedFps)), 1)} fps | ${fixed(mean(of((size) => size.audioKbps)), 0)} kbit/s | ${fixed(mean(of((size) => size.decodedFps)), 1)} fps`,
      `estimate ${spread(of((size) => size.estimateKbps))} kbit/s a connection; maxBitrate set ${counted(caps)}; held back by ${counted(reasons)}`,
    ],
    [
      `${people}: CPU per participant: its renderer (cores) | renderer ms per frame encoded or decoded | all of Chromium ÷ ${n}`,
      `${spread(of(renderer), 2)}${ratio(renderer)} | ${fixed(mean(of(msPerFrameCoded)), 1)} ms | ${fixed(mean(of(share)), 2)}${ratio(share)}`,
      `busy: Chromium ${fixed(mean(at(n).map((size) => size.chromiumCores)), 2)}, machine ${fixed(mean(at(n).map((size) => size.machineCores)), 2)} of ${availableParallelism()} cores; load ${at(
        n,
      )
        .map((size) => fixed(size.load, 1))
        .join(", ")}`,
    ],
    [
      `${people}: ${n === floor ? "Admit" : "Add to this call"} → the one let in shows everyone | decodes everyone | everyone decodes everyone (ms, by round)`,
      `${ms(of(joined((join) => join.tiles)))} | ${ms(of(joined((join) => join.newcomer)))} | ${ms(of(joined((join) => join.all)))}${ratio(joined((join) => join.all))}`,
      n === floor ? "(the floor: a 1:1 call starting)" : "-",
    ],
  ];
}

function blurRows(cost: BlurCost): Row[] {
  const camera = `blur, ${cost.frameHeight}p camera, call of 2`;
  const stayed = cost.stayedOn
    ? "stayed on"
    : `went off by itself (too slow) ${fixed(cost.onForMs / 1000, 1)} s into the window`;
  return [
    [
      `${camera}: blur worker ms per frame, mean and p95 of ${cost.reports} one-second reports | frames blurred a second`,
      `${fixed(cost.msPerFrame, 1)} ms, p95 ${fixed(cost.p95MsPerFrame, 1)} ms | ${fixed(cost.blurredFps, 1)} fps; ${stayed}`,
      `≤ ${FRAME_BUDGET_MS} ms a frame, or blur goes off (speed-watch.ts)`,
    ],
    [
      `${camera}: the sender's renderer, blur off (floor) → on | its extra CPU per frame blurred`,
      `${fixed(cost.coresOff, 2)} → ${fixed(cost.coresOn, 2)} cores | ${fixed(cost.extraCpuMsPerFrame, 1)} ms`,
      "-",
    ],
  ];
}

export function meshRows({ rounds, blur }: MeshFigures): Row[] {
  const sizes = rounds[0]?.map((size) => size.participants) ?? [];
  const floor = sizes[0] ?? 2;
  return [...sizes.flatMap((n) => sizeRows(rounds, n, floor)), ...blurRows(blur.large), ...blurRows(blur.small)];
}
