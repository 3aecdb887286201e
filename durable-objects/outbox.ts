import { DurableObject } from "cloudflare:workers";

// The local outbox: where mails go when MAILER=outbox (`npm start` and the tests), shown at /dev/outbox.
// Never used in production (MAILER=http): it is the only place that keeps mails, so it keeps few,
// and only for a day.

/** A mail's attachment as /dev/outbox.json lists it. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutboxMail {
  /** What kind of message this is; SMS messages will join mails here. */
  channel: "email";
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: OutboxAttachment[];
  /** ISO time the mail was sent. */
  sentAt: string;
}

/** A mail as kept: those kept before attachments existed (a local server's storage outlives an upgrade) lack both. */
type KeptMail = Omit<OutboxMail, "channel" | "attachments"> & Partial<Pick<OutboxMail, "channel" | "attachments">>;

function listed(mail: KeptMail): OutboxMail {
  const { channel = "email", attachments = [], ...rest } = mail;
  return { channel, ...rest, attachments };
}

const KEEP = 200;
const KEEP_MS = 24 * 60 * 60 * 1000;

export class Outbox extends DurableObject {
  /** Keeps the mail; the oldest go once there are more than KEEP. */
  async add(mail: Omit<OutboxMail, "channel" | "sentAt">): Promise<void> {
    const now = Date.now();
    // Zero-padded time plus a random suffix: keys sort by time, and two mails in one millisecond both stay.
    const key = `mail:${String(now).padStart(15, "0")}:${crypto.randomUUID()}`;
    const kept: OutboxMail = { channel: "email", ...mail, sentAt: new Date(now).toISOString() };
    await this.ctx.storage.put(key, kept);
    const keys = [...(await this.ctx.storage.list({ prefix: "mail:" })).keys()];
    if (keys.length > KEEP) await this.ctx.storage.delete(keys.slice(0, keys.length - KEEP));
    await this.ctx.storage.setAlarm(now + KEEP_MS);
  }

  /** Newest first. */
  async list(): Promise<OutboxMail[]> {
    const mails = await this.ctx.storage.list<KeptMail>({ prefix: "mail:", reverse: true });
    return [...mails.values()].map(listed);
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
