// Admission to the first frame: from the provider's click on Admit until both sides show video.
import { launchChromium, newPage, remoteVideoWidth } from "../test/browser/chromium.ts";
import { bothVideosPlay, logInAsDemo, newInvite, patientEnters } from "./call-pages.ts";

/** Milliseconds from the provider's click on Admit until both sides show the other's video. */
export async function admitToFirstFrame(baseUrl: string, rounds: number): Promise<number[]> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    const provider = await newPage(browser, baseUrl);
    await logInAsDemo(provider.page);
    for (let round = 0; round < rounds; round++) {
      const patient = await patientEnters(browser, baseUrl, await newInvite(provider.page), `Patient ${round + 1}`);
      const admit = provider.page.getByTestId("waiting-patient").getByTestId("admit");
      await admit.waitFor();
      const start = performance.now();
      await admit.click();
      await Promise.all([bothVideosPlay(provider.page), bothVideosPlay(patient.page)]);
      times.push(performance.now() - start);
      if ((await remoteVideoWidth(patient.page)) === 0) throw new Error("no video");
      await provider.page.getByTestId("end-call").click();
      await provider.page.getByTestId("end-confirm").click();
      await patient.page.getByTestId("call-ended").waitFor();
      await patient.context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}
