// The time zone choice, as a person reads it: "Berlin — Central European Time (GMT+1)" under
// "Europe", with this device's own zone first. The option's value stays the IANA name the server keeps.

export type ZoneArea =
  | "Europe"
  | "America"
  | "Africa"
  | "Asia"
  | "Australia"
  | "Pacific"
  | "Atlantic"
  | "Indian"
  | "Antarctica"
  | "Arctic"
  | "Other";

/** Europe first (most providers practise there), then the continents, the oceans, the poles, and the rest (UTC). */
export const AREA_ORDER: readonly ZoneArea[] = [
  "Europe",
  "America",
  "Africa",
  "Asia",
  "Australia",
  "Pacific",
  "Atlantic",
  "Indian",
  "Antarctica",
  "Arctic",
  "Other",
];

export interface ZoneOption {
  /** The IANA name, sent to the server. */
  value: string;
  label: string;
}

export interface ZoneGroup {
  area: ZoneArea;
  options: ZoneOption[];
}

export interface ZoneChoices {
  /** This device's zone, offered first; absent when the browser does not say. */
  device: ZoneOption | undefined;
  groups: ZoneGroup[];
}

function areaOf(zone: string): ZoneArea {
  const head = zone.split("/")[0] ?? "";
  const area = AREA_ORDER.find((candidate) => candidate === head);
  // "UTC", "Etc/GMT+3" and the like have no place on a map.
  return area && zone.includes("/") ? area : "Other";
}

/**
 * Zones renamed since, and the name their places go by now. Browsers still list some under the old
 * spelling (Chrome says "Europe/Kiev"): the value stays what the browser knows, the label says the place
 * as people write it today.
 */
const RENAMED: Readonly<Record<string, string>> = {
  "Europe/Kiev": "Europe/Kyiv",
  "Europe/Uzhgorod": "Europe/Uzhhorod",
  "Europe/Zaporozhye": "Europe/Zaporizhzhia",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "America/Godthab": "America/Nuuk",
  "Africa/Asmera": "Africa/Asmara",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Enderbury": "Pacific/Kanton",
};

/** Places whose IANA spelling drops their apostrophes, accents or dots. */
const PLACE_NAMES: Readonly<Record<string, string>> = {
  "Antarctica/DumontDUrville": "Dumont d'Urville",
  "America/St_Johns": "St. John's",
  "America/St_Barthelemy": "St. Barthélemy",
  "America/St_Kitts": "St. Kitts",
  "America/St_Lucia": "St. Lucia",
  "America/St_Thomas": "St. Thomas",
  "America/St_Vincent": "St. Vincent",
  "America/Lower_Princes": "Lower Prince's Quarter",
  "Europe/Busingen": "Büsingen",
  "Africa/El_Aaiun": "El Aaiún",
  "America/Bahia_Banderas": "Bahía de Banderas",
  "America/Merida": "Mérida",
  "America/Sao_Paulo": "São Paulo",
  "America/Asuncion": "Asunción",
  "America/Bogota": "Bogotá",
  "America/Cancun": "Cancún",
  "America/Curacao": "Curaçao",
  "Atlantic/Reykjavik": "Reykjavík",
  "Pacific/Galapagos": "Galápagos",
};

/** "Buenos Aires, Argentina" for America/Argentina/Buenos_Aires; "UTC" for UTC; "Kyiv" for Europe/Kiev. */
function placeName(zone: string): string {
  const known = PLACE_NAMES[zone];
  if (known) return known;
  const parts = (RENAMED[zone] ?? zone).split("/");
  const places = parts.length > 1 ? parts.slice(1).reverse() : parts;
  return places.join(", ").replaceAll("_", " ");
}

/** The zone's name in this language and its offset now, e.g. "Mitteleuropäische Zeit (GMT+1)". */
function zoneName(zone: string, locale: string, now: Date): string {
  const part = (style: "longGeneric" | "shortOffset") => {
    try {
      return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
        .formatToParts(now)
        .find((p) => p.type === "timeZoneName")?.value;
    } catch {
      // A zone this browser does not know (saved from another one): its IANA name still says enough.
      return undefined;
    }
  };
  const name = part("longGeneric");
  const offset = part("shortOffset");
  if (!name || !offset) return name ?? offset ?? "";
  // UTC's generic name is its offset already ("GMT+00:00"): say it once.
  return name.startsWith("GMT") ? offset : `${name} (${offset})`;
}

export function zoneLabel(zone: string, locale: string, now: Date = new Date()): string {
  const name = zoneName(zone, locale, now);
  const place = placeName(zone);
  return name ? `${place} — ${name}` : place;
}

/**
 * The zones to choose from, grouped by area and sorted by place in this language. `current` (the
 * saved zone) and `device` are added when the browser's list lacks them (Chrome lists no "UTC").
 */
export function timeZoneChoices(
  known: readonly string[],
  options: { current: string; device: string | undefined; locale: string; now?: Date },
): ZoneChoices {
  const now = options.now ?? new Date();
  const device = options.device;
  // One entry per place: of a renamed zone's two spellings (browsers list some under both), the saved
  // one stays, else the device's, else the first listed.
  const modern = (zone: string) => RENAMED[zone] ?? zone;
  const places = new Set(device ? [modern(device)] : []);
  const all = new Set<string>();
  for (const zone of [options.current, ...known]) {
    if (zone === device || (zone !== options.current && places.has(modern(zone)))) continue;
    places.add(modern(zone));
    all.add(zone);
  }
  const byArea = new Map<ZoneArea, ZoneOption[]>();
  for (const zone of all) {
    const area = areaOf(zone);
    const list = byArea.get(area) ?? [];
    list.push({ value: zone, label: zoneLabel(zone, options.locale, now) });
    byArea.set(area, list);
  }
  const collator = new Intl.Collator(options.locale);
  const groups = AREA_ORDER.flatMap((area) => {
    const list = byArea.get(area);
    return list ? [{ area, options: list.sort((a, b) => collator.compare(a.label, b.label)) }] : [];
  });
  return {
    device: device ? { value: device, label: zoneLabel(device, options.locale, now) } : undefined,
    groups,
  };
}
