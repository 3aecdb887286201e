import { describe, expect, it } from "vitest";
import { type FieldRules, fieldProblem, type Validity } from "../../client/src/forms/field-problem.ts";

const fine: Validity = {
  valid: true,
  valueMissing: false,
  typeMismatch: false,
  patternMismatch: false,
  tooLong: false,
  tooShort: false,
  rangeUnderflow: false,
  rangeOverflow: false,
  stepMismatch: false,
  badInput: false,
  customError: false,
};
const broken = (flags: Partial<Validity>): Validity => ({ ...fine, valid: false, ...flags });
const text: FieldRules = { type: "text", value: "", min: "", max: "", minLength: -1, maxLength: 80 };
const retention: FieldRules = { type: "number", value: "", min: "1", max: "3650", minLength: -1, maxLength: -1 };

describe("what a wrong field says about itself", () => {
  it("says nothing about a field that is fine", () => {
    expect(fieldProblem(fine, text)).toBeUndefined();
  });

  it("asks for an empty required field, for an e-mail address and a password by name", () => {
    expect(fieldProblem(broken({ valueMissing: true }), text)).toEqual({ key: "fieldMissing" });
    expect(fieldProblem(broken({ valueMissing: true }), { ...text, type: "password" })).toEqual({
      key: "fieldPasswordMissing",
    });
    expect(fieldProblem(broken({ valueMissing: true }), { ...text, type: "email" })).toEqual({
      key: "fieldEmailMissing",
    });
  });

  it("asks for a required field holding only spaces as for an empty one (the server trims them away)", () => {
    expect(fieldProblem(broken({ customError: true }), { ...text, value: "   " })).toEqual({ key: "fieldMissing" });
  });

  it("names a number field's range, whether the number is too small, too large, a fraction or not a number", () => {
    const range = { key: "fieldRange", values: { min: "1", max: "3650" } };
    expect(fieldProblem(broken({ rangeUnderflow: true }), retention)).toEqual(range);
    expect(fieldProblem(broken({ rangeOverflow: true }), retention)).toEqual(range);
    expect(fieldProblem(broken({ stepMismatch: true }), retention)).toEqual(range);
    expect(fieldProblem(broken({ badInput: true }), retention)).toEqual(range);
  });

  it("names the one limit a number field has, or none", () => {
    expect(fieldProblem(broken({ rangeUnderflow: true }), { ...retention, max: "" })).toEqual({
      key: "fieldAtLeast",
      values: { min: "1" },
    });
    expect(fieldProblem(broken({ rangeOverflow: true }), { ...retention, min: "" })).toEqual({
      key: "fieldAtMost",
      values: { max: "3650" },
    });
    expect(fieldProblem(broken({ badInput: true }), { ...retention, min: "", max: "" })).toEqual({
      key: "fieldWholeNumber",
    });
  });

  it("shows what an e-mail address looks like, and names length limits", () => {
    expect(fieldProblem(broken({ typeMismatch: true }), { ...text, type: "email" })).toEqual({ key: "fieldEmail" });
    expect(fieldProblem(broken({ tooShort: true }), { ...text, minLength: 12 })).toEqual({
      key: "fieldTooShort",
      values: { min: "12" },
    });
    expect(fieldProblem(broken({ tooLong: true }), text)).toEqual({ key: "fieldTooLong", values: { max: "80" } });
  });

  it("names an empty field before its other faults", () => {
    expect(fieldProblem(broken({ valueMissing: true, typeMismatch: true }), { ...text, type: "email" })).toEqual({
      key: "fieldEmailMissing",
    });
  });
});
