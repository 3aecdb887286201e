import { DurableObject } from "cloudflare:workers";

// The local outbox: where mails go when MAILER=outbox and SMS when SMS=outbox (`npm start` and the
// tests), shown at /dev/outbox. Never used on a public deployment: it is the only place that keeps
// messages (addresses and numbers included), so it keeps few, and only for a day.

/** A mail's attachment as /dev/outbox.json lists it. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutboxMail {
  channel: "email";
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: OutboxAttachment[];
  /** ISO time the mail was sent. */
  sentAt: string;
}

export interface OutboxSms {
  channel: "sms";
  /** The number, E.164. */
  to: string;
  text: string;
  /** ISO time the SMS was sent. */
  sentAt: string;
}

/** One entry of /dev/outbox.json. */
export type OutboxMessage = OutboxMail | OutboxSms;

/** A mail as kept: those kept before attachments existed (a local server's storage outlives an upgrade) lack both. */
type KeptMail = Omit<OutboxMail, "channel" | "attachments"> & Partial<Pick<OutboxMail, "channel" | "attachments">>;

function listed(message: KeptMail | OutboxSms): OutboxMessage {
  if (message.channel === "sms") return message;
  const { channel = "email", attachments = [], ...rest } = message;
  return { channel, ...rest, attachments };
}

const KEEP = 200;
const KEEP_MS = 24 * 60 * 60 * 1000;
/** Mails under `mail:<time>:<id>`, SMS under `sms:<time>:<id>`. */
const PREFIXES = ["mail:", "sms:"] as const;

/** The zero-padded time in a key: what orders mails and SMS together. */
const timeOf = (key: string) => key.split(":")[1] ?? "";

export class Outbox extends DurableObject {
  /** Keeps the mail; the oldest messages go once there are more than KEEP. */
  async add(mail: Omit<OutboxMail, "channel" | "sentAt">): Promise<void> {
    await this.keep("mail:", (sentAt) => ({ channel: "email", ...mail, sentAt }));
  }

  /** Keeps the SMS beside the mails. */
  async addSms(sms: Omit<OutboxSms, "channel" | "sentAt">): Promise<void> {
    await this.keep("sms:", (sentAt) => ({ channel: "sms", ...sms, sentAt }));
  }

  /** The mails, newest first (what the mail tests read). */
  async list(): Promise<OutboxMail[]> {
    return (await this.messages()).filter((message): message is OutboxMail => message.channel === "email");
  }

  /** Mails and SMS together, newest first (what /dev/outbox shows). */
  async messages(): Promise<OutboxMessage[]> {
    return (await this.entries()).map(([, message]) => listed(message));
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  private async keep(prefix: (typeof PREFIXES)[number], message: (sentAt: string) => OutboxMessage): Promise<void> {
    const now = Date.now();
    // Zero-padded time plus a random suffix: keys sort by time, and two messages in one millisecond both stay.
    const key = `${prefix}${String(now).padStart(15, "0")}:${crypto.randomUUID()}`;
    await this.ctx.storage.put(key, message(new Date(now).toISOString()));
    const stale = (await this.entries()).slice(KEEP).map(([staleKey]) => staleKey);
    if (stale.length) await this.ctx.storage.delete(stale);
    await this.ctx.storage.setAlarm(now + KEEP_MS);
  }

  /** Every kept message with its key, newest first. */
  private async entries(): Promise<[string, KeptMail | OutboxSms][]> {
    const lists = await Promise.all(PREFIXES.map((prefix) => this.ctx.storage.list<KeptMail | OutboxSms>({ prefix })));
    return lists.flatMap((list) => [...list]).sort(([a], [b]) => timeOf(b).localeCompare(timeOf(a)));
  }
}
