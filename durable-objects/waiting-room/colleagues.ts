// The practice's other members, whom a waiting patient can be moved to: looked up in D1 when a dashboard
// opens and again at the moment of a transfer, never carried in a socket (a list in an attachment would
// be stale, and workerd caps attachments at 16 KB).
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { alias } from "drizzle-orm/sqlite-core";
import type { WaitingRoomToProvider } from "../../schema/messages.ts";
import { providers } from "../../schema/tables.ts";

export type Colleague = Extract<WaitingRoomToProvider, { type: "colleagues" }>["colleagues"][number];

/** What a transfer's target is now: a colleague, an account that no longer exists, or someone else's. */
export type TransferTarget = Colleague | "gone" | "stranger";

export interface ColleagueDirectory {
  /**
   * The practice's other confirmed members, by name: whom this provider may move patients to. A list
   * known at once (tests) lets a dashboard open at once.
   */
  of(providerId: string): Colleague[] | Promise<Colleague[]>;
  /** Whether `colleagueId` is one of them right now. */
  find(providerId: string, colleagueId: string): Promise<TransferTarget>;
}

export function colleagueDirectory(d1: D1Database): ColleagueDirectory {
  const db = drizzle(d1);
  const provider = alias(providers, "provider");
  return {
    of: (providerId) =>
      db
        .select({ id: providers.id, name: providers.displayName })
        .from(providers)
        .innerJoin(provider, eq(provider.practiceId, providers.practiceId))
        .where(and(eq(provider.id, providerId), ne(providers.id, providerId), isNotNull(providers.emailConfirmedAt)))
        .orderBy(asc(providers.displayName)),
    async find(providerId, colleagueId) {
      const [row] = await db
        .select({
          id: providers.id,
          name: providers.displayName,
          confirmed: providers.emailConfirmedAt,
          samePractice: sql<number | null>`${providers.practiceId} = ${provider.practiceId}`,
        })
        .from(providers)
        .leftJoin(provider, eq(provider.id, providerId))
        .where(eq(providers.id, colleagueId))
        .limit(1);
      if (!row) return "gone";
      if (row.samePractice !== 1 || row.confirmed === null || colleagueId === providerId) return "stranger";
      return { id: row.id, name: row.name };
    },
  };
}

/** A directory over a fixed list, for tests and rooms that do not move patients. */
export function fixedDirectory(colleagues: Colleague[] = []): ColleagueDirectory {
  return {
    of: (providerId) => colleagues.filter((c) => c.id !== providerId),
    find: async (providerId, colleagueId) =>
      colleagues.find((c) => c.id === colleagueId && c.id !== providerId) ?? "stranger",
  };
}
