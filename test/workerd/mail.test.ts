import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { base64 } from "../../common/encoding.ts";
import type { OutboxMail } from "../../durable-objects/outbox.ts";
import { compose } from "../../worker/mail/compose.ts";
import { HttpMailer } from "../../worker/mail/http.ts";
import { MailerError } from "../../worker/mail/mailer.ts";
import { OutboxMailer } from "../../worker/mail/outbox.ts";
import { mailerFor } from "../../worker/mail/select.ts";
import {
  confirmAddressMail,
  resetPasswordMail,
  signupAttemptMail,
  welcomeAdminMail,
} from "../../worker/mail/templates/account.ts";
import { api, apiWith, confirmedProvider, unique } from "./helpers.ts";
import { mailBodyTo, mockApiOrigin, mockApiRequestsWhere, releaseHeldMails } from "./mock-api-client.ts";

const MAIL = { to: "dr@example.test", subject: "Hello", text: "Plain", html: "<p>Plain</p>" };
const ICS = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Videosprechstunde Müller\r\nEND:VCALENDAR\r\n";
const ATTACHMENT = {
  filename: "invite.ics",
  contentType: "text/calendar; method=REQUEST; charset=UTF-8",
  content: new TextEncoder().encode(ICS),
};
/** Bytes back from base64, to compare with what was attached. */
const decoded = (text: string) => new TextDecoder().decode(Uint8Array.from(atob(text), (char) => char.charCodeAt(0)));
const CONFIG = { endpoint: "https://mail.example/emails", apiKey: "secret-key", from: "Anteroom <a@example.test>" };

/** A fetch that records its requests and answers with `status`, or fails like an unreachable host. */
function fakeFetch(outcome: number | "unreachable") {
  const requests: Request[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    requests.push(new Request(input, init));
    if (outcome === "unreachable") throw new TypeError("Network connection lost.");
    return new Response("{}", { status: outcome });
  };
  return { fetcher, requests };
}

describe("the HTTP mailer", () => {
  it("posts one JSON mail in the common {from, to, subject, text, html} shape with the bearer key", async () => {
    const { fetcher, requests } = fakeFetch(200);
    await new HttpMailer(CONFIG, fetcher).send(MAIL);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(CONFIG.endpoint);
    expect(request?.headers.get("Authorization")).toBe("Bearer secret-key");
    expect(request?.headers.get("Content-Type")).toBe("application/json");
    expect(await request?.json()).toEqual({ from: CONFIG.from, ...MAIL });
  });

  it("sends attachments as [{filename, content (base64), content_type}]", async () => {
    const { fetcher, requests } = fakeFetch(200);
    await new HttpMailer(CONFIG, fetcher).send({ ...MAIL, attachments: [ATTACHMENT] });
    const body = (await requests[0]?.json()) as { attachments: { filename: string; content: string }[] };
    expect(body.attachments).toEqual([
      { filename: "invite.ics", content: base64(ATTACHMENT.content), content_type: ATTACHMENT.contentType },
    ]);
    expect(decoded(body.attachments[0]?.content ?? "")).toBe(ICS);
  });

  it("refuses, before sending anything, an attachment whose name or type could add a header line", async () => {
    const injected = [
      { ...ATTACHMENT, filename: "invite.ics\r\nBcc: someone@evil.test" },
      { ...ATTACHMENT, contentType: "text/calendar\nX-Evil: 1" },
      { ...ATTACHMENT, filename: "" },
    ];
    for (const attachment of injected) {
      const { fetcher, requests } = fakeFetch(200);
      await expect(new HttpMailer(CONFIG, fetcher).send({ ...MAIL, attachments: [attachment] })).rejects.toBeInstanceOf(
        MailerError,
      );
      expect(requests).toHaveLength(0);
      await expect(new OutboxMailer(env).send({ ...MAIL, attachments: [attachment] })).rejects.toBeInstanceOf(
        MailerError,
      );
    }
  });

  it("fails with a MailerError when the API refuses the mail or cannot be reached", async () => {
    for (const outcome of [401, 422, 500, "unreachable"] as const) {
      const { fetcher } = fakeFetch(outcome);
      await expect(new HttpMailer(CONFIG, fetcher).send(MAIL)).rejects.toBeInstanceOf(MailerError);
    }
  });

  it("is chosen by MAILER=http only with an endpoint and a key; without them there is no mailer", () => {
    const base = { MAILER: "http", MAIL_FROM: CONFIG.from, OUTBOX: env.OUTBOX, PUBLIC_ORIGIN: "" };
    expect(mailerFor({ ...base, MAIL_API_URL: CONFIG.endpoint, MAIL_API_KEY: "k" })).toBeInstanceOf(HttpMailer);
    expect(mailerFor({ ...base, MAIL_API_URL: "", MAIL_API_KEY: "k" })).toBeUndefined();
    expect(mailerFor({ ...base, MAIL_API_URL: CONFIG.endpoint, MAIL_API_KEY: "" })).toBeUndefined();
    expect(mailerFor({ ...base, MAILER: "smtp", MAIL_API_URL: CONFIG.endpoint, MAIL_API_KEY: "k" })).toBeUndefined();
    expect(mailerFor({ ...base, MAILER: "outbox", MAIL_API_URL: "", MAIL_API_KEY: "" })).toBeInstanceOf(OutboxMailer);
  });
});

describe("the HTTP mailer with the runtime's real fetch (a mock e-mail API on loopback)", () => {
  const httpVars = () => ({
    MAILER: "http",
    MAIL_API_URL: `${mockApiOrigin()}/emails`,
    MAIL_API_KEY: "mail-api-key",
    PUBLIC_ORIGIN: "https://anteroom.example.org",
  });
  const postWith = (vars: Record<string, string>, path: string, body: unknown, headers: Record<string, string> = {}) =>
    apiWith(vars, path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", ...headers },
    });
  type SentMail = typeof MAIL & { from: string };
  const sentTo = async (to: string, count = 1) =>
    (await mockApiRequestsWhere(mailBodyTo(to), count)).map((request) => request.body as SentMail);

  it("hands a mail to the API as configured, without a fetcher of the tests' making", async () => {
    const to = `${unique("real-fetch")}@example.test`;
    const vars = httpVars();
    const mailer = mailerFor({ ...vars, MAIL_FROM: CONFIG.from, OUTBOX: env.OUTBOX });
    await mailer!.send({ ...MAIL, to });
    const [request] = await mockApiRequestsWhere(mailBodyTo(to));
    expect(request).toEqual({
      method: "POST",
      path: "/emails",
      authorization: "Bearer mail-api-key",
      contentType: "application/json",
      body: { from: CONFIG.from, ...MAIL, to },
    });
    const refusing = mailerFor({
      ...vars,
      MAIL_API_URL: `${mockApiOrigin()}/refuse/emails`,
      MAIL_FROM: "x",
      OUTBOX: env.OUTBOX,
    });
    await expect(refusing!.send({ ...MAIL, to })).rejects.toBeInstanceOf(MailerError);
  });

  it("hands an invitation's calendar file to the API with its content type and its exact bytes", async () => {
    const to = `${unique("ics-http")}@example.test`;
    const mailer = mailerFor({ ...httpVars(), MAIL_FROM: CONFIG.from, OUTBOX: env.OUTBOX });
    await mailer!.send({ ...MAIL, to, attachments: [ATTACHMENT] });
    const [request] = await mockApiRequestsWhere(mailBodyTo(to));
    const body = request?.body as { attachments: { filename: string; content: string; content_type: string }[] };
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]?.filename).toBe("invite.ics");
    expect(body.attachments[0]?.content_type).toBe("text/calendar; method=REQUEST; charset=UTF-8");
    expect(decoded(body.attachments[0]?.content ?? "")).toBe(ICS);
  });

  it("sign-up mails a confirmation link on the configured origin, whatever Host the request named", async () => {
    const email = `${unique("signup-http")}@example.test`;
    const res = await postWith(
      httpVars(),
      "/api/auth/signup",
      { name: "Dr. Real", email, password: "a sturdy passphrase 42", practiceName: "Praxis Real" },
      { Host: "evil.example" },
    );
    expect(res.status).toBe(202);
    const [mail] = await sentTo(email);
    expect(mail?.text).toMatch(/^https:\/\/anteroom\.example\.org\/confirm#[A-Za-z0-9_-]{43}$/m);
    expect(mail?.text).not.toContain("anteroom.test");
    expect(mail?.html).not.toContain("anteroom.test");
  });

  it("the operator's command mails the new admin through the API", async () => {
    const email = `${unique("operator-http")}@example.test`;
    const res = await postWith(
      httpVars(),
      "/api/operator/practices",
      { practiceName: "Praxis Operator", adminName: "Dr. Op", adminEmail: email },
      { Authorization: `Bearer ${env.OPERATOR_TOKEN}` },
    );
    expect(res.status).toBe(201);
    const [mail] = await sentTo(email);
    expect(mail?.text).toMatch(/^https:\/\/anteroom\.example\.org\/reset#[A-Za-z0-9_-]{43}$/m);
  });

  it("without PUBLIC_ORIGIN nothing is mailed: sign-up answers 503 misconfigured and keeps nothing", async () => {
    const email = `${unique("no-origin")}@example.test`;
    const res = await postWith({ ...httpVars(), PUBLIC_ORIGIN: "" }, "/api/auth/signup", {
      name: "Dr. X",
      email,
      password: "a sturdy passphrase 42",
      practiceName: "Praxis X",
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: "misconfigured" });
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM providers WHERE email = ?").bind(email).first();
    expect(stored).toEqual({ n: 0 });
  });

  it("an API that does not answer within the time limit is a MailerError, not a request held forever", async () => {
    const to = `${unique("held")}@example.test`;
    const mailer = new HttpMailer({ ...CONFIG, endpoint: `${mockApiOrigin()}/hold/emails`, timeoutMs: 200 });
    await expect(mailer.send({ ...MAIL, to })).rejects.toThrow(new MailerError("mail API did not answer in time"));
    await releaseHeldMails();
  });

  it("forgot-password answers before the mail is sent, so a known address takes no longer than an unknown one", async () => {
    const { email } = await confirmedProvider();
    // This API holds every mail until the test releases it: an answer that waited for the mail would never come.
    const vars = { ...httpVars(), MAIL_API_URL: `${mockApiOrigin()}/hold/emails` };
    const known = await postWith(vars, "/api/auth/forgot-password", { email });
    const unknown = await postWith(vars, "/api/auth/forgot-password", { email: `${unique("nobody")}@example.test` });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.json()).toEqual(await unknown.json());
    const [held] = await sentTo(email);
    expect(held?.text).toMatch(/^https:\/\/anteroom\.example\.org\/reset#/m);
    await releaseHeldMails();
  });
});

describe("composed mails", () => {
  it("escape HTML in what they say and carry the link as an <a> in HTML and as a bare URL in the text", () => {
    const url = "https://anteroom.test/confirm#abc&def";
    const mail = compose({
      to: "x@example.test",
      subject: "Hi",
      language: "en",
      paragraphs: ['Hello <script>alert("x")</script> & co'],
      link: { url, label: "Confirm" },
    });
    expect(mail.html).toContain("Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain('<a href="https://anteroom.test/confirm#abc&amp;def"');
    expect(mail.text).toContain('Hello <script>alert("x")</script> & co');
    expect(mail.text.split("\n")).toContain(url);
  });

  it("for every account mail, in German and English: subject and text in the language, one link, no images", () => {
    const url = "https://anteroom.test/reset#TOKEN";
    for (const language of ["de", "en"] as const) {
      const recipient = { to: "x@example.test", name: "Dr. <b>X</b>", language };
      const mails = [
        confirmAddressMail(recipient, url),
        signupAttemptMail(recipient, url),
        resetPasswordMail(recipient, url),
        welcomeAdminMail({ ...recipient, practiceName: "Praxis X" }, url),
      ];
      for (const mail of mails) {
        expect(mail.html).toContain(`lang="${language}"`);
        expect(mail.text).toContain(language === "de" ? "Guten Tag" : "Hello");
        expect(mail.text.split("\n")).toContain(url);
        expect(mail.html).toContain(`<a href="${url}"`);
        expect(mail.html).toContain("Dr. &lt;b&gt;X&lt;/b&gt;");
        expect(mail.html).not.toMatch(/<img|src=|url\(/i);
      }
      const subjects = new Set(mails.map((mail) => mail.subject));
      expect(subjects.size).toBe(mails.length);
    }
    expect(confirmAddressMail({ to: "x", name: "X", language: "de" }, url).subject).toMatch(/bestätigen/);
  });
});

describe("the local outbox pages", () => {
  it("/dev/outbox.json lists the mails newest first as {channel, to, subject, text, html, attachments, sentAt}", async () => {
    const to = `${unique("outbox")}@example.test`;
    const mailer = new OutboxMailer(env);
    await mailer.send({ ...MAIL, to, subject: "First" });
    await mailer.send({ ...MAIL, to, subject: "Second" });
    const res = await api("/dev/outbox.json");
    expect(res.status).toBe(200);
    const mails = ((await res.json()) as OutboxMail[]).filter((mail) => mail.to === to);
    expect(mails.map((mail) => mail.subject)).toEqual(["Second", "First"]);
    expect(Object.keys(mails[0] ?? {}).sort()).toEqual([
      "attachments",
      "channel",
      "html",
      "sentAt",
      "subject",
      "text",
      "to",
    ]);
    expect(mails[0]).toMatchObject({ channel: "email", attachments: [] });
    expect(Date.parse(mails[0]?.sentAt ?? "")).not.toBeNaN();
  });

  it("/dev/outbox.json lists a mail's attachments with base64 content, and /dev/outbox names them", async () => {
    const to = `${unique("outbox-ics")}@example.test`;
    await new OutboxMailer(env).send({ ...MAIL, to, attachments: [ATTACHMENT] });
    const mails = ((await (await api("/dev/outbox.json")).json()) as OutboxMail[]).filter((mail) => mail.to === to);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.attachments).toEqual([
      { filename: "invite.ics", contentType: ATTACHMENT.contentType, content: base64(ATTACHMENT.content) },
    ]);
    expect(decoded(mails[0]?.attachments[0]?.content ?? "")).toBe(ICS);
    const page = await (await api("/dev/outbox")).text();
    const article = page.slice(page.indexOf(to));
    expect(article.slice(0, article.indexOf("</article>"))).toMatch(/<a download="invite\.ics"[^>]*>invite\.ics<\/a>/);
  });

  it("/dev/outbox shows each mail's subject, recipient and text with clickable links, escaped", async () => {
    const to = `${unique("page")}@example.test`;
    const link = "http://anteroom.test/confirm#AAAA";
    await new OutboxMailer(env).send({ ...MAIL, to, subject: "Subject <i>", text: `Click:\n${link}\n<b>bold</b>` });
    const res = await api("/dev/outbox");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("<h1>Outbox</h1>");
    expect(html).toContain(to);
    expect(html).toContain("Subject &lt;i&gt;");
    expect(html).toContain(`<a href="${link}">${link}</a>`);
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<script");
  });

  it("do not exist unless MAILER=outbox: both answer 404 with the not-found problem", async () => {
    for (const path of ["/dev/outbox", "/dev/outbox.json"]) {
      const res = await apiWith({ MAILER: "http" }, path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "not-found" });
    }
  });
});
