// Mails the server really sent, through its HTTP mailer (workerd's real fetch), to the suite's stand-in
// e-mail API (mailbox.ts); and a provider of a practice of their own, made through those mails.
import { expect, inject } from "vitest";
import { eventually } from "./flows.ts";

const baseUrl = inject("baseUrl");
const mailboxUrl = inject("mailboxUrl");

interface SentMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** The link (on `page`) in the newest mail to `to`; the mail's HTML carries it as an <a> as well. */
export async function mailedLink(to: string, page: string): Promise<string> {
  const pattern = new RegExp(`${baseUrl}/${page}#[A-Za-z0-9_-]{43}`);
  let found: string | undefined;
  await eventually(async () => {
    const mails = (await (await fetch(mailboxUrl)).json()) as SentMail[];
    const mail = mails.find((m) => m.to === to && pattern.test(m.text));
    found = mail?.text.match(pattern)?.[0];
    if (mail && found) expect(mail.html).toContain(`href="${found}"`);
    return found;
  }, `a mail to ${to} with a /${page} link`).toBeTruthy();
  return found!;
}

export interface Account {
  email: string;
  password: string;
}

/**
 * A confirmed provider in a practice of their own, made over HTTP as the sign-up page would: a test that
 * counts places in the waiting room waits in a room no other test has used.
 */
export async function newPractice(name: string): Promise<Account> {
  const account = {
    email: `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@praxis.test`,
    password: "a long and private passphrase",
  };
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify(body),
    });
  const signup = await post("/api/auth/signup", { name: `Dr. ${name}`, practiceName: `Praxis ${name}`, ...account });
  expect(signup.status).toBe(202);
  const token = new URL(await mailedLink(account.email, "confirm")).hash.slice(1);
  expect((await post("/api/auth/confirm", { token })).status).toBe(204);
  return account;
}

/**
 * A colleague in the practice of `admin` (a provider they invited by e-mail), made over HTTP as the
 * practice page and the mailed join page would: their login and their name.
 */
export async function newColleague(admin: Account, name: string): Promise<Account> {
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl, ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(body),
    });
  const login = await post("/api/auth/login", admin);
  expect(login.status).toBe(200);
  const cookie = login.headers.get("Set-Cookie")?.split(";")[0] ?? "";
  const colleague = { email: `colleague-${Date.now()}@praxis.test`, password: "another long private passphrase" };
  expect((await post("/api/practice/invitations", { email: colleague.email, role: "provider" }, cookie)).status).toBe(
    201,
  );
  const token = new URL(await mailedLink(colleague.email, "join-practice")).hash.slice(1);
  expect((await post("/api/member-invitations/accept", { token, name, password: colleague.password })).status).toBe(
    201,
  );
  return colleague;
}
