// The practice's settings as the waiting room reads them, kept in the room's own storage: read once per
// wake-up, written when the worker sets them (three numbers and a flag, nothing about a person;
// docs/DATA.md). Every read goes through here.
import { DEFAULT_WAITING_ROOM_SETTINGS, sameSettings, WaitingRoomSettings } from "../../schema/room-settings.ts";

const KEY = "settings";

/**
 * How long the settings are kept after they were last set. A room nobody opened for that long forgets
 * them; the next dashboard or patient to arrive sets them again.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
export const SETTINGS_KEPT_MS = 30 * DAY_MS;

interface Stored {
  settings: WaitingRoomSettings;
  until: number;
}

/** The part of Durable Object storage the settings use. */
interface SettingsStorage {
  put(key: string, value: Stored): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/** Stands in for storage where nothing needs to last (the room's unit tests). */
const NOWHERE: SettingsStorage = { put: async () => {}, delete: async () => {} };

export class RoomSettings {
  private constructor(
    private stored: Stored | undefined,
    private readonly storage: SettingsStorage,
  ) {}

  static async load(storage: DurableObjectStorage): Promise<RoomSettings> {
    const raw = await storage.get<Stored>(KEY);
    if (!raw) return new RoomSettings(undefined, storage);
    // Written by an older version in another shape: as good as unset, and set again soon.
    const parsed = WaitingRoomSettings.safeParse(raw.settings);
    const stored =
      parsed.success && typeof raw.until === "number" ? { settings: parsed.data, until: raw.until } : undefined;
    return new RoomSettings(stored, storage);
  }

  /** Settings held in memory only: `settings` over the defaults, as if set now. */
  static inMemory(settings: Partial<WaitingRoomSettings> = {}): RoomSettings {
    const stored = { settings: { ...DEFAULT_WAITING_ROOM_SETTINGS, ...settings }, until: Number.POSITIVE_INFINITY };
    return new RoomSettings(stored, NOWHERE);
  }

  /** The practice's settings, or the defaults until they reached the room. */
  get current(): WaitingRoomSettings {
    return this.stored?.settings ?? DEFAULT_WAITING_ROOM_SETTINGS;
  }

  /** Whether the practice's settings have reached the room (and not expired since). */
  get known(): boolean {
    return this.stored !== undefined;
  }

  /** How long a patient may wait. */
  idleLimitMs(): number {
    return this.current.idleLimitMs;
  }

  /** How long a denied link must wait before it may ask again; 0: at once. */
  denyPauseMs(): number {
    return this.current.denyPauseMs;
  }

  /** How long the consultations admitted here may last. */
  consultationLimitMs(): number {
    return this.current.consultationLimitMs;
  }

  set(settings: WaitingRoomSettings, now: number): void {
    // Every dashboard that connects sets them: the same settings are written again only once a day.
    const kept = this.stored;
    if (kept && sameSettings(kept.settings, settings) && kept.until - now > SETTINGS_KEPT_MS - DAY_MS) return;
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
