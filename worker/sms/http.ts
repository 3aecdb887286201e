// Production SMS: one JSON POST per text to an HTTP SMS API in the common shape {from, to, text} with a
// bearer key: Telnyx's `POST /v2/messages` as it is, and others through a small relay (README).
// One attempt, bounded by a time limit: a slow API answers an error instead of holding the request.
import { type Fetcher, runtimeFetch } from "../outbound.ts";
import { checkedSms, type Sms, SmsError, type SmsSender } from "./sms.ts";

export interface HttpSmsConfig {
  endpoint: string;
  apiKey: string;
  /** The sender ID the recipient sees: a number in E.164 or up to 11 letters and digits. */
  from: string;
  /** How long to wait for the API's answer; 10 s unless a test says otherwise. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly config: HttpSmsConfig,
    private readonly fetcher: Fetcher = runtimeFetch,
  ) {}

  async send(sms: Sms): Promise<void> {
    const { to, text } = checkedSms(sms);
    const signal = AbortSignal.timeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.fetcher(this.config.endpoint, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.config.apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({ from: this.config.from, to, text }),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw new SmsError("timeout", "SMS API did not answer in time");
      throw new SmsError("unreachable", `SMS API unreachable: ${error instanceof Error ? error.name : "error"}`);
    }
    // Drain the body either way, so the connection is released; an error body may repeat the number,
    // so it is not read.
    await response.body?.cancel();
    if (!response.ok) throw new SmsError("refused", `SMS API answered ${response.status}`);
  }
}
