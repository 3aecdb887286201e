import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { OutboxMessage, OutboxSms } from "../../durable-objects/outbox.ts";
import { OutboxMailer } from "../../worker/mail/outbox.ts";
import { HttpSmsSender } from "../../worker/sms/http.ts";
import { OutboxSmsSender } from "../../worker/sms/outbox.ts";
import { smsProblem } from "../../worker/sms/problem.ts";
import { smsSenderFor } from "../../worker/sms/select.ts";
import { e164, MAX_SMS_LENGTH, SmsError, type SmsFailure } from "../../worker/sms/sms.ts";
import { apiWith, unique } from "./helpers.ts";
import { mockApiOrigin, mockApiRequestsWhere, smsBodyTo } from "./mock-api-client.ts";

const TEXT = "Praxis Dr. Müller: Ihre Videosprechstunde am 3. März um 10:30.\nhttps://anteroom.test/i/abc";
/** A German mobile number of its own for each test: the mock API's record is shared by every file. */
const freshNumber = () =>
  `+49151${String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 1e8).padStart(8, "0")}`;

/** A fetch that records its requests and answers 200. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    requests.push(new Request(input, init));
    return new Response("{}");
  };
  return { fetcher, requests };
}

/** The SmsError the promise rejects with (the test fails if it resolves or rejects with anything else). */
async function failure(sending: Promise<void>): Promise<SmsError> {
  const error: unknown = await sending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

const httpVars = (path = "/sms") => ({
  SMS: "http",
  SMS_API_URL: `${mockApiOrigin()}${path}`,
  SMS_API_KEY: "sms-api-key",
  SMS_FROM: "Anteroom",
  OUTBOX: env.OUTBOX,
});

describe("the HTTP SMS sender with the runtime's real fetch (a mock SMS API on loopback)", () => {
  it("posts one JSON text {from, to, text} to the configured endpoint with the bearer key", async () => {
    const to = freshNumber();
    await smsSenderFor(httpVars())?.send({ to, text: TEXT });
    const requests = await mockApiRequestsWhere(smsBodyTo(to));
    expect(requests).toEqual([
      {
        method: "POST",
        path: "/sms",
        authorization: "Bearer sms-api-key",
        contentType: "application/json",
        body: { from: "Anteroom", to, text: TEXT },
      },
    ]);
  });

  it("an API that refuses the text answers `refused`, naming neither the number nor the text", async () => {
    const to = freshNumber();
    const error = await failure(smsSenderFor(httpVars("/refuse/sms"))!.send({ to, text: TEXT }));
    expect(error.reason).toBe("refused");
    expect(error.message).toBe("SMS API answered 422");
    expect(`${error.message} ${error.stack}`).not.toContain(to);
    expect(await mockApiRequestsWhere(smsBodyTo(to))).toHaveLength(1);
  });

  it("an API that does not answer within the time limit answers `timeout`, after one attempt only", async () => {
    const to = freshNumber();
    const sender = new HttpSmsSender({
      endpoint: `${mockApiOrigin()}/stall/sms`,
      apiKey: "sms-api-key",
      from: "Anteroom",
      timeoutMs: 300,
    });
    const error = await failure(sender.send({ to, text: TEXT }));
    expect(error.reason).toBe("timeout");
    expect(smsProblem(error)).toEqual({
      status: 503,
      body: { code: "misconfigured", error: "The SMS service did not answer in time. Try again later." },
    });
    // Not retried: the API saw the text once.
    expect(await mockApiRequestsWhere(smsBodyTo(to))).toHaveLength(1);
  });

  it("an API that cannot be reached answers `unreachable`", async () => {
    // As workerd's fetch fails when the connection drops or is refused (a refused loopback port works
    // too, but workerd then logs an "uncaught exception" of its own that reads like a failing test).
    const unreachable: typeof fetch = async () => {
      throw new TypeError("Network connection lost.");
    };
    const sender = new HttpSmsSender({ endpoint: "https://sms.example/messages", apiKey: "k", from: "A" }, unreachable);
    const error = await failure(sender.send({ to: freshNumber(), text: TEXT }));
    expect(error.reason).toBe("unreachable");
    expect(error.message).toBe("SMS API unreachable: TypeError");
  });
});

describe("an SMS is checked before anything is sent", () => {
  const config = { endpoint: "https://sms.example/messages", apiKey: "k", from: "Anteroom" };

  it("a number that is not E.164 is refused by both senders, and nothing reaches the API or the outbox", async () => {
    const numbers = [
      "0170 1234567",
      "01701234567",
      "+49 170 1234567",
      "004917012345678",
      "+04917012345678",
      "+4917012345678901",
      "+123456",
      "+4917012\n345678",
      "tel:+4917012345678",
      "",
    ];
    const { fetcher, requests } = recordingFetch();
    for (const to of numbers) {
      const error = await failure(new HttpSmsSender(config, fetcher).send({ to, text: TEXT }));
      expect(error.reason).toBe("invalid-number");
      expect(smsProblem(error)).toMatchObject({ status: 400, body: { code: "invalid-input" } });
      expect((await failure(new OutboxSmsSender(env).send({ to, text: TEXT }))).reason).toBe("invalid-number");
    }
    expect(requests).toHaveLength(0);
    const listed = (await (await apiWith({ SMS: "outbox" }, "/dev/outbox.json")).json()) as OutboxMessage[];
    expect(listed.filter((message) => message.channel === "sms" && numbers.includes(message.to))).toEqual([]);
  });

  it("a text with control characters, an empty one or one over the length cap is refused before sending", async () => {
    const texts = [
      "Hello\u0000",
      "Line\r\nbreak",
      "Tab\there",
      "\u001b[31mred",
      "Next line\u0085",
      "Link https://anteroom.test/i/\u202eexe.txt",
      "",
      "   ",
      "x".repeat(MAX_SMS_LENGTH + 1),
    ];
    const { fetcher, requests } = recordingFetch();
    for (const text of texts) {
      const error = await failure(new HttpSmsSender(config, fetcher).send({ to: freshNumber(), text }));
      expect(error.reason).toBe("invalid-text");
    }
    expect(requests).toHaveLength(0);
    // Line feeds, umlauts and the full length are plain text.
    const longest = `${TEXT}\n${"ä".repeat(MAX_SMS_LENGTH - [...TEXT].length - 1)}`;
    await new HttpSmsSender(config, fetcher).send({ to: freshNumber(), text: longest });
    expect(requests).toHaveLength(1);
  });

  it("a number as a person types it becomes E.164 when it can, and nothing else does", () => {
    expect(e164("+49 170 123-45 67")).toBe("+491701234567");
    expect(e164("(+49) 170/1234567")).toBe("+491701234567");
    expect(e164("+41.44.668.18.00")).toBe("+41446681800");
    expect(e164("0170 1234567")).toBeUndefined();
    expect(e164("+49 170 ABC")).toBeUndefined();
  });
});

describe("the SMS variable chooses the sender", () => {
  it("none by default on a deployment: wrangler.toml's SMS=none sends nothing, and asking answers 503 misconfigured", () => {
    expect(env.SMS).toBe("none");
    expect(smsSenderFor(env)).toBeUndefined();
    const misconfigured = new SmsError("misconfigured", "no SMS sender");
    expect(smsProblem(misconfigured)).toEqual({
      status: 503,
      body: { code: "misconfigured", error: "SMS is not configured on this server." },
    });
  });

  it("http with an endpoint, a key and a usable sender ID; outbox; nothing else", () => {
    const vars = httpVars();
    expect(smsSenderFor(vars)).toBeInstanceOf(HttpSmsSender);
    expect(smsSenderFor({ ...vars, SMS_FROM: "+4930123456" })).toBeInstanceOf(HttpSmsSender);
    expect(smsSenderFor({ ...vars, SMS_API_URL: "" })).toBeUndefined();
    expect(smsSenderFor({ ...vars, SMS_API_KEY: "" })).toBeUndefined();
    expect(smsSenderFor({ ...vars, SMS_FROM: "" })).toBeUndefined();
    expect(smsSenderFor({ ...vars, SMS_FROM: "Praxis Dr. Müller" })).toBeUndefined();
    expect(smsSenderFor({ ...vars, SMS: "outbox", SMS_API_URL: "", SMS_API_KEY: "" })).toBeInstanceOf(OutboxSmsSender);
    expect(smsSenderFor({ ...vars, SMS: "none" })).toBeUndefined();
    expect(smsSenderFor({ ...vars, SMS: "twilio" })).toBeUndefined();
  });

  it("every failure has a sentence for the provider; refusals by the API are 503, bad input 400", () => {
    const statuses: Record<SmsFailure, number> = {
      misconfigured: 503,
      "invalid-number": 400,
      "invalid-text": 400,
      refused: 503,
      unreachable: 503,
      timeout: 503,
    };
    for (const [reason, status] of Object.entries(statuses) as [SmsFailure, number][]) {
      const { status: answered, body } = smsProblem(new SmsError(reason, reason));
      expect(answered).toBe(status);
      expect(body.error).toMatch(/^[A-Z].+\.$/);
    }
    expect(smsProblem(new TypeError("x")).status).toBe(503);
  });
});

describe("the local outbox with SMS", () => {
  it("/dev/outbox.json lists an SMS beside the mails as {channel: 'sms', to, text, sentAt}, newest first", async () => {
    const to = freshNumber();
    const mailTo = `${unique("beside-sms")}@example.test`;
    await new OutboxMailer(env).send({ to: mailTo, subject: "Mail first", text: "Plain", html: "<p>Plain</p>" });
    // A later millisecond than the mail's, so that "newest first" has one answer.
    await scheduler.wait(5);
    await new OutboxSmsSender(env).send({ to, text: TEXT });
    // SMS=outbox alone switches the pages on (MAILER is the tests' outbox too; here it is not).
    const res = await apiWith({ MAILER: "http", SMS: "outbox" }, "/dev/outbox.json");
    expect(res.status).toBe(200);
    const listed = (await res.json()) as OutboxMessage[];
    const sms = listed.filter((message): message is OutboxSms => message.channel === "sms" && message.to === to);
    expect(sms).toHaveLength(1);
    expect(Object.keys(sms[0] ?? {}).sort()).toEqual(["channel", "sentAt", "text", "to"]);
    expect(sms[0]).toMatchObject({ channel: "sms", to, text: TEXT });
    const smsAt = listed.findIndex((message) => message.channel === "sms" && message.to === to);
    const mailAt = listed.findIndex((message) => message.to === mailTo);
    expect(listed[mailAt]).toMatchObject({ channel: "email", subject: "Mail first" });
    expect(smsAt).toBeLessThan(mailAt);
  });

  it("/dev/outbox shows an SMS under 'SMS' with its number and its link clickable", async () => {
    const to = freshNumber();
    await new OutboxSmsSender(env).send({ to, text: `${TEXT} <b>` });
    const html = await (await apiWith({ SMS: "outbox" }, "/dev/outbox")).text();
    const article = html.slice(html.lastIndexOf("<article", html.indexOf(to)));
    expect(article.slice(0, article.indexOf("</article>"))).toMatch(
      new RegExp(
        `^<article data-channel="sms">\\s*<h2>SMS</h2>\\s*<dl><dt>To</dt><dd>\\${to}</dd>[^]*<a href="https://anteroom.test/i/abc">https://anteroom.test/i/abc</a> &lt;b&gt;</pre>`,
      ),
    );
  });

  it("with neither MAILER nor SMS at outbox, the pages do not exist", async () => {
    for (const path of ["/dev/outbox", "/dev/outbox.json"]) {
      const res = await apiWith({ MAILER: "http", SMS: "http" }, path);
      expect(res.status).toBe(404);
    }
  });
});
