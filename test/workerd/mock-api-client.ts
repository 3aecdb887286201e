// The tests' side of mock-api.ts: where it listens and what it has received.
import { inject } from "vitest";

export const mockApiOrigin = () => inject("mockApiOrigin");

export interface MockRequest {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

/** Every request the mock API has received so far (from every test file: filter by what is unique). */
export async function mockApiReceived(): Promise<MockRequest[]> {
  return (await fetch(`${mockApiOrigin()}/__received`)).json();
}

/** Answers every request held at /hold/emails. */
export async function releaseHeldMails(): Promise<void> {
  await fetch(`${mockApiOrigin()}/__release`, { method: "POST" });
}

/** The requests matching `test`, once there are `count` of them (the mail may be sent after the answer). */
export async function mockApiRequestsWhere(test: (request: MockRequest) => boolean, count = 1): Promise<MockRequest[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const matching = (await mockApiReceived()).filter(test);
    if (matching.length >= count) return matching;
    await scheduler.wait(25);
  }
  throw new Error(`the mock API did not receive ${count} matching request(s)`);
}

/** A mail the mock API received, addressed to `to`. */
export const mailBodyTo = (to: string) => (request: MockRequest) =>
  typeof request.body === "object" && request.body !== null && (request.body as { to?: string }).to === to;

/** An SMS the mock API received, for the number `to` (mail and SMS APIs both name the recipient `to`). */
export const smsBodyTo = mailBodyTo;
