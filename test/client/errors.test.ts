import { describe, expect, it } from "vitest";
import { ApiError, retryAfterSeconds } from "../../client/src/shared/api.ts";
import { explainError } from "../../client/src/shared/errors.ts";

const refused = (status: number, code: string, retryAfter?: number) =>
  new ApiError(status, `server says ${code}`, { code, error: `server says ${code}` }, code as never, retryAfter);

describe("what a person is told about a failed request", () => {
  it("uses our own words for a code we know, not the server's English", () => {
    expect(explainError(refused(401, "wrong-credentials"))).toEqual({ key: "wrongCredentials" });
    expect(explainError(refused(410, "invite-revoked"))).toEqual({ key: "inviteRevoked" });
  });

  it("says how long to wait when rate-limited with Retry-After, and to wait a moment without it", () => {
    expect(explainError(refused(429, "rate-limited", 90))).toEqual({ key: "rateLimitedFor", waitSeconds: 90 });
    expect(explainError(refused(429, "rate-limited"))).toEqual({ key: "rateLimited" });
  });

  it("shows the server's message only for a refusal whose code this page does not know", () => {
    const unknown = new ApiError(422, "A new rule.", { code: "brand-new", error: "A new rule." });
    expect(explainError(unknown)).toEqual({ serverMessage: "A new rule." });
  });

  it("says something generic for faults on our side and for network failures", () => {
    expect(explainError(new ApiError(502, "HTTP 502", undefined))).toEqual({ key: "errorGeneric" });
    expect(explainError(refused(500, "internal"))).toEqual({ key: "errorGeneric" });
    expect(explainError(new TypeError("Failed to fetch"))).toEqual({ key: "errorGeneric" });
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterSeconds("120")).toBe(120);
    expect(retryAfterSeconds("Wed, 21 Oct 2026 07:28:30 GMT", Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds("soon")).toBeUndefined();
  });
});
