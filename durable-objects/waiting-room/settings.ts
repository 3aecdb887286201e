// The waiting room's settings in its own storage: read once per wake-up, written when the worker sets
// them. Three numbers and a flag, nothing about a person (docs/DATA.md).
import { DEFAULT_WAITING_ROOM_SETTINGS, WaitingRoomSettings } from "../../schema/room-settings.ts";

const KEY = "settings";

/**
 * How long the settings are kept after they were last set. A room nobody opened for that long forgets
 * them; the next dashboard or patient to arrive sets them again.
 */
export const SETTINGS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

interface Stored {
  settings: WaitingRoomSettings;
  until: number;
}

export class RoomSettings {
  private constructor(
    private stored: Stored | undefined,
    private readonly storage: Pick<DurableObjectStorage, "put" | "delete">,
  ) {}

  static async load(storage: DurableObjectStorage): Promise<RoomSettings> {
    const raw = await storage.get<Stored>(KEY);
    // Written by an older version in another shape: as good as unset, and set again soon.
    if (!raw) return new RoomSettings(undefined, storage);
    const parsed = WaitingRoomSettings.safeParse(raw.settings);
    const stored =
      parsed.success && typeof raw.until === "number" ? { settings: parsed.data, until: raw.until } : undefined;
    return new RoomSettings(stored, storage);
  }

  /** The practice's settings, or the defaults until they reached the room. */
  get current(): WaitingRoomSettings {
    return this.stored?.settings ?? DEFAULT_WAITING_ROOM_SETTINGS;
  }

  /** Whether the practice's settings have reached the room (and not expired since). */
  get known(): boolean {
    return this.stored !== undefined;
  }

  set(settings: WaitingRoomSettings, now: number): void {
    this.stored = { settings, until: now + SETTINGS_KEPT_MS };
    // Output gates hold the room's replies until this write is durable: no await needed.
    void this.storage.put(KEY, this.stored);
  }

  /** Forgets the settings once their time is up; returns when that will be. */
  expire(now: number): number | undefined {
    if (this.stored && this.stored.until <= now) {
      this.stored = undefined;
      void this.storage.delete(KEY);
    }
    return this.stored?.until;
  }
}
