// The account page's words for the devices that can read patients' names (issue 25). Their own
// dictionary, loaded with the account page: never on the patient's path.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  deviceKeysHeading: "Devices that can read patients' names",
  deviceKeysExplain:
    "Only these devices can see the names patients type. Each name is encrypted in the patient's browser for these devices, so Anteroom's servers cannot read it; another browser shows “Name visible on your other devices” instead. To check that a key is really that device's, compare its fingerprint with the one this page shows on the device itself. A key unused for 90 days lapses.",
  deviceKeysEmpty: "No device has a key yet.",
  deviceKeyFingerprint: "Fingerprint",
  deviceKeyLastUsed: "Last used",
  deviceKeyAdded: "added",
  deviceKeyRemove: "Remove",
  deviceKeyRemoveOf: "Remove: {label}, {fingerprint}",
  deviceKeyRemoveQuestion:
    "Remove the key of {label}? Names of patients who arrive from now on are no longer encrypted for it, and that browser is logged out.",
  deviceKeyRemoveThisQuestion:
    "Remove this device's key? This browser forgets it, so names encrypted for it can no longer be read here. It makes a new key the next time Anteroom opens here.",
  deviceKeyRemoveConfirm: "Remove key",
  deviceKeyKeep: "Keep it",
  deviceKeyRemoved: "Key removed: {label}.",
  deviceKeyRemovedThis: "This device's key is removed. This browser makes a new key the next time Anteroom opens here.",
  deviceKeyMismatch:
    "The server lists this device's key with another fingerprint than the one this browser holds. Please tell whoever runs Anteroom for you.",
};

export type DeviceKeysMessageKey = keyof typeof en;

declare module "../../shared/i18n.ts" {
  interface FeatureMessageKeys {
    deviceKeys: DeviceKeysMessageKey;
  }
}

const de: Record<DeviceKeysMessageKey, string> = {
  deviceKeysHeading: "Geräte, die Patientennamen lesen können",
  deviceKeysExplain:
    "Nur diese Geräte sehen die Namen, die Patientinnen und Patienten eingeben. Jeder Name wird schon in deren Browser für diese Geräte verschlüsselt; die Server von Anteroom können ihn nicht lesen, ein anderer Browser zeigt stattdessen „Name auf Ihren anderen Geräten sichtbar“. Um zu prüfen, dass ein Schlüssel wirklich zu diesem Gerät gehört, vergleichen Sie seinen Fingerabdruck mit dem, den diese Seite auf dem Gerät selbst zeigt. Ein Schlüssel, der 90 Tage nicht benutzt wurde, verfällt.",
  deviceKeysEmpty: "Noch kein Gerät hat einen Schlüssel.",
  deviceKeyFingerprint: "Fingerabdruck",
  deviceKeyLastUsed: "Zuletzt benutzt",
  deviceKeyAdded: "hinzugefügt",
  deviceKeyRemove: "Entfernen",
  deviceKeyRemoveOf: "Entfernen: {label}, {fingerprint}",
  deviceKeyRemoveQuestion:
    "Den Schlüssel von {label} entfernen? Namen von Patientinnen und Patienten, die ab jetzt kommen, werden nicht mehr dafür verschlüsselt, und dieser Browser wird abgemeldet.",
  deviceKeyRemoveThisQuestion:
    "Den Schlüssel dieses Geräts entfernen? Dieser Browser vergisst ihn, Namen, die dafür verschlüsselt wurden, lassen sich hier nicht mehr lesen. Er erzeugt einen neuen Schlüssel, wenn Anteroom hier das nächste Mal geöffnet wird.",
  deviceKeyRemoveConfirm: "Schlüssel entfernen",
  deviceKeyKeep: "Behalten",
  deviceKeyRemoved: "Schlüssel entfernt: {label}.",
  deviceKeyRemovedThis:
    "Der Schlüssel dieses Geräts ist entfernt. Dieser Browser erzeugt einen neuen Schlüssel, wenn Anteroom hier das nächste Mal geöffnet wird.",
  deviceKeyMismatch:
    "Der Server führt den Schlüssel dieses Geräts mit einem anderen Fingerabdruck, als dieser Browser ihn hat. Bitte melden Sie das der Stelle, die Anteroom für Sie betreibt.",
};

addMessages({ en, de });
