// The Cloudflare Email Service mailer: against the runtime's own local `send_email` binding (vitest.config.ts
// allows one recipient), and against a recording binding for the exact message it builds.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CloudflareEmailMailer, type EmailBinding, sender } from "../../worker/mail/cloudflare.ts";
import { MailerError } from "../../worker/mail/mailer.ts";
import { mailerFor } from "../../worker/mail/select.ts";

const FROM = "Anteroom <no-reply@anteroom.example.org>";
const ICS = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
const MAIL = {
  to: "patient@example.test",
  subject: "Termin abgesagt",
  text: "Plain",
  html: "<p>Plain</p>",
  attachments: [
    {
      filename: "invite.ics",
      contentType: "text/calendar; method=CANCEL; charset=UTF-8",
      content: new TextEncoder().encode(ICS),
    },
  ],
};

/** A binding that keeps what it was given, or throws as the platform does for a refused sender. */
function recordingBinding(refuse = false) {
  const messages: EmailMessageBuilder[] = [];
  const binding: EmailBinding = {
    async send(message) {
      if (refuse) throw new Error("email from no-reply@anteroom.example.org not allowed");
      messages.push(message);
      return { messageId: "m-1" };
    },
  };
  return { binding, messages };
}

describe("the Cloudflare Email Service mailer", () => {
  it("hands the binding the sender, recipient, subject, both bodies and the calendar file with its type", async () => {
    const { binding, messages } = recordingBinding();
    await new CloudflareEmailMailer(binding, FROM).send(MAIL);
    expect(messages).toEqual([
      {
        from: { name: "Anteroom", email: "no-reply@anteroom.example.org" },
        to: MAIL.to,
        subject: MAIL.subject,
        text: MAIL.text,
        html: MAIL.html,
        attachments: [
          {
            disposition: "attachment",
            filename: "invite.ics",
            type: MAIL.attachments[0]?.contentType,
            content: MAIL.attachments[0]?.content,
          },
        ],
      },
    ]);
  });

  it("a mail without attachments has no attachments field; a bare sender address stays as it is", async () => {
    const { binding, messages } = recordingBinding();
    await new CloudflareEmailMailer(binding, "no-reply@anteroom.example.org").send({ ...MAIL, attachments: [] });
    expect(messages[0]?.from).toBe("no-reply@anteroom.example.org");
    expect(messages[0]).not.toHaveProperty("attachments");
    expect(sender('"Praxis Berg" <a@example.org>')).toEqual({ name: "Praxis Berg", email: "a@example.org" });
  });

  it("turns the binding's refusal into a MailerError (the routes answer 503 and keep nothing)", async () => {
    await expect(new CloudflareEmailMailer(recordingBinding(true).binding, FROM).send(MAIL)).rejects.toBeInstanceOf(
      MailerError,
    );
  });

  it("with the runtime's local binding: an allowed recipient is accepted, any other refused as a MailerError", async () => {
    const mailer = new CloudflareEmailMailer(env.EMAIL, FROM);
    await expect(mailer.send(MAIL)).resolves.toBeUndefined();
    await expect(mailer.send({ ...MAIL, to: "someone-else@example.test" })).rejects.toBeInstanceOf(MailerError);
  });

  it("is chosen by MAILER=cloudflare only where the EMAIL binding exists", () => {
    const base = {
      MAILER: "cloudflare",
      MAIL_FROM: FROM,
      MAIL_API_URL: "",
      MAIL_API_KEY: "",
      OUTBOX: env.OUTBOX,
      PUBLIC_ORIGIN: "",
    };
    expect(mailerFor({ ...base, EMAIL: env.EMAIL })).toBeInstanceOf(CloudflareEmailMailer);
    expect(mailerFor(base)).toBeUndefined();
  });
});
