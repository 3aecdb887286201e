import { describe, expect, it } from "vitest";
import { apiWith } from "./helpers.ts";

describe("a deployment without TICKET_SECRET", () => {
  it("answers API calls with 503 and says what is missing, instead of failing with 500", async () => {
    const res = await apiWith({ TICKET_SECRET: "" }, "/api/invites/AAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain("TICKET_SECRET");
  });

  it("still answers the health check, for the operator's monitoring", async () => {
    expect((await apiWith({ TICKET_SECRET: "" }, "/api/health")).status).toBe(200);
  });
});
