// The local outbox (MAILER=outbox or SMS=outbox: `npm start` and the tests): /dev/outbox as a page to
// click the mailed and texted links from, /dev/outbox.json for scripts and tests. With neither these
// pages do not exist (404): a deployment never shows mails or SMS. Not part of the API document.
import { Hono } from "hono";
import type { OutboxMail, OutboxMessage } from "../../durable-objects/outbox.ts";
import type { AppEnv } from "../app-env.ts";
import type { Env } from "../env.ts";
import { escapeHtml } from "../mail/compose.ts";
import { outbox } from "../mail/outbox.ts";
import { problem } from "../problem.ts";

/** Whether the outbox (and with it /dev/outbox) is switched on: for mail, for SMS, or both. */
export const outboxEnabled = (env: Pick<Env, "MAILER" | "SMS">) => env.MAILER === "outbox" || env.SMS === "outbox";

/** The mail's plain text, escaped, with every http(s) URL made a link. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join("");
}

/** Each attachment's name and type, downloadable (a data: URL: the page loads nothing itself). */
function attachmentList(mail: OutboxMail): string {
  if (!mail.attachments.length) return "";
  const items = mail.attachments.map(
    ({ filename, contentType, content }) =>
      `<li><a download="${escapeHtml(filename)}" href="data:${escapeHtml(contentType.split(";")[0] ?? "")};base64,${escapeHtml(content)}">${escapeHtml(filename)}</a> (${escapeHtml(contentType)})</li>`,
  );
  return `<dt>Files</dt><dd><ul>${items.join("")}</ul></dd>`;
}

/** A mail under its subject, an SMS under "SMS"; both with recipient, time and text. */
function article(message: OutboxMessage): string {
  const sent = `<time datetime="${escapeHtml(message.sentAt)}">${escapeHtml(message.sentAt.replace("T", " ").slice(0, 19))} UTC</time>`;
  const heading = message.channel === "sms" ? "SMS" : escapeHtml(message.subject);
  const files = message.channel === "sms" ? "" : attachmentList(message);
  return `<li><article data-channel="${message.channel}">
<h2>${heading}</h2>
<dl><dt>To</dt><dd>${escapeHtml(message.to)}</dd><dt>Sent</dt><dd>${sent}</dd>${files}</dl>
<pre>${linkify(message.text)}</pre>
</article></li>`;
}

function page(messages: OutboxMessage[]): string {
  const items = messages.map(article);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Outbox · Anteroom</title>
<style>body{font-family:sans-serif;max-width:48em;margin:1em auto;padding:0 1em;line-height:1.4}li{border-top:1px solid #999;padding:.5em 0}pre{white-space:pre-wrap;word-break:break-word;font-family:inherit}dt{font-weight:bold;float:left;clear:left;width:4em}dd{margin-left:4em}</style>
</head><body><main>
<h1>Outbox</h1>
<p>Mails (MAILER=outbox) and SMS (SMS=outbox) this local server sent, newest first. Kept for a day at most. <a href="/dev/outbox">Reload</a></p>
${messages.length ? `<ol>\n${items.join("\n")}\n</ol>` : "<p>No messages yet.</p>"}
</main></body></html>`;
}

export const devRoutes = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    if (!outboxEnabled(c.env)) return c.json(problem("not-found", "Not found."), 404);
    await next();
    // Mails and SMS hold one-time links: no cache keeps them, and the page runs no script and loads nothing.
    c.header("Cache-Control", "no-store");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  })
  .get("/outbox.json", async (c) => c.json(await outbox(c.env).messages()))
  .get("/outbox", async (c) => c.html(page(await outbox(c.env).messages())));
