// Admission to the first frame: from the provider's click on Admit until both sides show video, beside
// the floor (bench/floor-call.ts) measured in the same run, round for round, so both see the same load.
import type { Browser, Page } from "playwright-core";
import { launchChromium, newPage, remoteVideoWidth } from "../test/browser/chromium.ts";
import { bothVideosPlay, logInAsDemo, newInvite, patientEnters } from "./call-pages.ts";
import { floorRound, startFloor } from "./floor-call.ts";

/** How long the patient has waited when the provider clicks Admit. */
const WAITED_MS = 1000;

/** Milliseconds from the provider's click on Admit until both sides show the other's video. */
async function admissionRound(browser: Browser, baseUrl: string, provider: Page, round: number): Promise<number> {
  const patient = await patientEnters(browser, baseUrl, await newInvite(provider), `Patient ${round + 1}`);
  const admit = provider.getByTestId("waiting-patient").getByTestId("admit");
  await admit.waitFor();
  // The patient has waited, as patients do (the review's premise), if only a moment: the click does not
  // race the pages' own start in the waiting room.
  await patient.page.getByTestId("waiting-position").waitFor();
  await new Promise((resolve) => setTimeout(resolve, WAITED_MS));
  const start = performance.now();
  await admit.click();
  await Promise.all([bothVideosPlay(provider), bothVideosPlay(patient.page)]);
  const time = performance.now() - start;
  if ((await remoteVideoWidth(patient.page)) === 0) throw new Error("no video");
  await provider.getByTestId("end-call").click();
  await provider.getByTestId("end-confirm").click();
  await patient.page.getByTestId("call-ended").waitFor();
  await patient.context.close();
  return time;
}

/** Admission and its floor, `rounds` each, alternating: milliseconds per round. */
export async function admitToFirstFrame(baseUrl: string, rounds: number): Promise<{ app: number[]; floor: number[] }> {
  const floorServer = await startFloor();
  const browser = await launchChromium();
  const app: number[] = [];
  const floor: number[] = [];
  try {
    const provider = await newPage(browser, baseUrl);
    await logInAsDemo(provider.page);
    // One unmeasured floor round first: the floor's worker compiles and its objects start on first use,
    // as the app's did while the provider logged in.
    await floorRound(browser, floorServer.baseUrl, "warm-up");
    for (let round = 0; round < rounds; round++) {
      app.push(await admissionRound(browser, baseUrl, provider.page, round));
      floor.push(await floorRound(browser, floorServer.baseUrl, `round-${round}`));
    }
  } finally {
    await browser.close();
    floorServer.stop();
  }
  return { app, floor };
}
