// The pages a bench drives: the demo provider logged in, a patient entering through a new invite, and one
// call with video flowing both ways. Shared by the call benches (admission, recovery, files).
import type { Browser, Page } from "playwright-core";
import { callStats, newPage } from "../test/browser/chromium.ts";

export const bothVideosPlay = (page: Page) =>
  page.waitForFunction(
    () => ((document.querySelector('[data-testid="remote-video"]') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0,
    undefined,
    {
      polling: "raf",
      timeout: 30_000,
    },
  );

/** Frames decoded from the remote video on this page's newest peer connection. */
export const framesDecoded = async (page: Page) => (await callStats(page)).framesDecoded;

export async function logInAsDemo(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-email").fill("demo@anteroom.test");
  await page.getByTestId("login-password").fill("anteroom-demo");
  await page.getByTestId("login-submit").click();
}

/** A new appointment's invite link, created through the API from the logged-in provider's dashboard. */
export async function newInvite(provider: Page): Promise<string> {
  await provider.goto("/dashboard");
  await provider.getByTestId("waiting-empty").waitFor();
  return provider.evaluate(async () => {
    const res = await fetch("/api/appointments", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Bench", startsAt: new Date().toISOString(), durationMinutes: 30 }),
    });
    return ((await res.json()) as { invite: { inviteUrl: string } }).invite.inviteUrl;
  });
}

/** A patient opens the link, gives a name and consent, and enters the waiting room. */
export async function patientEnters(browser: Browser, baseUrl: string, invite: string, name: string) {
  const patient = await newPage(browser, baseUrl);
  await patient.page.goto(invite);
  await patient.page.getByTestId("patient-name").fill(name);
  await patient.page.getByTestId("consent-checkbox").check();
  await patient.page.getByTestId("join-waiting-room").click();
  return patient;
}

/** A provider (logged in) and a patient in one call, video flowing both ways. */
export async function oneCall(baseUrl: string, browser: Browser) {
  const provider = await newPage(browser, baseUrl);
  await logInAsDemo(provider.page);
  const patient = await patientEnters(browser, baseUrl, await newInvite(provider.page), "Bench Patient");
  await provider.page.getByTestId("waiting-patient").getByTestId("admit").click();
  await Promise.all([bothVideosPlay(provider.page), bothVideosPlay(patient.page)]);
  return { provider: provider.page, patient: patient.page };
}

/** Polls until the condition holds, at most `limitMs`. */
export async function until(condition: () => Promise<boolean>, limitMs: number, what: string): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > limitMs) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
