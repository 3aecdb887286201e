import { DurableObject } from "cloudflare:workers";

// The local outbox: where mails go when MAILER=outbox (`npm start` and the tests), shown at /dev/outbox.
// Never used in production (MAILER=http): it is the only place that keeps mails, so it keeps few,
// and only for a day.
export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** ISO time the mail was sent. */
  sentAt: string;
}

const KEEP = 200;
const KEEP_MS = 24 * 60 * 60 * 1000;

export class Outbox extends DurableObject {
  /** Keeps the mail; the oldest go once there are more than KEEP. */
  async add(mail: Omit<OutboxMail, "sentAt">): Promise<void> {
    const now = Date.now();
    // Zero-padded time plus a random suffix: keys sort by time, and two mails in one millisecond both stay.
    const key = `mail:${String(now).padStart(15, "0")}:${crypto.randomUUID()}`;
    await this.ctx.storage.put(key, { ...mail, sentAt: new Date(now).toISOString() } satisfies OutboxMail);
    const keys = [...(await this.ctx.storage.list({ prefix: "mail:" })).keys()];
    if (keys.length > KEEP) await this.ctx.storage.delete(keys.slice(0, keys.length - KEEP));
    await this.ctx.storage.setAlarm(now + KEEP_MS);
  }

  /** Newest first. */
  async list(): Promise<OutboxMail[]> {
    const mails = await this.ctx.storage.list<OutboxMail>({ prefix: "mail:", reverse: true });
    return [...mails.values()];
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
