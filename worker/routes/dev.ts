// The local outbox (MAILER=outbox: `npm start` and the tests): /dev/outbox as a page to click the
// mailed links from, /dev/outbox.json for scripts and tests. With any other mailer these pages do not
// exist (404): a deployment never shows mails. Not part of the API document.
import { Hono } from "hono";
import type { OutboxMail } from "../../durable-objects/outbox.ts";
import type { AppEnv } from "../app-env.ts";
import { escapeHtml } from "../mail/compose.ts";
import { outbox } from "../mail/outbox.ts";
import { outboxEnabled } from "../mail/select.ts";
import { problem } from "../problem.ts";

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

function page(mails: OutboxMail[]): string {
  const items = mails.map(
    (mail) => `<li><article>
<h2>${escapeHtml(mail.subject)}</h2>
<dl><dt>To</dt><dd>${escapeHtml(mail.to)}</dd><dt>Sent</dt><dd><time datetime="${escapeHtml(mail.sentAt)}">${escapeHtml(mail.sentAt.replace("T", " ").slice(0, 19))} UTC</time></dd>${attachmentList(mail)}</dl>
<pre>${linkify(mail.text)}</pre>
</article></li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Outbox · Anteroom</title>
<style>body{font-family:sans-serif;max-width:48em;margin:1em auto;padding:0 1em;line-height:1.4}li{border-top:1px solid #999;padding:.5em 0}pre{white-space:pre-wrap;word-break:break-word;font-family:inherit}dt{font-weight:bold;float:left;clear:left;width:4em}dd{margin-left:4em}</style>
</head><body><main>
<h1>Outbox</h1>
<p>Mails this local server sent (MAILER=outbox), newest first. Kept for a day at most. <a href="/dev/outbox">Reload</a></p>
${mails.length ? `<ol>\n${items.join("\n")}\n</ol>` : "<p>No mails yet.</p>"}
</main></body></html>`;
}

export const devRoutes = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    if (!outboxEnabled(c.env)) return c.json(problem("not-found", "Not found."), 404);
    await next();
    // Mails hold one-time links: no cache keeps them, and the page runs no script and loads nothing.
    c.header("Cache-Control", "no-store");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  })
  .get("/outbox.json", async (c) => c.json(await outbox(c.env).list()))
  .get("/outbox", async (c) => c.html(page(await outbox(c.env).list())));
