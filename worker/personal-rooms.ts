// Personal rooms: a provider's standing link /r/<practice short name>/<room name> for walk-in patients.
// Found only while switched on, by a confirmed member who may admit (the practice's 2FA rule met):
// anything else, including a link that never existed, is one and the same "unavailable".
import { and, eq, isNotNull, ne, or } from "drizzle-orm";
import { isRoomName, suggestRoomName } from "../schema/personal-room.ts";
import { practices, providers } from "../schema/tables.ts";
import type { Database } from "./db.ts";

const lower = (part: string) => part.toLowerCase();

/** The provider and practice behind an open personal room, or undefined. */
export async function findOpenRoom(db: Database, practicePart: string, roomPart: string) {
  const practice = lower(practicePart);
  const room = lower(roomPart);
  // Names that break the rule were never saved: no query for them.
  if (!isRoomName(room) || practice.length === 0 || practice.length > 64) return undefined;
  const [row] = await db
    .select({
      provider: { id: providers.id, displayName: providers.displayName },
      practice: {
        id: practices.id,
        name: practices.name,
        brandName: practices.brandName,
        brandColour: practices.brandColour,
        contactLine: practices.contactLine,
        sharedWaitingRoom: practices.sharedWaitingRoom,
        waitingIdleLimitMinutes: practices.waitingIdleLimitMinutes,
      },
    })
    .from(providers)
    .innerJoin(practices, eq(practices.id, providers.practiceId))
    .where(
      and(
        eq(practices.shortName, practice),
        eq(providers.personalRoomName, room),
        eq(providers.personalRoomOn, true),
        isNotNull(providers.emailConfirmedAt),
        // A member who may not admit (2FA required, not set up) has no open room either.
        or(eq(practices.requireTotp, false), isNotNull(providers.totpEnabledAt)),
      ),
    )
    .limit(1);
  return row;
}

/** The room names the provider's colleagues use. */
export async function colleaguesRoomNames(db: Database, providerId: string, practiceId: string) {
  const rows = await db
    .select({ name: providers.personalRoomName })
    .from(providers)
    .where(
      and(eq(providers.practiceId, practiceId), ne(providers.id, providerId), isNotNull(providers.personalRoomName)),
    );
  return new Set(rows.flatMap((row) => (row.name ? [row.name] : [])));
}

/** The provider's room name, or a suggestion from their display name that no colleague uses. */
export async function roomNameOf(
  db: Database,
  provider: { id: string; practiceId: string; displayName: string; personalRoomName: string | null },
) {
  if (provider.personalRoomName) return { name: provider.personalRoomName, saved: true };
  const taken = await colleaguesRoomNames(db, provider.id, provider.practiceId);
  return { name: suggestRoomName(provider.displayName, taken), saved: false };
}
