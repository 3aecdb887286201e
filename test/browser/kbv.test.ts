// The KBV set's whole-flow part (Anlage 31b BMV-Ä, § 5: keine Einsicht oder Speicherung von Inhalten,
// keine Weitergabe von Daten) and the log scan: one provider signs up, mails an invitation, a
// patient with a name nobody else has joins, waits, is let in; a chat message and a small file go across;
// the call ends. Then the server's whole output, every file of its state folder and every request the two
// pages made are searched. docs/KBV.md maps every point to its tests. Last, the practice switches its
// activity log off: it is asked first (the entry that goes, the CSV), and confirmed, the entry is gone.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible } from "./axe.ts";
import { chat, endCall, openChat } from "./call-features.ts";
import { launchChromium, newPage } from "./chromium.ts";
import { admit, eventually, inSteps, loginAndInvite } from "./flows.ts";
import { newPractice } from "./mail.ts";

const baseUrl = inject("baseUrl");
const mailboxUrl = inject("mailboxUrl");
const serverLogPath = inject("serverLogPath");
const statePath = inject("statePath");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Every file under a folder, with its path. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every row of every table of an SQLite file, opened read-only, each as text (blobs as UTF-8). */
function sqliteRows(path: string): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => {
      const select = db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`);
      // workerd's own tables hold 64-bit integers beyond a JavaScript number.
      select.setReadBigInts(true);
      return (select.all() as Record<string, unknown>[]).map(
        (row) =>
          `${name}: ${Object.values(row)
            .map((value) => (value instanceof Uint8Array ? Buffer.from(value).toString("utf8") : String(value)))
            .join(" | ")}`,
      );
    });
  } finally {
    db.close();
  }
}

/** What the pages' sockets carried that the server minted: tickets, from the join answer and the waiting room. */
function collectTickets(page: Page, into: Set<string>): void {
  const take = (text: string) => {
    for (const match of text.matchAll(/"ticket"\s*:\s*"([^"]+)"/g)) if (match[1]) into.add(match[1]);
  };
  page.on("response", async (response) => {
    if (!/\/api\/invites\/[^/]+\/join$/.test(new URL(response.url()).pathname)) return;
    take(await response.text().catch(() => ""));
  });
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => take(typeof payload === "string" ? payload : payload.toString()));
  });
}

/** Every address the page asked for: documents, scripts, fetches, sockets. */
function collectRequests(page: Page, into: string[]): void {
  page.on("request", (request) => into.push(request.url()));
  page.on("websocket", (socket) => into.push(socket.url()));
}

describe("KBV Anlage 31b § 5: nothing of a consultation in logs or storage, nothing sent elsewhere", () => {
  it(
    "after a whole consultation with chat and a file, the server's log and its storage hold no name, address, token, ticket, chat or file, and the pages asked our origin only",
    inSteps(async (step) => {
      const planted = randomBytes(6).toString("hex");
      const patientName = `Zebulon Quaxley-${planted}`;
      const patientEmail = `zebulon-${planted}@patient.test`;
      const chatText = `Chat nur zwischen uns ${planted}`;
      const fileText = `Befund nur zwischen uns ${planted}`;
      const requests: string[] = [];
      const tickets = new Set<string>();

      step("A provider signs up (double opt-in through the mailed link)");
      const account = await newPractice(`Kbv ${planted}`);
      const provider = await newPage(browser, baseUrl);
      const patient = await newPage(browser, baseUrl, { locale: "de-DE" });
      for (const side of [provider, patient]) {
        collectRequests(side.page, requests);
        collectTickets(side.page, tickets);
      }
      try {
        step("They make an appointment and mail its link to the patient");
        const link = await loginAndInvite(provider.page, baseUrl, `KBV ${planted}`, undefined, account);
        const inviteToken = new URL(link).pathname.split("/").pop() ?? "";
        expect(inviteToken).toHaveLength(22);
        await provider.page.getByTestId("invite-email").click();
        await provider.page.getByTestId("invite-email-address").fill(patientEmail);
        await provider.page.getByTestId("invite-email-send").click();
        await eventually(() => provider.page.getByTestId("invite-sent").textContent()).toContain(patientEmail);
        await eventually(async () => {
          const mails = (await (await fetch(mailboxUrl)).json()) as { to: string; text: string }[];
          return mails.some((mail) => mail.to === patientEmail && mail.text.includes(link));
        }, "the invitation mail, sent by the server").toBe(true);

        step("The practice switches its activity log on (off by default)");
        await provider.page.goto(`${baseUrl}/practice`);
        await provider.page.getByTestId("activity-log-toggle").check();
        await provider.page.getByTestId("activity-log-save").click();
        await provider.page.getByTestId("activity-log").waitFor();
        expect(await provider.page.getByTestId("activity-entry").count()).toBe(0);
        await provider.page.goto(`${baseUrl}/dashboard`);

        step("The patient opens the link, gives their name and consent, and waits");
        await patient.page.goto(link);
        await patient.page.getByTestId("patient-name").fill(patientName);
        await patient.page.getByTestId("consent-checkbox").check();
        await patient.page.getByTestId("join-waiting-room").click();
        await patient.page.getByTestId("waiting-status").waitFor();

        step("The provider lets them in; a chat message and a small file go across");
        await admit(provider.page, patientName);
        await chat(provider.page, patient.page, chatText);
        await openChat(provider.page);
        await openChat(patient.page);
        await patient.page.getByTestId("file-input").setInputFiles({
          name: `befund-${planted}.txt`,
          mimeType: "text/plain",
          buffer: Buffer.from(fileText),
        });
        await provider.page
          .locator('[data-testid="file-transfer"][data-state="done"]')
          .filter({ hasText: `befund-${planted}.txt` })
          .waitFor({ timeout: 60_000 });

        step("The provider ends the call");
        await endCall(provider.page);
        await patient.page.getByTestId("call-ended").waitFor();

        step("The activity log has one entry for the consultation: two people, its length, never the patient's name");
        await provider.page.goto(`${baseUrl}/practice`);
        const entry = provider.page.getByTestId("activity-entry");
        await entry.first().waitFor();
        expect(await entry.count()).toBe(1);
        expect(await entry.getAttribute("data-participants")).toBe("2");
        expect(Number(await entry.getAttribute("data-duration-s"))).toBeGreaterThan(0);
        expect(await provider.page.getByTestId("activity-log").textContent()).not.toContain("Quaxley");
        const cookies = (await provider.context.cookies()).map((cookie) => cookie.value).filter(Boolean);
        expect(cookies.length).toBeGreaterThan(0);
        expect(tickets.size).toBeGreaterThanOrEqual(2);

        const secrets: Record<string, string> = {
          "the patient's name": patientName,
          "the patient's surname": `Quaxley-${planted}`,
          "the provider's e-mail": account.email,
          "the patient's e-mail": patientEmail,
          "the invitation token": inviteToken,
          "the chat text": chatText,
          "the file's content": fileText,
          ...Object.fromEntries(cookies.map((value, i) => [`cookie ${i + 1}`, value])),
          ...Object.fromEntries([...tickets].map((value, i) => [`ticket ${i + 1}`, value])),
        };
        const found = (text: string) => Object.entries(secrets).filter(([, value]) => text.includes(value));

        step("(a) The server's output names none of them, nor the client's address");
        // Wrangler prints its own lines as they come; give the last requests' lines a moment to arrive.
        await eventually(() => readFileSync(serverLogPath, "utf8").length).toBeGreaterThan(0);
        const log = readFileSync(serverLogPath, "utf8");
        expect(log).toContain("Ready on");
        // The scan reads the requests' lines too: the provider's login is there.
        expect(log).toMatch(/\[wrangler:info\] POST \/api\/auth\/login 200/);
        // One known exception, not the app's: wrangler dev prints every request's path, and the patient's
        // link carries its token in the path (/j/<token>, and the API calls the join page makes with it).
        // Deployed, Cloudflare prints no such line; `wrangler tail` and Workers Logs, if the operator turns
        // them on, do record request URLs (docs/KBV.md). Anything else in such a line, or the token in any
        // other line, fails.
        const tokenInPath = new RegExp(
          `^\\[wrangler:info\\] (GET|POST) /(j|api/invites)/${inviteToken}(/join)? \\d{3} `,
        );
        const leaks = log.split("\n").flatMap((line) =>
          found(line)
            .filter(([what]) => !(what === "the invitation token" && tokenInPath.test(line)))
            .map(([what]) => `${what}: ${line.slice(0, 300)}`),
        );
        expect(leaks).toEqual([]);
        // The client's address: everyone here is 127.0.0.1, the server too, and wrangler names its own
        // address in its start-up lines ("Ready on http://127.0.0.1:port", the vars it was given). Those
        // are the server's, not a client's: taken out, no 127.0.0.1 may remain (no request line, no line
        // of the app names who asked).
        const serverAddresses =
          /(?:https?|wss?|turns?):\/\/127\.0\.0\.1:\d+|127\.0\.0\.1:\d+\?transport|--ip 127\.0\.0\.1/g;
        const clientAddressLines = log
          .split("\n")
          .map((line) => line.replace(serverAddresses, ""))
          .filter((line) => line.includes("127.0.0.1"));
        expect(clientAddressLines).toEqual([]);

        step("(b) No SQLite file of the state folder (D1, the objects) holds the name, the chat or the file");
        const files = filesUnder(statePath).filter((path) => path !== serverLogPath);
        const databases = files.filter((path) => path.endsWith(".sqlite"));
        expect(databases.length).toBeGreaterThanOrEqual(2);
        const content = { name: patientName, chat: chatText, file: fileText, email: patientEmail };
        const rowsOf = new Map(databases.map((path) => [path, sqliteRows(path).join("\n")]));
        // The scan reads the real database: the provider's login address is there, as it must be.
        expect([...rowsOf.values()].some((rows) => rows.includes(account.email))).toBe(true);
        for (const [path, rows] of rowsOf) {
          for (const [what, value] of Object.entries(content)) {
            expect(rows.includes(value), `${what} in the rows of ${path}`).toBe(false);
          }
        }
        // Not even in freed pages or a write-ahead log: every byte of every file there.
        for (const path of files) {
          if (statSync(path).size === 0) continue;
          const bytes = readFileSync(path).toString("latin1");
          for (const [what, value] of Object.entries(content)) {
            expect(bytes.includes(value), `${what} in the bytes of ${path}`).toBe(false);
          }
        }

        step("(c) Every request of both pages went to our own origin");
        expect(requests.length).toBeGreaterThan(10);
        const own = new URL(baseUrl);
        const elsewhere = requests.filter((url) => {
          const parsed = new URL(url);
          if (parsed.protocol === "data:" || parsed.protocol === "blob:") return false;
          return parsed.host !== own.host;
        });
        expect(elsewhere).toEqual([]);

        step("Switching the log off asks first, naming its one entry and offering the CSV; Escape keeps it");
        const practice = provider.page;
        const focusedHook = () => practice.evaluate(() => document.activeElement?.getAttribute("data-testid"));
        await practice.getByTestId("activity-log-toggle").uncheck();
        await practice.getByTestId("activity-log-save").click();
        const question = practice.locator(".confirm", { has: practice.getByTestId("activity-log-off-confirm") });
        await question.waitFor();
        expect(await question.textContent()).toContain("deletes its one entry");
        expect(await practice.evaluate(() => document.activeElement?.textContent)).toContain("one entry");
        expect(await question.getByTestId("activity-log-off-export").getAttribute("href")).toBe(
          "/api/practice/activity.csv",
        );
        await expectAccessible(practice, "practice, switching the activity log off asks first");
        await practice.keyboard.press("Escape");
        await eventually(focusedHook).toBe("activity-log-toggle");
        expect(await practice.getByTestId("activity-log-toggle").isChecked()).toBe(true);
        expect(await practice.getByTestId("activity-entry").count()).toBe(1);

        step("Confirmed, the log is off and its entry is gone");
        await practice.getByTestId("activity-log-toggle").uncheck();
        await practice.getByTestId("activity-log-save").click();
        await practice.getByTestId("activity-log-off-confirm").click();
        await practice.getByTestId("activity-log-saved").waitFor();
        expect(await practice.getByTestId("activity-log").count()).toBe(0);
        await eventually(focusedHook).toBe("activity-log-save");
        await practice.reload();
        await practice.getByTestId("activity-log-toggle").waitFor();
        expect(await practice.getByTestId("activity-log-toggle").isChecked()).toBe(false);
      } finally {
        await provider.context.close();
        await patient.context.close();
      }
    }),
  );
});

// Anlage 31b BMV-Ä, § 5: the terms of use complete in German and readable without logging in first (docs/KBV.md).
describe("KBV Anlage 31b § 5 (Nutzungsbedingungen vollständig in deutscher Sprache, ohne Anmeldung abrufbar)", () => {
  it("shows the terms of use and the privacy notice in German to someone not logged in, with the operator's details", async () => {
    // The operator's details as the pages read them: public, no session.
    const legal = await fetch(`${baseUrl}/api/legal`);
    expect(legal.status).toBe(200);
    expect(await legal.json()).toMatchObject({ operator: expect.any(Object), complete: expect.any(Boolean) });
    const { context, page } = await newPage(browser, baseUrl, { locale: "de-DE" });
    try {
      for (const [path, hook] of [
        ["/terms", "terms"],
        ["/privacy", "privacy"],
      ] as const) {
        await page.goto(path);
        const main = page.getByTestId(hook);
        await main.waitFor();
        // Not sent to the login page, and the whole page in German.
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await main.getAttribute("lang")).toBe("de");
        expect(await page.getByTestId("operator-details").count()).toBeGreaterThan(0);
        expect(((await main.textContent()) ?? "").length).toBeGreaterThan(500);
      }
    } finally {
      await context.close();
    }
  });
});
