// Group calls as a full mesh (docs/GROUP-CALLS.md): one call grows from 2 to 5 participants, all pages in
// one Chromium with the fake camera and microphone on this machine. At each size: how long until a person
// joining the running call and everyone already in it see each other, then, over a fixed window once the
// call has settled, what each sender uploads and how much CPU each participant's page uses. The two-person
// call is the floor the larger ones are compared with, measured in the same round.
import { loadavg } from "node:os";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { blurCameraFile } from "../test/browser/blur-camera.ts";
import { launchChromium, newPage } from "../test/browser/chromium.ts";
import { type BlurCost, blurCost } from "./blur-cost.ts";
import { browserClock, browserCoresBetween, coresBetween, machineBusy, rendererClock } from "./browser-cpu.ts";
import { logInAsDemo, patientEnters, until } from "./call-pages.ts";
import { readJoined, readSending, type Sending } from "./mesh-pages.ts";

/** How long the person joining has waited when the provider lets them in (as in bench/admission.ts). */
const WAITED_MS = 1000;
/**
 * After everyone sees everyone: the senders' bandwidth estimates ramp up and the mesh caps are applied
 * (at once on presence, checked again every 2 s), so the window starts on a settled call.
 */
const SETTLE_MS = 5000;
export const WINDOW_MS = 10_000;
/** Rounds of the call growing from 2 to 5 in `npm run bench`: the whole part takes about 4½ minutes on 2 cores. */
export const MESH_ROUNDS = 2;
/** The invitations of the appointment beside the patient's: the 3rd, 4th and 5th participant. */
const GUEST_LABELS = ["interpreter", "relative", "colleague"];

/** One size of the call, as measured in one round. Arrays hold one entry per participant. */
export interface MeshSize {
  participants: number;
  /**
   * Milliseconds from the provider's click (Admit for the patient at 2, "Add to this call" at 3–5) until
   * the person let in shows a tile for every other participant (`tiles`: their page is in the call), until
   * they decode frames from each of them and show each connected (`newcomer`), and until every page does
   * (`all`).
   */
  joinMs: { tiles: number; newcomer: number; all: number };
  /** Each sender's upload over the window, everything its peer connections sent (kbit/s). */
  uplinkKbps: number[];
  /** Each sender's video payload per stream it sends (kbit/s): what the mesh cap limits. */
  videoKbpsPerStream: number[];
  /** Each sender's audio payload over all its streams (kbit/s). */
  audioKbps: number[];
  /** Frames a second each sender encodes per stream, and the tallest picture it sends. */
  encodedFps: number[];
  frameHeight: number[];
  /** Frames a second each participant decodes per other participant. */
  decodedFps: number[];
  /** The browsers' bandwidth estimates toward each other participant, and the video caps set (kbit/s, 0: none), per connection. */
  estimateKbps: number[];
  maxBitrateKbps: number[];
  /** Why the encoders held back at the window's end, counted over every video stream ("none": they did not). */
  limitations: Record<string, number>;
  /** Each participant's renderer process, share of one core over the window. */
  rendererCores: number[];
  /** Every Chromium process (renderers, browser with capture and audio, network, GPU), cores in all. */
  chromiumCores: number;
  /** Every process of the machine (Chromium, the local server, the bench, whatever else runs), cores in all. */
  machineCores: number;
  /** The machine's load average over the last minute at the window's end: threads wanting a core, Chromium's included. */
  load: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new appointment of the demo provider: the patient's link and one labelled link per guest. */
async function groupAppointment(provider: Page, labels: string[]): Promise<{ patient: string; guests: string[] }> {
  await provider.goto("/dashboard");
  await provider.getByTestId("waiting-empty").waitFor();
  return provider.evaluate(async (labels) => {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const created = await post("/api/appointments", {
      title: "Bench group",
      startsAt: new Date().toISOString(),
      durationMinutes: 45,
    });
    const guests: string[] = [];
    for (const label of labels) {
      const extra = await post(`/api/appointments/${created.appointment.id}/invitations`, { label });
      guests.push(extra.invite.inviteUrl as string);
    }
    return { patient: created.invite.inviteUrl as string, guests };
  }, labels);
}

/**
 * Milliseconds from `start` until each page is fully in the call with all the others (readJoined
 * "connected"), in the order of `pages`, and until the last of them, the person let in, first showed a
 * tile for each of the others (it has entered the call screen and knows who is there).
 */
async function everyoneConnected(pages: Page[], start: number): Promise<{ connected: number[]; tiles: number }> {
  const others = pages.length - 1;
  const connected: (number | undefined)[] = pages.map(() => undefined);
  let tiles: number | undefined;
  await until(
    async () => {
      const now = await Promise.all(
        pages.map((page, i) =>
          connected[i] !== undefined ? ("connected" as const) : page.evaluate(readJoined, others),
        ),
      );
      const at = performance.now() - start;
      for (const [i, stage] of now.entries())
        if (stage === "connected" && connected[i] === undefined) connected[i] = at;
      if (now.at(-1) !== "no" && tiles === undefined) tiles = at;
      return connected.every((time) => time !== undefined);
    },
    60_000,
    `a call of ${pages.length}: everyone decoding everyone`,
  );
  return { connected: connected.map((time) => time ?? Number.NaN), tiles: tiles ?? Number.NaN };
}

/**
 * Clicks `button` once the person (the last of `pages`) has waited a moment: milliseconds from the click
 * until they show everyone's tile, until they decode everyone, and until everyone decodes everyone.
 */
async function letIn(pages: Page[], button: ReturnType<Page["getByTestId"]>): Promise<MeshSize["joinMs"]> {
  await button.waitFor();
  await sleep(WAITED_MS);
  const start = performance.now();
  await button.click();
  const { connected, tiles } = await everyoneConnected(pages, start);
  return { tiles, newcomer: connected.at(-1)!, all: Math.max(...connected) };
}

const kbps = (bytes: number, ms: number) => (bytes * 8) / ms;

/** Sending, decoding and CPU of every page over WINDOW_MS, once the call has settled. */
async function measureWindow(browser: Browser, pages: Page[], joinMs: MeshSize["joinMs"]): Promise<MeshSize> {
  await sleep(SETTLE_MS);
  const clocks = await Promise.all(pages.map(rendererClock));
  const chromium = await browserClock(browser);
  try {
    const sent = () => Promise.all(pages.map((page) => page.evaluate(readSending)));
    const machineBefore = machineBusy();
    const [before, cpuBefore, allBefore] = await Promise.all([
      sent(),
      Promise.all(clocks.map((clock) => clock.read())),
      chromium.read(),
    ]);
    await sleep(WINDOW_MS);
    const [after, cpuAfter, allAfter] = await Promise.all([
      sent(),
      Promise.all(clocks.map((clock) => clock.read())),
      chromium.read(),
    ]);
    const machineAfter = machineBusy();
    const pairs = after.map((end, i) => [before[i]!, end] as const);
    for (const [start, end] of pairs) {
      if (start.connections !== end.connections || end.connections !== pages.length - 1) {
        throw new Error(`a call of ${pages.length}: connections changed during the window`);
      }
    }
    const each = (of: (start: Sending, end: Sending, ms: number) => number) =>
      pairs.map(([start, end]) => of(start, end, end.at - start.at));
    const limitations: Record<string, number> = {};
    for (const reason of after.flatMap((end) => end.limitations)) limitations[reason] = (limitations[reason] ?? 0) + 1;
    return {
      participants: pages.length,
      joinMs,
      uplinkKbps: each((s, e, ms) => kbps(e.transportBytes - s.transportBytes, ms)),
      videoKbpsPerStream: each((s, e, ms) => kbps(e.videoBytes - s.videoBytes, ms) / e.connections),
      audioKbps: each((s, e, ms) => kbps(e.audioBytes - s.audioBytes, ms)),
      encodedFps: each((s, e, ms) => ((e.framesEncoded - s.framesEncoded) * 1000) / ms / e.connections),
      frameHeight: after.map((end) => end.frameHeight),
      decodedFps: each((s, e, ms) => ((e.framesDecoded - s.framesDecoded) * 1000) / ms / e.connections),
      limitations,
      estimateKbps: after.flatMap((end) => end.estimates.map((bps) => bps / 1000)),
      maxBitrateKbps: after.flatMap((end) => end.maxBitrates.map((bps) => bps / 1000)),
      rendererCores: cpuAfter.map((reading, i) => coresBetween(cpuBefore[i]!, reading)),
      chromiumCores: browserCoresBetween(allBefore, allAfter),
      machineCores: coresBetween(machineBefore, machineAfter),
      load: loadavg()[0] ?? Number.NaN,
    };
  } finally {
    await Promise.all(clocks.map((clock) => clock.detach()));
  }
}

/**
 * One round: the patient admitted (2), then the interpreter, the relative and the colleague of the same
 * appointment added from the call screen one by one (3, 4, 5), each only once the previous size was measured.
 */
async function meshRound(browser: Browser, baseUrl: string, provider: Page, round: number): Promise<MeshSize[]> {
  const links = await groupAppointment(provider, GUEST_LABELS);
  const contexts: BrowserContext[] = [];
  const pages = [provider];
  const sizes: MeshSize[] = [];
  try {
    const patient = await patientEnters(browser, baseUrl, links.patient, `Patient ${round + 1}`);
    contexts.push(patient.context);
    await patient.page.getByTestId("waiting-position").waitFor();
    pages.push(patient.page);
    const admitted = await letIn(pages, provider.getByTestId("waiting-patient").getByTestId("admit"));
    sizes.push(await measureWindow(browser, pages, admitted));
    for (const [i, link] of links.guests.entries()) {
      const name = `Guest ${i + 1} of round ${round + 1}`;
      const guest = await patientEnters(browser, baseUrl, link, name);
      contexts.push(guest.context);
      await guest.page.getByTestId("waiting-status").waitFor();
      pages.push(guest.page);
      const person = provider.getByTestId("call-waiting-person").filter({ hasText: name });
      const added = await letIn(pages, person.getByTestId("add-to-call"));
      sizes.push(await measureWindow(browser, pages, added));
    }
    await provider.getByTestId("end-call").click();
    await provider.getByTestId("end-confirm").click();
    await patient.page.getByTestId("call-ended").waitFor();
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
  return sizes;
}

/**
 * Blur's cost on the patient's page in a call of two (bench/blur-cost.ts), the call ended after; the
 * patient's page in `patientBrowser`, whose fake camera sets the picture blur works on.
 */
async function blurRound(patientBrowser: Browser, baseUrl: string, provider: Page): Promise<BlurCost> {
  const links = await groupAppointment(provider, []);
  const patient = await patientEnters(patientBrowser, baseUrl, links.patient, "Blur Patient");
  try {
    await patient.page.getByTestId("waiting-position").waitFor();
    await letIn([provider, patient.page], provider.getByTestId("waiting-patient").getByTestId("admit"));
    await sleep(SETTLE_MS);
    const cost = await blurCost(patient.page, WINDOW_MS);
    await provider.getByTestId("end-call").click();
    await provider.getByTestId("end-confirm").click();
    await patient.page.getByTestId("call-ended").waitFor();
    return cost;
  } finally {
    await patient.context.close();
  }
}

export interface MeshFigures {
  /** Per round, one MeshSize per size of the call (2 to 5). */
  rounds: MeshSize[][];
  /**
   * Blur with the fake camera at the size the app asks for (1280×720), and with the blur test's camera
   * (test/browser/blur-camera.ts, 640×360).
   */
  blur: { large: BlurCost; small: BlurCost };
}

/** `rounds` rounds of a call growing from 2 to 5, then blur's cost at two picture sizes. */
export async function meshCalls(baseUrl: string, rounds: number): Promise<MeshFigures> {
  const browser = await launchChromium();
  const smallCamera = await launchChromium({ videoFile: blurCameraFile() });
  try {
    const provider = await newPage(browser, baseUrl);
    await logInAsDemo(provider.page);
    const results: MeshSize[][] = [];
    for (let round = 0; round < rounds; round++) results.push(await meshRound(browser, baseUrl, provider.page, round));
    const large = await blurRound(browser, baseUrl, provider.page);
    const small = await blurRound(smallCamera, baseUrl, provider.page);
    return { rounds: results, blur: { large, small } };
  } finally {
    await Promise.all([browser.close(), smallCamera.close()]);
  }
}
