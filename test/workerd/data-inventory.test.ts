// docs/DATA.md promises operators a complete list of what is stored. Hold it against the schema.
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import dataMd from "../../docs/DATA.md?raw";
import * as tables from "../../schema/tables.ts";

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
  const section = dataMd.split("## D1")[1]!.split("\n## ")[0]!;
  return [...section.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \| ([^|]+) \| ([^|]+) \|$/gm)]
    .map((match) => {
      // Every row says why and for how long.
      expect(match[2]!.trim().length, `${match[1]} why`).toBeGreaterThan(3);
      expect(match[3]!.trim().length, `${match[1]} kept`).toBeGreaterThan(3);
      return match[1]!;
    })
    .sort();
}

describe("docs/DATA.md", () => {
  it("lists exactly the D1 columns the schema defines", () => {
    expect(schemaColumns().length).toBeGreaterThan(10);
    expect(documentedColumns()).toEqual(schemaColumns());
  });
});
