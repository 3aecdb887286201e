// The privacy notice's table of stored data (client/src/legal/stored-data.ts) cannot drift from docs/DATA.md,
// which test/workerd/data-inventory.test.ts holds against the schema: the same fields, no more, no fewer.
import { describe, expect, it } from "vitest";
import { STORED_DATA } from "../../client/src/legal/stored-data.ts";
import dataMd from "../../docs/DATA.md?raw";
import { allDocumentedFields, documentedFields } from "./data-md.ts";

const listed = () => STORED_DATA.flatMap((item) => item.fields);

describe("the privacy notice's table of stored data", () => {
  it("covers exactly the fields docs/DATA.md lists: every D1 column, Durable Object field and key, browser item", () => {
    const documented = documentedFields(dataMd);
    // The parse found each section, so an equal pair of empty lists cannot pass.
    expect(documented.d1.length).toBeGreaterThan(100);
    expect(documented.memory.length).toBeGreaterThan(10);
    expect(documented.storage.length).toBeGreaterThan(10);
    expect(documented.browser.length).toBeGreaterThanOrEqual(5);
    expect([...listed()].sort()).toEqual(allDocumentedFields(dataMd));
  });

  it("names each field once", () => {
    expect(new Set(listed()).size).toBe(listed().length);
  });

  it("says what, why and how long for every item, in English and in German", () => {
    for (const item of STORED_DATA) {
      for (const words of [item.what, item.why, item.kept]) {
        expect(words.en.trim().length, `${item.fields[0]} en`).toBeGreaterThan(3);
        expect(words.de.trim().length, `${item.fields[0]} de`).toBeGreaterThan(3);
        expect(words.de, `${item.fields[0]} de differs from en`).not.toBe(words.en);
      }
    }
  });
});
