// The server's log lines go through common/log.ts only, which lets no free text through: a console call
// anywhere else under worker/, durable-objects/ or common/ could log a name, an address or a token.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ALLOWED = "common/log.ts";

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|js|mjs)$/.test(file))
    .map((file) => join(folder, file));
}

describe("no personal data in logs: one way to log", () => {
  it("no file under worker/, durable-objects/ or common/ calls console except common/log.ts", () => {
    const offenders = ["worker", "durable-objects", "common"]
      .flatMap(sources)
      .filter((file) => file !== ALLOWED)
      .filter((file) => /\bconsole\s*(\.|\[)/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the check sees a console call where there is one", () => {
    expect(/\bconsole\s*(\.|\[)/.test(readFileSync(ALLOWED, "utf8"))).toBe(true);
  });
});
