// GET /api/operator/configuration, what `npm run operator -- check` reads: which settings the
// deployment's own choices require are set, never a value, and whether the relay service answers.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { apiWith } from "./helpers.ts";

const TOKEN = env.OPERATOR_TOKEN;

const OPERATOR_DETAILS = {
  OPERATOR_NAME: "Praxisnetz Musterstadt GmbH",
  OPERATOR_ADDRESS: "Hauptstraße 1, 12345 Musterstadt",
  OPERATOR_CONTACT: "datenschutz@praxisnetz.example",
  OPERATOR_DPO: "Dr. Daten Schutz",
  OPERATOR_SUPERVISORY_AUTHORITY: "LfDI Musterland",
};

const PRODUCTION = {
  MAILER: "http",
  MAIL_API_URL: "https://mail.example/send",
  MAIL_API_KEY: "mail-key-that-must-not-leak",
  PUBLIC_ORIGIN: "https://anteroom.example.org",
  ICE_PROVIDER: "coturn",
  TURN_SECRET: "turn-secret-that-must-not-leak",
  TURN_URLS: "turn:turn.example:3478",
  DO_JURISDICTION: "eu",
  SMS: "none",
  ...OPERATOR_DETAILS,
};

interface Report {
  settings: { name: string; set: boolean }[];
  choices: Record<string, string>;
  relay: string;
}

async function report(vars: Record<string, string>, token: string | null = TOKEN): Promise<Response> {
  return apiWith(vars, "/api/operator/configuration", {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
}

const missing = (r: Report) => r.settings.filter((s) => !s.set).map((s) => s.name);

describe("the operator's configuration report", () => {
  it("of a complete deployment: every required setting set, its choices, TURN handing out credentials", async () => {
    const res = await report(PRODUCTION);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Report;
    expect(missing(body)).toEqual([]);
    expect(body.settings.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "TICKET_SECRET",
        "PUBLIC_ORIGIN",
        "MAIL_API_KEY",
        "TURN_SECRET",
        ...Object.keys(OPERATOR_DETAILS),
      ]),
    );
    expect(body.choices).toEqual({
      mailer: "http",
      iceProvider: "coturn",
      sms: "none",
      signup: "open",
      doJurisdiction: "eu",
    });
    expect(body.relay).toBe("ok");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("names what is missing and never says a value: secrets, origin, operator details", async () => {
    const res = await report({
      ...PRODUCTION,
      MAIL_API_KEY: "",
      TURN_URLS: "",
      OPERATOR_DPO: "",
      TICKET_SECRET: "short",
    });
    const text = await res.text();
    const body = JSON.parse(text) as Report;
    expect(missing(body)).toEqual(["TICKET_SECRET", "MAIL_API_KEY", "TURN_URLS", "OPERATOR_DPO"]);
    expect(body.relay).toBe("misconfigured");
    for (const value of [...Object.values(PRODUCTION), env.TICKET_SECRET, TOKEN]) {
      if (value.length > 4 && !["coturn", "none", "http"].includes(value)) expect(text).not.toContain(value);
    }
  });

  it("asks for the chosen SMS API's settings, and counts the local outboxes as not set", async () => {
    const body = (await (
      await report({ ...PRODUCTION, MAILER: "outbox", SMS: "http", SMS_API_URL: "https://sms.example", SMS_FROM: "" })
    ).json()) as Report;
    expect(missing(body)).toEqual(["MAILER", "SMS_API_KEY", "SMS_FROM"]);
  });

  it("reports 'no relay configured' for ICE_PROVIDER=none, and 'failed' when the TURN service does not answer", async () => {
    const none = (await (await report({ ...PRODUCTION, ICE_PROVIDER: "none" })).json()) as Report;
    expect(none.relay).toBe("none");
    // The tests' network reaches no Cloudflare API: the request fails, as an unreachable service would.
    const cloudflare = (await (
      await report({ ...PRODUCTION, ICE_PROVIDER: "cloudflare", TURN_KEY_ID: "key", TURN_KEY_API_TOKEN: "token" })
    ).json()) as Report;
    expect(cloudflare.relay).toBe("failed");
  });

  it("does not echo an unknown choice back", async () => {
    const body = (await (await report({ ...PRODUCTION, ICE_PROVIDER: "<script>" })).json()) as Report;
    expect(body.choices.iceProvider).toBe("other");
    expect(missing(body)).toContain("ICE_PROVIDER");
  });

  it("answers only the operator's token: 401 without or with a wrong one, 404 where no token is configured", async () => {
    expect((await report(PRODUCTION, null)).status).toBe(401);
    expect((await report(PRODUCTION, "x".repeat(40))).status).toBe(401);
    expect((await report({ ...PRODUCTION, OPERATOR_TOKEN: "" })).status).toBe(404);
  });
});
