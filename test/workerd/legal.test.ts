// GET /api/legal: the operator's details behind /terms and /privacy, readable by anyone, from wrangler vars.
import { describe, expect, it } from "vitest";
import type { LegalInfo } from "../../schema/api-types.ts";
import { api, apiWith } from "./helpers.ts";

const FILLED = {
  OPERATOR_NAME: "Beispiel Telemedizin GmbH",
  OPERATOR_ADDRESS: "Musterstraße 1, 10115 Berlin, Germany",
  OPERATOR_CONTACT: "support@example.org, +49 30 1234567",
  OPERATOR_DPO: "Dr. Daten Schutz, dpo@example.org",
  OPERATOR_SUPERVISORY_AUTHORITY: "Berliner Beauftragte für Datenschutz und Informationsfreiheit",
};

describe("the operator's legal details (GET /api/legal)", () => {
  it("answers anyone, without login, with empty details and complete false on a deployment that has not set them", async () => {
    const response = await api("/api/legal");
    expect(response.status).toBe(200);
    const body = (await response.json()) as LegalInfo;
    expect(body).toEqual({
      operator: { name: "", address: "", contact: "", dataProtectionOfficer: "", supervisoryAuthority: "" },
      complete: false,
      recoveryDays: 30,
    });
  });

  it("tells the configured operator, its data protection officer and supervisory authority, and is complete when all five are set", async () => {
    const response = await apiWith({ ...FILLED, D1_RECOVERY_DAYS: "7" }, "/api/legal");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      operator: {
        name: FILLED.OPERATOR_NAME,
        address: FILLED.OPERATOR_ADDRESS,
        contact: FILLED.OPERATOR_CONTACT,
        dataProtectionOfficer: FILLED.OPERATOR_DPO,
        supervisoryAuthority: FILLED.OPERATOR_SUPERVISORY_AUTHORITY,
      },
      complete: true,
      recoveryDays: 7,
    });
  });

  it("stays incomplete while any one detail is missing or only blanks", async () => {
    for (const name of Object.keys(FILLED)) {
      const body = (await (await apiWith({ ...FILLED, [name]: "  " }, "/api/legal")).json()) as LegalInfo;
      expect(body.complete, name).toBe(false);
    }
  });

  it("falls back to 30 days of recovery when D1_RECOVERY_DAYS is not a whole number of days", async () => {
    for (const value of ["", "thirty", "-1", "2.5"]) {
      const body = (await (await apiWith({ D1_RECOVERY_DAYS: value }, "/api/legal")).json()) as LegalInfo;
      expect(body.recoveryDays, value).toBe(30);
    }
  });

  it("is not kept by browsers or proxies, like every API answer", async () => {
    const response = await api("/api/legal");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
