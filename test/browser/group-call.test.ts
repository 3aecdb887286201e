// A consultation of three: a provider and a patient in Chromium (separate contexts), an interpreter
// invited to the same appointment in Firefox. The provider admits the patient; the interpreter waits for
// that call and is added from the call screen ("Add to this call"); then everyone decodes video and
// receives audio from both others, on each pair's own connection.
import type { Browser } from "playwright-core";
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newPage } from "./chromium.ts";
import { firefoxGroupSide, launchFirefox, newFirefoxPage, testId } from "./firefox.ts";
import { admit, axeOn, chromiumGroupSide, eventually, expectMediaFromAll, inSteps } from "./flows.ts";
import { newPractice } from "./mail.ts";

const baseUrl = inject("baseUrl");
let chromium: Browser | undefined;
let firefox: FirefoxBrowser | undefined;

beforeAll(async () => {
  const [c, f] = await Promise.allSettled([launchChromium(), launchFirefox()]);
  if (c.status === "fulfilled") chromium = c.value;
  if (f.status === "fulfilled") firefox = f.value;
  for (const result of [c, f]) if (result.status === "rejected") throw result.reason;
});

afterAll(async () => {
  await Promise.allSettled([chromium?.close(), firefox?.close()]);
});

const textOf = (page: FirefoxPage, id: string) =>
  page.evaluate((selector) => document.querySelector(selector)?.textContent ?? undefined, testId(id));

describe("a consultation of three", () => {
  it(
    "adds the interpreter of the same appointment to the running call: everyone sees and hears both others, and all three show the same group safety code",
    inSteps(async (step) => {
      if (!chromium || !firefox) throw new Error("browsers did not start");
      const provider = await newPage(chromium, baseUrl);
      const patient = await newPage(chromium, baseUrl);
      const interpreter = await newFirefoxPage(firefox);
      try {
        step("A practice of its own, an appointment with the patient's link and a labelled one for the interpreter");
        const account = await newPractice("Gruppe");
        await provider.page.goto("/login");
        await provider.page.getByTestId("login-email").fill(account.email);
        await provider.page.getByTestId("login-password").fill(account.password);
        await provider.page.getByTestId("login-submit").click();
        await provider.page.getByTestId("new-appointment").waitFor();
        const links = await provider.page.evaluate(async () => {
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
            title: "Group call",
            startsAt: new Date().toISOString(),
            durationMinutes: 45,
          });
          const extra = await post(`/api/appointments/${created.appointment.id}/invitations`, { label: "interpreter" });
          return { patient: created.invite.inviteUrl as string, interpreter: extra.invite.inviteUrl as string };
        });

        step("The patient waits and is admitted");
        await patient.page.goto(links.patient);
        await patient.page.getByTestId("patient-name").fill("Ada Patient");
        await patient.page.getByTestId("consent-checkbox").check();
        await patient.page.getByTestId("join-waiting-room").click();
        await patient.page.getByTestId("waiting-status").waitFor();
        await admit(provider.page, "Ada Patient");
        await provider.page.getByTestId("call-heading").waitFor();
        await patient.page.getByTestId("call-heading").waitFor();

        step("The interpreter waits in Firefox and shows on the provider's call screen, with the label");
        await interpreter.goto(links.interpreter);
        await interpreter.locator(testId("patient-name")).fill("Ivo Interpreter");
        await interpreter.locator(testId("consent-checkbox")).click();
        await interpreter.locator(testId("join-waiting-room")).click();
        await eventually(() => textOf(interpreter, "waiting-status")).toBeTruthy();
        const waiting = provider.page.getByTestId("call-waiting");
        const person = waiting.getByTestId("call-waiting-person").filter({ hasText: "Ivo Interpreter" });
        await person.waitFor();
        expect(await person.getAttribute("data-label")).toBe("interpreter");
        expect(await person.textContent()).toContain("interpreter");
        await axeOn(provider.page, "provider")("call screen, someone waiting for this call");

        step("Added from the call screen: the same consultation, never a new call");
        const consultation = new URL(provider.page.url()).pathname;
        await person.getByTestId("add-to-call").click();
        await eventually(() => new URL(interpreter.url()).pathname).toBe(consultation);
        await waiting.waitFor({ state: "detached" });
        expect(new URL(patient.page.url()).pathname).toBe(consultation);

        step("Everyone decodes video and receives audio from both others");
        await expectMediaFromAll([
          chromiumGroupSide("provider", provider.page),
          chromiumGroupSide("patient", patient.page),
          firefoxGroupSide("interpreter (Firefox)", interpreter),
        ]);

        step("The safety code is the same on all three, and each says it covers three people");
        const codes = () =>
          Promise.all([
            provider.page.getByTestId("safety-code").first().textContent(),
            patient.page.getByTestId("safety-code").first().textContent(),
            textOf(interpreter, "safety-code"),
          ]);
        const counts = () =>
          Promise.all([
            provider.page.getByTestId("safety-code").first().getAttribute("data-participants"),
            patient.page.getByTestId("safety-code").first().getAttribute("data-participants"),
            interpreter.$eval(testId("safety-code"), (element) => element.getAttribute("data-participants")),
          ]);
        await eventually(counts).toEqual(["3", "3", "3"]);
        await eventually(async () => {
          const shown = await codes();
          const wellFormed = shown.every((code) => /^\d{4} \d{4} \d{4} \d{4}$/.test(code ?? ""));
          return wellFormed ? new Set(shown).size : 0;
        }).toBe(1);
      } finally {
        await Promise.allSettled([provider.context.close(), patient.context.close(), interpreter.close()]);
      }
    }),
    120_000,
  );
});
