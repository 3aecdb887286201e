import { describe, expect, it } from "vitest";
import { argon2 } from "../../worker/auth/argon2.ts";
import { hashPassword, PASSWORD_PARAMS, passwordInput, verifyPassword } from "../../worker/auth/passwords.ts";

const salt = new TextEncoder().encode("somesaltsomesalt");

// Known answers from the reference implementation (Debian's `argon2` CLI):
//   echo -n "password" | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e
const REFERENCE_PASSWORD =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
//   echo -n "70617373776f7264c3a4" | argon2 …  (the hex of "passwordä" in UTF-8, as passwordInput hands it over)
const REFERENCE_UMLAUT =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$/Cx/J5gl11dl/vXC/z3KX/2eTDrgjq/sw5JF1l2y/T8";

describe("password hashing", () => {
  it("computes argon2id exactly as the reference implementation does", () => {
    expect(argon2().hash("password", { ...PASSWORD_PARAMS, salt }).encoded).toBe(REFERENCE_PASSWORD);
    expect(argon2().hash(passwordInput("passwordä"), { ...PASSWORD_PARAMS, salt }).encoded).toBe(REFERENCE_UMLAUT);
  });

  it("stores algorithm and parameters with each hash, with a fresh salt each time", () => {
    const a = hashPassword(argon2(), "correct horse");
    const b = hashPassword(argon2(), "correct horse");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it("tells non-ASCII passwords apart by every byte", () => {
    const hash = hashPassword(argon2(), "Grüße-1");
    expect(verifyPassword(argon2(), hash, "Grüße-1")).toBe(true);
    // Same UTF-16 length, different last bytes: a library bug would let this through without passwordInput.
    expect(verifyPassword(argon2(), hash, "Grüße-2")).toBe(false);
    expect(verifyPassword(argon2(), hash, "Grüsse-1")).toBe(false);
    // Composed and decomposed ü are the same password.
    expect(verifyPassword(argon2(), hash, "Gru\u0308ße-1")).toBe(true);
  });
});
