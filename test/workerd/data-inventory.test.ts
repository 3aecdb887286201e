// docs/DATA.md promises operators a complete list of what is stored. Hold it against the schema.
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import dataMd from "../../docs/DATA.md?raw";
import * as tables from "../../schema/tables.ts";
import { documentedFields } from "./data-md.ts";

function schemaColumns(): string[] {
  return (Object.values(tables) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns.map((column) => `${config.name}.${column.name}`);
    })
    .sort();
}

function documentedColumns(): string[] {
  return documentedFields(dataMd)
    .d1.map(({ field, why, kept }) => {
      // Every row says why and for how long.
      expect(why.length, `${field} why`).toBeGreaterThan(3);
      expect(kept.length, `${field} kept`).toBeGreaterThan(3);
      return field;
    })
    .sort();
}

describe("docs/DATA.md", () => {
  it("lists exactly the D1 columns the schema defines", () => {
    expect(schemaColumns().length).toBeGreaterThan(10);
    expect(documentedColumns()).toEqual(schemaColumns());
  });
});
