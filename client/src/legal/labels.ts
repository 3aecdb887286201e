// The legal pages' own words around their texts, both languages in the pages' chunk (legal-text.ts).
import type { Language } from "../shared/i18n.ts";
import type { LegalLabels } from "./legal-text.ts";

export const labels: Record<Language, LegalLabels> = {
  en: {
    operatorName: "Operator",
    operatorAddress: "Address",
    operatorContact: "Contact",
    operatorDpo: "Data protection officer",
    operatorAuthority: "Supervisory authority",
    notConfigured: "not configured yet",
    incomplete:
      "The operator of this service has not yet filled in all of its details. Until it has, the missing ones are marked “not configured yet”.",
    loadFailed: "The operator's details could not be loaded. Please reload the page.",
    loading: "Loading the operator's details…",
    tableCaption: "Stored data: what, where, why and for how long",
    columnWhat: "What",
    columnWhere: "Where",
    columnWhy: "Why",
    columnKept: "How long",
    placeD1: "Database (Cloudflare D1)",
    placeMemory: "Server memory of the waiting room or call",
    placeStorage: "Server storage of the waiting room or call (ids and deadlines)",
    placeBrowser: "Your browser",
    recovery:
      "Deleted from the database, a row can still be restored for {days} days through the database's point-in-time recovery (Cloudflare D1 Time Travel), which only the operator can use, for example after a fault; after that it is gone for good. Picture, sound, chat and files never reach a server and are therefore in no backup.",
  },
  de: {
    operatorName: "Betreiber",
    operatorAddress: "Anschrift",
    operatorContact: "Kontakt",
    operatorDpo: "Datenschutzbeauftragte/r",
    operatorAuthority: "Aufsichtsbehörde",
    notConfigured: "noch nicht eingetragen",
    incomplete:
      "Der Betreiber dieses Dienstes hat seine Angaben noch nicht vollständig eingetragen. Bis dahin sind fehlende Angaben mit „noch nicht eingetragen“ gekennzeichnet.",
    loadFailed: "Die Angaben des Betreibers konnten nicht geladen werden. Bitte laden Sie die Seite neu.",
    loading: "Die Angaben des Betreibers werden geladen …",
    tableCaption: "Gespeicherte Daten: was, wo, wozu und wie lange",
    columnWhat: "Was",
    columnWhere: "Wo",
    columnWhy: "Wozu",
    columnKept: "Wie lange",
    placeD1: "Datenbank (Cloudflare D1)",
    placeMemory: "Arbeitsspeicher des Servers von Wartezimmer oder Gespräch",
    placeStorage: "Speicher des Servers von Wartezimmer oder Gespräch (Kennungen und Fristen)",
    placeBrowser: "Ihr Browser",
    recovery:
      "Eine aus der Datenbank gelöschte Zeile kann noch {days} Tage lang über die zeitpunktgenaue Wiederherstellung der Datenbank (Cloudflare D1 Time Travel) zurückgeholt werden, die nur der Betreiber nutzen kann, etwa nach einer Störung; danach ist sie endgültig gelöscht. Bild, Ton, Chat und Dateien erreichen nie einen Server und sind daher in keiner Sicherung.",
  },
};
