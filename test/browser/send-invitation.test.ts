// Sending an invitation by e-mail from the dashboard on a phone held upright: the form takes the
// keyboard, the status line says where the mail went, and the patient reaches the waiting room through
// the link in the mail the server really sent (through its HTTP mailer, to the suite's stand-in API).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { eventually, inSteps, loginAndInvite } from "./flows.ts";

const baseUrl = inject("baseUrl");
const mailboxUrl = inject("mailboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
}

/** The test hook of whatever has the keyboard focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function mailTo(to: string): Promise<Mail | undefined> {
  const mails = (await (await fetch(mailboxUrl)).json()) as Mail[];
  return mails.find((mail) => mail.to === to);
}

describe("sending an invitation by e-mail", () => {
  it(
    "a provider on a phone mails and texts a new appointment's link; the patient opens it from the mail and waits",
    inSteps(async (step) => {
      const { page: provider } = await newPage(browser, baseUrl);
      await provider.setViewportSize({ width: 375, height: 667 });
      step("The provider creates an appointment (it starts within the waiting room's opening)");
      // With the practice's key commitment (#k=…), which the page sends along: the mail and the SMS carry it.
      const link = await loginAndInvite(provider, baseUrl, "Sent by e-mail");

      step("The e-mail form opens with the keyboard in its address field, in the page's language");
      await provider.getByTestId("invite-email").click();
      await eventually(() => focused(provider)).toBe("invite-email-address");
      expect(await provider.getByTestId("invite-email-language").inputValue()).toBe("en");
      expect(await provider.getByTestId("invite-email-reminder").inputValue()).toBe("none");
      // The appointment starts within the quarter hour: a reminder a day or an hour before is past already.
      const reminderOption = (value: string) =>
        provider.locator(`[data-testid="invite-email-reminder"] option[value="${value}"]`).isDisabled();
      expect([await reminderOption("none"), await reminderOption("24h"), await reminderOption("1h")]).toEqual([
        false,
        true,
        true,
      ]);
      // And says why, not only by greying out.
      expect(await provider.locator('[data-testid="invite-email-reminder"] option[value="1h"]').textContent()).toBe(
        "1 hour before (too late for this appointment)",
      );
      expect(await fitsWidth(provider)).toBe(true);
      await expectAccessible(provider, "dashboard, e-mail form (phone)");

      step("Sent: the status line says where, takes the focus, and the address is cleared");
      const to = `patient-${Date.now().toString(36)}@example.test`;
      await provider.getByTestId("invite-email-address").fill(to);
      await provider.getByTestId("invite-email-send").click();
      await eventually(() => provider.getByTestId("invite-sent").textContent()).toBe(`Sent to ${to}.`);
      await eventually(() => focused(provider)).toBe("invite-sent");
      expect(await provider.getByTestId("invite-email-address").inputValue()).toBe("");
      await expectAccessible(provider, "dashboard, e-mail sent (phone)");

      step("The mail carries the link and the calendar file, never the title");
      const mail = await eventually(() => mailTo(to))
        .toBeDefined()
        .then(() => mailTo(to));
      expect(mail?.text).toContain(link);
      expect(mail?.text).not.toContain("Sent by e-mail");
      expect(mail?.attachments).toEqual([
        { filename: "invite.ics", contentType: "text/calendar; method=REQUEST; charset=UTF-8" },
      ]);
      const mailed = /http:\/\/\S+\/j\/[A-Za-z0-9_-]{22}(#k=[A-Za-z0-9_.-]+)?/.exec(mail?.text ?? "")?.[0];
      expect(mailed).toBe(link);

      step("The same link by SMS: the number field takes the keyboard and explains the form it wants");
      await provider.getByTestId("invite-sms").click();
      await eventually(() => focused(provider)).toBe("invite-sms-number");
      const hint = await provider.getByTestId("invite-sms-number").getAttribute("aria-describedby");
      expect(await provider.locator(`[id="${hint}"]`).textContent()).toContain("+49 170 1234567");
      const number = `+49172${String(Date.now() % 1e7).padStart(7, "0")}`;
      await provider
        .getByTestId("invite-sms-number")
        .fill(`${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`);
      await provider.getByTestId("invite-sms-send").click();
      await eventually(() => provider.getByTestId("invite-sent").textContent()).toMatch(/^Sent to \+49 172 /);
      await eventually(() => focused(provider)).toBe("invite-sent");
      // SMS go to the local outbox under `npm start` (this suite's mail goes to its stand-in API).
      const outbox = (await (await fetch(`${baseUrl}/dev/outbox.json`)).json()) as {
        channel: string;
        to: string;
        text: string;
      }[];
      const sms = outbox.find((message) => message.channel === "sms" && message.to === number);
      expect(sms?.text).toContain(link);

      step("The patient opens the mailed link and enters the waiting room");
      const { page: patient } = await newPage(browser, baseUrl);
      await patient.setViewportSize({ width: 375, height: 667 });
      await patient.goto(mailed ?? "");
      await patient.getByTestId("patient-name").fill("Maila Patientin");
      await patient.getByTestId("consent-checkbox").check();
      await patient.getByTestId("join-waiting-room").click();
      await eventually(() => patient.getByTestId("waiting-position").textContent()).toBe("1");
      await provider.getByTestId("waiting-patient").filter({ hasText: "Maila Patientin" }).waitFor();
    }),
  );
});
