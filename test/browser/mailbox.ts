// A stand-in for an HTTP e-mail API (the shape of Resend's: one JSON POST of {from, to, subject, text,
// html} with a bearer key), on 127.0.0.1 beside the browser suite's server. The server runs with
// MAILER=http against it, so every mail the suite reads went through the real HTTP mailer and workerd's
// real fetch, as on a deployment. GET /outbox.json lists what it accepted, newest first, like /dev/outbox.json.
import { createServer } from "node:http";

export interface Mailbox {
  apiUrl: string;
  apiKey: string;
  /** Where the tests read the mails: [{to, subject, text, html, attachments, sentAt}], newest first. */
  listUrl: string;
  close(): Promise<void>;
}

interface Accepted {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Each attachment's name and type as the API received them (their content is not kept). */
  attachments: { filename: string; contentType: string }[];
  sentAt: string;
}

type Attachment = { filename?: string; content_type?: string; content?: string };

export async function startMailbox(): Promise<Mailbox> {
  const apiKey = `mail-key-${Math.random().toString(36).slice(2)}`;
  const mails: Accepted[] = [];
  const server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && request.url === "/outbox.json") return answer(200, [...mails].reverse());
    if (request.method !== "POST" || request.url !== "/emails") return answer(404, {});
    if (request.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { message: "bad key" });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const mail = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Partial<Omit<Accepted, "attachments">> & {
      from?: string;
      attachments?: Attachment[];
    };
    if (!mail.to || !mail.subject || !mail.text || !mail.html || !mail.from)
      return answer(422, { message: "incomplete" });
    mails.push({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: (mail.attachments ?? []).map((a) => ({
        filename: a.filename ?? "",
        contentType: a.content_type ?? "",
      })),
      sentAt: new Date().toISOString(),
    });
    answer(200, { id: `mail-${mails.length}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("mailbox has no port");
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    apiUrl: `${origin}/emails`,
    apiKey,
    listUrl: `${origin}/outbox.json`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
