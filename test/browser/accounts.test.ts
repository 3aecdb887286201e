// A new practice from scratch, as a new user would do it: sign up, confirm the address from the mail,
// switch on two-factor authentication with an authenticator app, log in again with it, and invite a
// colleague who joins through the mailed link. Mails are read from the stand-in e-mail API the server really sent them to.
import { TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { endCall } from "./call-features.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { axeOn, eventually, inSteps } from "./flows.ts";
import { mailedLink, newPractice } from "./mail.ts";
import { readOpenWaitingSockets, readWaitingSockets } from "./page-scripts.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The code an authenticator app shows for this secret, half a minute ahead: a code already used at enrolment is refused. */
const nextCode = (secret: string) =>
  new TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + 30_000 });

/**
 * The code an authenticator app shows now. Enrolment takes only the current 30-second step, so a code
 * read in a step's last seconds may be stale when it arrives: wait for the next step then.
 */
async function currentCode(secret: string): Promise<string> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  return new TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" }).generate();
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

/** A 1×1 PNG: the smallest real logo. */
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** A practice's own consent text, as long as real ones are: far more than a phone shows at once. */
const LONG_CONSENT = [
  "I agree to a video consultation with Praxis am Park.",
  "The consultation takes place over an end-to-end encrypted connection directly between my device and the practice. It is not recorded, and no picture, sound or chat of it is stored by the practice or by Anteroom.",
  "I make sure that I am in a quiet place where nobody listens without my wish, and I may ask the practice at any time to end the consultation or to continue it by telephone or in person instead.",
  "The practice stores the date and time of the consultation and this consent in my medical record, as it does for every visit. I can withdraw this consent at any time for future consultations.",
  "Last line: if you can read this, nothing was cut.",
].join("\n\n");

/** Whether the whole element is inside the page's viewport as it is now (no scrolling). */
async function inViewport(page: Page, testid: string): Promise<boolean> {
  const box = await page.getByTestId(testid).boundingBox();
  const viewport = page.viewportSize();
  return (
    !!box && !!viewport && box.y >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width
  );
}

describe("a practice starts using Anteroom", () => {
  it(
    "signs up, confirms, enrols 2FA, logs in with it, invites a colleague who joins, shows patients its own name, logo, colour and consent text, shares one waiting room, and sends a member without 2FA to set it up once the practice requires it",
    inSteps(async (step) => {
      const admin = await newPage(browser, baseUrl);
      const colleague = await newPage(browser, baseUrl, { locale: "de-DE" });
      try {
        const page = admin.page;
        const screen = axeOn(page, "admin, Chromium");
        const email = `dr-${Date.now()}@praxis.test`;
        const password = "a long and private passphrase";

        step("Sign up");
        await page.goto("/login");
        await page.getByTestId("signup-link").click();
        await page.getByTestId("signup-name").waitFor();
        await screen("sign-up");
        await page.getByTestId("signup-name").fill("Dr. Hanna Berg");
        await page.getByTestId("signup-email").fill(email);
        await page.getByTestId("signup-password").fill(password);
        await page.getByTestId("signup-practice").fill("Praxis Berg");
        await page.getByTestId("signup-submit").click();
        await page.getByTestId("signup-done").waitFor();
        await screen("sign-up done");

        step("Not confirmed yet");
        // Not confirmed yet: the login says so.
        await logIn(page, email, password);
        await eventually(() => page.getByTestId("login-error").textContent()).toMatch(/confirm/i);

        step("Confirm through the mailed link");
        await page.goto(await mailedLink(email, "confirm"));
        await page.getByTestId("confirm-done").waitFor();
        await screen("address confirmed");
        step("The token does not stay in the address bar");
        expect(page.url()).not.toContain("#");

        step("Log in, then switch on 2FA from the account page");
        await logIn(page, email, password);
        await page.getByTestId("new-appointment").waitFor();
        await page.getByTestId("account-link").click();
        step("The navigation marks the page you are on, and only that one");
        const marked = (testId: string) =>
          page.getByTestId(testId).evaluate((link) => ({
            current: link.getAttribute("aria-current"),
            underline: getComputedStyle(link).borderBottomStyle,
          }));
        await page.getByTestId("profile-timezone").waitFor();
        expect(await marked("account-link")).toEqual({ current: "page", underline: "solid" });
        expect(await marked("dashboard-link")).toEqual({ current: null, underline: "none" });
        step("Time zones read as places and names, grouped by area, this device's first");
        // Time zones read as places and names, grouped by area, this device's first; the value stays IANA.
        const zones = page.getByTestId("profile-timezone");
        await zones.waitFor();
        expect(await zones.locator("optgroup").first().getAttribute("label")).toBe("This device");
        expect(await zones.locator("optgroup").nth(1).getAttribute("label")).toBe("Europe");
        expect(await zones.locator("option", { hasText: /[/_]/ }).count()).toBe(0);
        expect(await zones.locator("option[value='Europe/Berlin']").textContent()).toMatch(
          /^Berlin — Central European Time \(GMT\+[12]\)$/,
        );
        await page.getByTestId("totp-enrol").click();
        const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
        expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
        step("The key is shown once, in groups of four for reading");
        // The key is shown once, in groups of four for reading; copying it gives the plain key.
        const enrolment = (await page.locator(".enrolment").textContent())!.replace(/\s/g, "");
        expect(enrolment.split(secret)).toHaveLength(2);
        const groups = await page.getByTestId("totp-secret").locator("span").allTextContents();
        expect(groups.join("")).toBe(secret);
        expect(groups.every((group) => group.length === 4 || group === groups.at(-1))).toBe(true);
        await screen("account, 2FA enrolment");
        await page.getByTestId("totp-code").fill(await currentCode(secret));
        step("Switching 2FA on asks for the password");
        // Switching 2FA on asks for the password: a wrong one is refused under the password, which takes the focus.
        await page.getByTestId("totp-password").fill("not my password at all");
        await page.getByTestId("totp-confirm").click();
        await eventually(() => page.getByTestId("totp-password-error").textContent()).toContain("password");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("totp-password");
        expect(await page.getByTestId("totp-password").getAttribute("aria-invalid")).toBe("true");
        await page.getByTestId("totp-password").fill(password);
        await page.getByTestId("totp-confirm").click();
        await eventually(() => page.getByTestId("recovery-code").count()).toBe(10);
        await page.getByTestId("totp-enabled").waitFor();
        await eventually(() => page.getByTestId("session-row").count()).toBeGreaterThan(0);
        await screen("account, recovery codes");

        step("Log out");
        // Log out; logging in again asks for the code. Present on the account page until then, the
        // provider is no longer present for patients once logged out.
        await eventually(() => page.evaluate(readOpenWaitingSockets)).toBe(1);
        await page.getByTestId("logout").click();
        await page.getByTestId("login-email").waitFor();
        expect(await page.evaluate(readOpenWaitingSockets)).toBe(0);
        await logIn(page, email, password);
        await page.getByTestId("login-totp").waitFor();
        await screen("login, second factor");
        await page.getByTestId("login-totp").fill(nextCode(secret));
        await page.getByTestId("login-totp-submit").click();
        await page.getByTestId("new-appointment").waitFor();

        step("Invite a colleague");
        const colleagueEmail = `colleague-${Date.now()}@praxis.test`;
        await page.getByTestId("practice-link").click();
        await page.getByTestId("member-invite-email").fill(colleagueEmail);
        await page.getByTestId("member-invite-role").selectOption("provider");
        await page.getByTestId("member-invite-submit").click();
        await eventually(() => page.getByTestId("invitation-row").filter({ hasText: colleagueEmail }).count()).toBe(1);
        await eventually(() => page.getByTestId("member-row").count()).toBe(1);
        await screen("practice, invitation pending");

        step("The colleague joins through the mailed link, in German");
        const other = colleague.page;
        await other.goto(await mailedLink(colleagueEmail, "join-practice"));
        await other.getByTestId("join-practice-name").fill("Dr. Jonas Weber");
        await other.getByTestId("join-practice-password").fill("another long private passphrase");
        await axeOn(other, "colleague, Chromium, German")("join practice");
        await other.getByTestId("join-practice-submit").click();
        await other.getByTestId("new-appointment").waitFor();

        step("The admin sees them as a member");
        await page.reload();
        await eventually(() => page.getByTestId("member-row").count()).toBe(2);
        await expect(page.getByTestId("member-row").filter({ hasText: "Dr. Jonas Weber" }).count()).resolves.toBe(1);
        await screen("practice, two members");
        // `npm start` leaves the operator's legal details empty: every provider is told, in plain words (no
        // operator's jargon), and asked to have them filled in.
        await page.getByTestId("operator-details-missing").waitFor();
        expect(await page.getByTestId("operator-details-missing").textContent()).not.toContain("wrangler");
        await other.reload();
        await other.getByTestId("operator-details-missing").waitFor();

        step("A short name typed with capitals is shown as saved: in lower case, as codes start with it");
        const shortName = `Park${Date.now() % 100_000}`;
        await page.getByTestId("practice-short-name").fill(shortName);
        await page.getByTestId("practice-short-name-save").click();
        await page.getByTestId("practice-short-name-saved").waitFor();
        expect(await page.getByTestId("practice-short-name").inputValue()).toBe(shortName.toLowerCase());

        step("What patients see");
        // What patients see: the practice's name, colour and logo, and its own consent text.
        await page.getByTestId("branding-name").fill("Praxis am Park");
        await page.getByTestId("branding-colour").fill("#7a1f4d");
        await page
          .getByTestId("branding-logo")
          .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: TINY_PNG });
        await page.getByTestId("branding-save").click();
        await page.getByTestId("branding-saved").waitFor();
        await page.getByTestId("branding-logo-preview").waitFor();
        step("The preview follows its label and field");
        // The preview follows its label and field: it is not mistaken for the name field's.
        const logoField = (await page.getByTestId("branding-logo").boundingBox())!;
        const preview = (await page.getByTestId("branding-logo-preview").boundingBox())!;
        expect(preview.y).toBeGreaterThanOrEqual(logoField.y + logoField.height);
        step("An empty text is refused in our words, with the editor opened on the empty language");
        await page.getByTestId("consent-text-language").selectOption("en");
        await page.getByTestId("consent-text-editor").fill("");
        await page.getByTestId("consent-text-language").selectOption("de");
        await page.getByTestId("consent-text-save").click();
        expect(await page.getByTestId("consent-text-blank").textContent()).toBe(
          "The English text is empty. Patients can only agree to what they can read.",
        );
        expect(await page.getByTestId("consent-text-language").inputValue()).toBe("en");
        expect(await page.getByTestId("consent-text-editor").evaluate((el) => el === document.activeElement)).toBe(
          true,
        );
        await page.getByTestId("consent-text-language").selectOption("en");
        await page.getByTestId("consent-text-editor").fill(LONG_CONSENT);
        await page.getByTestId("consent-text-save").click();
        step("German still Anteroom's default");
        // German still Anteroom's default: refused, so German and English patients never agree to different texts.
        await eventually(() => page.getByRole("alert").filter({ hasText: "German and in English" }).count()).toBe(1);
        // The editor opens on the language still at the default, ready for the practice's own words.
        expect(await page.getByTestId("consent-text-language").inputValue()).toBe("de");
        expect(await page.getByTestId("consent-text-editor").evaluate((el) => el === document.activeElement)).toBe(
          true,
        );
        await page.getByTestId("consent-text-language").selectOption("de");
        await page.getByTestId("consent-text-editor").fill("Wir zeichnen nichts auf. Sie können jederzeit gehen.");
        await page.getByTestId("consent-text-save").click();
        await eventually(() => page.getByTestId("consent-text-saved").textContent()).toContain("practice-1");
        await screen("practice, branding and consent text saved");
        step("One waiting room for the whole practice");
        // One waiting room for the whole practice: the colleague sees and admits the admin's patients.
        await page.getByTestId("shared-waiting-room").check();
        step("A wrong setting says what is wrong with it, under it, and the first one takes the focus");
        const practiceName = await page.getByTestId("practice-name").inputValue();
        const keptDays = await page.getByTestId("practice-retention").inputValue();
        const limit = await page.getByTestId("consultation-limit").inputValue();
        // Spaces alone are no name (the server would trim them away and refuse with a vague message).
        await page.getByTestId("practice-name").fill("   ");
        await page.getByTestId("practice-retention").fill("0");
        await page.getByTestId("consultation-limit").fill("100000");
        await page.getByTestId("practice-save").click();
        expect(await page.getByTestId("practice-name-error").textContent()).toBe(
          "Enter the practice's name: patients see it.",
        );
        expect(await page.getByTestId("practice-retention-error").textContent()).toBe(
          "Enter a whole number from 1 to 30.",
        );
        expect(await page.getByTestId("consultation-limit-error").textContent()).toBe(
          "Enter a whole number from 15 to 480.",
        );
        expect(await page.getByTestId("practice-retention").getAttribute("aria-invalid")).toBe("true");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("practice-name");
        expect(await page.getByRole("alert").filter({ hasText: "check your entries" }).count()).toBe(0);
        await screen("practice, settings with wrong fields");
        // An address in the name is named under the name before anything is sent (the server refuses it too).
        await page.getByTestId("practice-name").fill("Praxis www.probe.example");
        await page.getByTestId("practice-save").click();
        expect(await page.getByTestId("practice-name-error").textContent()).toContain(
          "may not contain a web or e-mail address",
        );
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("practice-name");
        // Typing clears the field's message; all three are put right before the save below.
        await page.getByTestId("practice-name").fill(practiceName);
        await page.getByTestId("practice-retention").fill(keptDays);
        expect(await page.getByTestId("practice-retention-error").textContent()).toBe("");
        await page.getByTestId("consultation-limit").fill(limit);
        step("And the contact line patients see beside the name");
        await page.getByTestId("practice-contact").fill("Tel. 030 1234567, Mon–Fri 8–12");
        await page.getByTestId("practice-save").click();
        await page.getByTestId("practice-saved").waitFor();
        step("The audit trail shows the change first, for the practice's admins");
        const newestAction = () => page.getByTestId("audit-entry").first().getAttribute("data-action");
        await eventually(newestAction).toBe("settings-changed");
        step("The activity log is off until an admin switches it on");
        expect(await page.getByTestId("activity-log-toggle").isChecked()).toBe(false);
        expect(await page.getByTestId("activity-log").count()).toBe(0);
        await page.getByTestId("activity-log-toggle").check();
        await page.getByTestId("activity-log-save").click();
        await page.getByTestId("activity-log").waitFor();
        await page.getByTestId("activity-export").waitFor();
        await eventually(newestAction).toBe("activity-log-changed");

        const patient = await newPage(browser, baseUrl);
        try {
          await page.getByTestId("dashboard-link").click();
          await page.getByTestId("new-appointment").click();
          await page.getByTestId("appointment-title").fill("Branded");
          await page.getByTestId("appointment-create").click();
          const link = await page.getByTestId("invite-link").inputValue();
          step("Copied says so until the next action, not for ever");
          await page.getByTestId("invite-copy").click();
          await eventually(() => page.getByTestId("invite-copy").textContent()).toBe("Copied");
          await page.keyboard.press("Tab");
          await eventually(() => page.getByTestId("invite-copy").textContent()).toBe("Copy");
          // On a phone held upright: logo, name, contact line and a long consent text still leave Enter in view.
          await patient.page.setViewportSize({ width: 375, height: 667 });
          await patient.page.goto(link);
          await eventually(() => patient.page.getByTestId("practice-name-shown").textContent()).toBe("Praxis am Park");
          expect(await patient.page.getByTestId("practice-info").textContent()).toContain("Tel. 030 1234567");
          expect(await patient.page.getByTestId("consent-text").textContent()).toBe(LONG_CONSENT);
          await eventually(() =>
            patient.page.getByTestId("practice-logo").evaluate((img) => (img as HTMLImageElement).naturalWidth),
          ).toBe(1);
          await eventually(() => patient.page.getByTestId("device-check-verdict").getAttribute("data-state")).toBe(
            "ok",
          );
          expect(await inViewport(patient.page, "join-waiting-room")).toBe(true);
          expect(await patient.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
            true,
          );
          // The checkbox says what it does in a few words; the text it agrees to is a block of its own.
          expect(await patient.page.getByLabel("I agree to the text above.").getAttribute("data-testid")).toBe(
            "consent-checkbox",
          );
          await axeOn(patient.page, "patient, Chromium")("join page of a branded practice, phone");
          // Folded, it says so and offers the rest; unfolded, all of it shows, down to the last line.
          await patient.page.getByTestId("consent-read-all").click();
          expect(await patient.page.getByTestId("consent-read-all").getAttribute("aria-expanded")).toBe("true");
          expect(
            await patient.page
              .getByTestId("consent-text")
              .evaluate(
                (text) => text.scrollHeight <= text.clientHeight && getComputedStyle(text).overflowY !== "auto",
              ),
          ).toBe(true);
          await patient.page.getByText("Last line: if you can read this, nothing was cut.").scrollIntoViewIfNeeded();
          expect(await patient.page.getByText("Last line: if you can read this, nothing was cut.").isVisible()).toBe(
            true,
          );
          await axeOn(patient.page, "patient, Chromium")("join page, consent text unfolded, phone");
          await patient.page.setViewportSize({ width: 1280, height: 800 });
          await patient.page.getByTestId("patient-name").fill("Paul Park");
          await patient.page.getByTestId("consent-checkbox").check();
          // The practice changes its text while he reads: he is shown the new one to agree to instead.
          const changed = await page.evaluate(async () => {
            const res = await fetch("/api/practice/consent-text", {
              method: "PUT",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({
                en: "Version two: we record nothing.",
                de: "Version zwei: Wir zeichnen nichts auf.",
              }),
            });
            return res.status;
          });
          expect(changed).toBe(200);
          await patient.page.getByTestId("join-waiting-room").click();
          await eventually(() => patient.page.getByTestId("consent-text").textContent()).toBe(
            "Version two: we record nothing.",
          );
          expect(await patient.page.getByTestId("consent-checkbox").isChecked()).toBe(false);
          await patient.page.getByText("changed its consent text").waitFor();
          await patient.page.getByTestId("consent-checkbox").check();
          await patient.page.getByTestId("join-waiting-room").click();
          await patient.page.getByTestId("waiting-position").waitFor();
          expect(await patient.page.getByTestId("practice-name-shown").textContent()).toBe("Praxis am Park");
          // Both members see him; the colleague lets him in.
          await page.getByTestId("waiting-patient").filter({ hasText: "Paul Park" }).waitFor();
          const entry = other.getByTestId("waiting-patient").filter({ hasText: "Paul Park" });
          expect(await entry.getByTestId("waiting-appointment").textContent()).toContain("Dr. Hanna Berg");
          await entry.getByTestId("admit").click();
          await eventually(() => patient.page.url()).toContain("/c/");
          await eventually(() => other.url()).toContain("/c/");
          await page.getByTestId("waiting-empty").waitFor();

          // Paul leaves: his end page says he left it, keeps the practice's logo, name and contact line,
          // and says what to do next.
          await endCall(patient.page);
          const ended = patient.page.getByTestId("call-ended");
          expect(await ended.textContent()).toContain("You have left the consultation.");
          expect(await ended.getByTestId("practice-name-shown").textContent()).toBe("Praxis am Park");
          expect(await ended.getByTestId("practice-info").textContent()).toContain("Tel. 030 1234567");
          expect(
            await ended.getByTestId("practice-logo").evaluate((img) => (img as HTMLImageElement).naturalWidth),
          ).toBe(1);
          expect(await ended.getByTestId("ended-next-step").textContent()).toBe(
            "Is anything unclear? Please contact your practice: Tel. 030 1234567, Mon–Fri 8–12",
          );
          await axeOn(patient.page, "patient, Chromium")("call ended, branded practice");
          await ended.getByTestId("ended-back-to-link").click();
          // Back to the link's own page, without its fragment: the tab kept the key commitment (own-name.ts).
          await eventually(() => patient.page.url()).toBe(link.split("#")[0]);
          await patient.page.getByTestId("practice-name-shown").waitFor();
        } finally {
          await patient.context.close();
        }

        step("The practice now requires two-step login, which the colleague has not set up");
        // The practice now requires two-step login, which the colleague has not set up. His dashboard's
        // socket is refused and he is sent to his account to set it up; until then he is not present, and
        // his page does not knock again and again on the closed door.
        await other.goto("/dashboard");
        await other.getByTestId("new-appointment").waitFor();
        await eventually(() => other.evaluate(readWaitingSockets)).toBe(1);
        await page.getByTestId("practice-link").click();
        await page.getByTestId("require-2fa").check();
        await page.getByTestId("practice-save").click();
        await page.getByTestId("practice-saved").waitFor();
        await other.getByTestId("totp-required-notice").waitFor();
        expect(new URL(other.url()).pathname).toBe("/account");

        step("The colleague deletes his account");
        // The colleague deletes his account: a page says it is done, in his language.
        await other.getByTestId("delete-account").click();
        await other.getByTestId("delete-password").fill("another long private passphrase");
        await other.getByTestId("delete-confirm").click();
        const deleted = other.getByTestId("account-deleted");
        await deleted.waitFor();
        expect(await deleted.textContent()).toContain("Ihr Konto wurde gelöscht");
        await eventually(() => other.title()).toBe("Ihr Konto wurde gelöscht · Anteroom");
        await axeOn(other, "colleague, Chromium, German")("account deleted");
        step("Not one more waiting-room socket since the refusal, all the while he was on his account page");
        expect(await other.evaluate(readWaitingSockets)).toBe(1);
      } finally {
        await admin.context.close();
        await colleague.context.close();
      }
    }),
  );
});

describe("a provider's own calendar feed", () => {
  it(
    "is made on the account page, gives a calendar app times only until titles are switched on, and stops at once when revoked; on a phone, in German",
    inSteps(async (step) => {
      const account = await newPractice("Kalender");
      const { page, context } = await newPage(browser, baseUrl);
      const screen = axeOn(page, "provider, Chromium, phone, German");
      try {
        await page.setViewportSize({ width: 375, height: 667 });
        await logIn(page, account.email, account.password);
        await page.getByTestId("new-appointment").waitFor();
        const created = await page.evaluate(async (start) => {
          const res = await fetch("/api/appointments", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ title: "Zahnreinigung Meier", startsAt: start, durationMinutes: 30 }),
          });
          return res.status;
        }, new Date(Date.now() + 2 * 3_600_000).toISOString());
        expect(created).toBe(201);
        await page.getByTestId("language-toggle").click();

        step("Made on the account page: the address is shown once and takes the focus");
        await page.goto("/account");
        await page.getByTestId("calendar-feed-create").click();
        const address = page.getByTestId("calendar-feed-url");
        await eventually(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
          "calendar-feed-url",
        );
        const url = await address.inputValue();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screen("account page, calendar feed made");

        step("A calendar app sees the appointment's time as a video consultation, not its title");
        const read = async () => {
          const res = await fetch(url);
          return { status: res.status, type: res.headers.get("Content-Type"), text: await res.text() };
        };
        const plain = await read();
        expect(plain.status).toBe(200);
        expect(plain.type).toMatch(/^text\/calendar/);
        expect(plain.text).toContain("BEGIN:VEVENT");
        expect(plain.text).not.toContain("Zahnreinigung");

        step("Titles only once switched on, beside the warning");
        await page.getByTestId("calendar-feed-details").check();
        await eventually(async () => (await read()).text).toContain("Zahnreinigung Meier");

        step("Revoked after a question: the old address stops at once");
        await page.getByTestId("calendar-feed-revoke").click();
        await page.getByTestId("calendar-feed-revoke-confirm").waitFor();
        await screen("account page, revoke question");
        await page.getByTestId("calendar-feed-revoke-confirm").click();
        await page.getByTestId("calendar-feed-create").waitFor();
        // The keyboard goes on from where a new address is made, not from the top of the page.
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
          .toBe("calendar-feed-create");
        expect((await read()).status).toBe(404);
      } finally {
        await context.close();
      }
    }),
  );
});
