// Patients' names sealed in the patient's page to the practice's device keys (issue 25), as people see
// them: the provider's devices with a key open the name, a new browser of theirs shows it as unavailable
// until the next patient; every member's devices in a shared room; the colleague after a transfer; and a
// server that swaps the keys is caught by the link's commitment. The planted names never reach the log.
import { createHash, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { eventually, inSteps, logIn } from "./flows.ts";
import { type Account, newColleague, newPractice } from "./mail.ts";

const baseUrl = inject("baseUrl");
const serverLogPath = inject("serverLogPath");
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
});

/** A new browser context (a new device, for a provider): closed with the file. */
async function person(): Promise<Page> {
  const { context, page } = await newPage(browser, baseUrl);
  contexts.push(context);
  return page;
}

/** A name no other test types, to search the server's output for. */
const plantName = (first: string) => `${first} Vogt${Math.random().toString(36).slice(2, 8)}`;

/** The server's whole output names none of these names, nor their surnames alone, in any case. */
async function expectNotLogged(names: string[]): Promise<void> {
  await eventually(() => readFileSync(serverLogPath, "utf8").length).toBeGreaterThan(0);
  const log = readFileSync(serverLogPath, "utf8").toLowerCase();
  const words = names.flatMap((name) => [name, name.split(" ")[1] as string]);
  expect(words.filter((word) => log.includes(word.toLowerCase()))).toEqual([]);
}

/** A new appointment's link, made on the dashboard the provider is on. */
async function invite(provider: Page, title: string): Promise<string> {
  const shown = provider.getByTestId("invite-link");
  const previous = (await shown.count()) > 0 ? await shown.inputValue() : "";
  await provider.getByTestId("new-appointment").click();
  await provider.getByTestId("appointment-title").fill(title);
  await provider.getByTestId("appointment-create").click();
  await eventually(() => shown.inputValue()).not.toBe(previous);
  return shown.inputValue();
}

/** The patient types their name, agrees and waits: their place shows. */
async function enter(patient: Page, link: string, name: string): Promise<void> {
  await patient.goto(link);
  await patient.getByTestId("patient-name").fill(name);
  await patient.getByTestId("consent-checkbox").check();
  await patient.getByTestId("join-waiting-room").click();
  await patient.getByTestId("waiting-position").waitFor();
}

/** The dashboard's row for the appointment with this title. */
const row = (provider: Page, title: string) => provider.getByTestId("waiting-patient").filter({ hasText: title });

/** The name the row shows, or what stands in for it on this device. */
const shownName = (provider: Page, title: string) => row(provider, title).locator(".who strong").textContent();

const unavailable = (provider: Page, title: string) =>
  row(provider, title).getByTestId("name-sealed-unavailable").textContent();

/** Logs in over HTTP, as the login page would: the session cookie, for set-up through the API. */
async function sessionCookie(account: Account): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify(account),
  });
  expect(login.status).toBe(200);
  return login.headers.get("Set-Cookie")?.split(";")[0] ?? "";
}

/** The provider's registered device keys (raw public keys), as their own pages read them. */
async function registeredKeys(provider: Page): Promise<{ publicKey: string; fingerprint: string }[]> {
  const res = await provider.request.get("/api/account/device-keys");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { keys: { publicKey: string; fingerprint: string }[] }).keys;
}

/** A link's `#k=` commitment (client/src/shared/key-commitment.ts), computed apart from the product's code. */
function commitmentTo(keys: { publicKey: string }[]): string {
  const hash = (raw: string) =>
    createHash("sha256").update(Buffer.from(raw, "base64url")).digest().subarray(0, 12).toString("base64url");
  return [...new Set(keys.map((key) => hash(key.publicKey)))].sort().join(".");
}

/** A P-256 public key of the test's own, as a raw point in base64url: the key a swapping server would offer. */
function strangerKey(): string {
  const jwk = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ format: "jwk" });
  return Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x ?? "", "base64url"),
    Buffer.from(jwk.y ?? "", "base64url"),
  ]).toString("base64url");
}

interface Relay {
  /** Every message the patient's page sent, parsed. */
  sent: { type?: string }[];
  /** How many `seal-to` messages had their keys swapped. */
  swapped: number;
}

/**
 * Stands in for the server between the patient's page and the waiting room: everything passes both ways
 * (the ticket's subprotocol too: the route connects with the page's own protocols), and with `swapTo`
 * every `seal-to` offers that key instead of the practice's, as a compromised server would.
 */
async function relayWaitingRoom(patient: Page, swapTo?: string): Promise<Relay> {
  const relay: Relay = { sent: [], swapped: 0 };
  await patient.routeWebSocket(/\/api\/ws\/waiting/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (typeof message === "string") {
        try {
          relay.sent.push(JSON.parse(message) as { type?: string });
        } catch {
          // A ping: not JSON.
        }
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (swapTo && typeof message === "string" && message.includes('"seal-to"')) {
        const sealTo = JSON.parse(message) as { type: string; keys: { kid: string; publicKey: string }[] };
        if (sealTo.type === "seal-to") {
          sealTo.keys = sealTo.keys.map((key) => ({ kid: key.kid, publicKey: swapTo }));
          relay.swapped++;
          return ws.send(JSON.stringify(sealTo));
        }
      }
      ws.send(message);
    });
  });
  return relay;
}

describe("sealed names", () => {
  it(
    "the provider sees the name on a device with a key; a second browser of theirs without a key sees it as unavailable, and the next patient's name on both",
    inSteps(async (step) => {
      const account = await newPractice("Siegel");
      const laptop = await person();

      step("The provider logs in on their laptop, which registers its key, and makes a link");
      await logIn(laptop, account);
      expect(await registeredKeys(laptop)).toHaveLength(1);
      const link = await invite(laptop, "Erstgespräch");

      step("The patient waits; the laptop shows their name");
      const first = plantName("Frieda");
      await enter(await person(), link, first);
      await eventually(() => shownName(laptop, "Erstgespräch")).toBe(first);

      step("A second browser of the provider's registers a key of its own: the waiting patient's name is not for it");
      const tablet = await person();
      await logIn(tablet, account);
      expect(await registeredKeys(tablet)).toHaveLength(2);
      await eventually(() => unavailable(tablet, "Erstgespräch")).toBe("Name visible on your other devices");
      expect(await row(tablet, "Erstgespräch").textContent()).not.toContain(first);
      await expectAccessible(tablet, "dashboard, a name sealed to the provider's other device");

      step("The next patient's name opens on both");
      const second = plantName("Gustav");
      const nextLink = await invite(laptop, "Folgetermin");
      await enter(await person(), nextLink, second);
      await eventually(() => shownName(laptop, "Folgetermin")).toBe(second);
      await eventually(() => shownName(tablet, "Folgetermin")).toBe(second);
      // The first patient is still named where their name was sealed to.
      expect(await shownName(laptop, "Erstgespräch")).toBe(first);

      step("The account page lists both devices with their fingerprints and marks this one");
      await tablet.goto("/account");
      await eventually(() => tablet.getByTestId("device-key").count()).toBe(2);
      const fingerprints = await tablet
        .getByTestId("device-key")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-fingerprint")));
      expect(fingerprints.sort()).toEqual((await registeredKeys(tablet)).map((key) => key.fingerprint).sort());
      for (const fingerprint of fingerprints) expect(fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
      expect(
        await tablet
          .getByTestId("device-key")
          .filter({ has: tablet.getByTestId("device-key-this") })
          .count(),
      ).toBe(1);
      await expectAccessible(tablet, "account page, two devices");

      step("Neither name reached the server's output");
      await expectNotLogged([first, second]);
    }),
  );

  it(
    "a shared practice room: every member's devices open the name",
    inSteps(async (step) => {
      step("A practice of two switches to one waiting room for everyone");
      const admin = await newPractice("Gemeinsam");
      const member = await newColleague(admin, "Dr. Mira Mitglied");
      const switched = await fetch(`${baseUrl}/api/practice`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", Origin: baseUrl, Cookie: await sessionCookie(admin) },
        body: JSON.stringify({ sharedWaitingRoom: true }),
      });
      expect(switched.status).toBe(200);

      step("Both are on their dashboards; a patient of the admin's waits");
      const [adminPage, memberPage] = [await person(), await person()];
      await logIn(adminPage, admin);
      await logIn(memberPage, member);
      const link = await invite(adminPage, "Sprechstunde");
      const name = plantName("Hanna");
      await enter(await person(), link, name);

      step("Both open the name");
      await eventually(() => shownName(adminPage, "Sprechstunde")).toBe(name);
      await eventually(() => shownName(memberPage, "Sprechstunde")).toBe(name);
    }),
  );

  it(
    "a transfer: the patient's page seals the name again for the colleague",
    inSteps(async (step) => {
      const admin = await newPractice("Weitergabe");
      const colleague = await newColleague(admin, "Dr. Karl Kollege");
      const [adminPage, colleaguePage] = [await person(), await person()];
      await logIn(adminPage, admin);
      await logIn(colleaguePage, colleague);

      step("A patient waits for the admin, who sees their name");
      const link = await invite(adminPage, "Zweitmeinung");
      const name = plantName("Ida");
      const patient = await person();
      await enter(patient, link, name);
      await eventually(() => shownName(adminPage, "Zweitmeinung")).toBe(name);

      step("The admin moves them to the colleague");
      await row(adminPage, "Zweitmeinung").getByTestId("transfer").click();
      await row(adminPage, "Zweitmeinung").getByTestId("transfer-to").selectOption({ label: "Dr. Karl Kollege" });
      await row(adminPage, "Zweitmeinung").getByTestId("transfer").click();

      step("The colleague's dashboard opens the name the page sealed for them; the patient still waits");
      await eventually(() => shownName(colleaguePage, "Zweitmeinung")).toBe(name);
      await eventually(() => row(adminPage, "Zweitmeinung").count()).toBe(0);
      await patient.getByTestId("waiting-position").waitFor();
    }),
  );

  it(
    "a key swapped by the server is caught by the link's commitment",
    inSteps(async (step) => {
      const account = await newPractice("Schluessel");
      const provider = await person();
      await logIn(provider, account);
      const commitment = commitmentTo(await registeredKeys(provider));

      step("Through a relay that passes everything, the link's commitment names the practice's key: the name opens");
      const honest = await person();
      const honestRelay = await relayWaitingRoom(honest);
      const name = plantName("Jakob");
      // The provider's page put the commitment on the link itself: the same as computed here, apart from its code.
      const link = await invite(provider, "Kontrolle");
      expect(new URL(link).hash).toBe(`#k=${commitment}`);
      await enter(honest, link, name);
      await eventually(() => shownName(provider, "Kontrolle")).toBe(name);
      expect(honestRelay.sent.some((message) => message.type === "name")).toBe(true);
      expect(await honest.getByTestId("sealing-mismatch").count()).toBe(0);

      step("The server offers a key of its own instead: the page sends no name, says so, and still waits");
      const patient = await person();
      const relay = await relayWaitingRoom(patient, strangerKey());
      const hidden = plantName("Klara");
      await enter(patient, await invite(provider, "Tausch"), hidden);
      await patient.getByTestId("sealing-mismatch").waitFor();
      expect(relay.swapped).toBeGreaterThan(0);
      expect(await patient.getByTestId("waiting-position").textContent()).toMatch(/\d/);
      expect(relay.sent.filter((message) => message.type === "name")).toEqual([]);

      step("The practice sees the patient waiting, without a name");
      await eventually(() => unavailable(provider, "Tausch")).toBe("Name not shared");
      expect(await row(provider, "Tausch").textContent()).not.toContain(hidden);
      expect(relay.sent.filter((message) => message.type === "name")).toEqual([]);
      await expectNotLogged([name, hidden]);
    }),
  );
});
