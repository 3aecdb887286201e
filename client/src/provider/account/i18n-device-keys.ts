// The account page's words for the devices that can read patients' names (issue 25). Their own
// dictionary, loaded with the account page: never on the patient's path.
import { addMessages } from "../../shared/i18n.ts";

const en = {
  deviceKeysHeading: "Devices that can read patients' names",
  deviceKeysExplain:
    "The names patients type are encrypted in the patient's own browser to the keys of these devices, so Anteroom's servers cannot read them. A device not listed here shows “Name visible on your other devices” instead. To be sure a key really is that device's, compare its fingerprint with the one this page shows on that device. A key unused for 90 days lapses; the device then makes a new one the next time Anteroom opens there.",
  deviceKeysEmpty: "No device has a key yet.",
  deviceKeyFingerprint: "Fingerprint",
  deviceKeyLastUsed: "Last used",
  deviceKeyAdded: "added",
  deviceKeyRemove: "Remove",
  deviceKeyRemoveOf: "Remove: {label}, {fingerprint}",
  deviceKeyRemoveQuestion:
    "Remove the key of {label}? Names already sealed to it can no longer be read there, and new names are no longer sealed to it.",
  deviceKeyRemoveThisQuestion:
    "Remove this device's key? Names already sealed to it can no longer be read here. This browser makes a new key the next time Anteroom opens here.",
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
    "Namen, die Patientinnen und Patienten eingeben, werden schon in deren Browser für die Schlüssel dieser Geräte verschlüsselt; die Server von Anteroom können sie nicht lesen. Ein Gerät, das hier nicht steht, zeigt stattdessen „Name auf Ihren anderen Geräten sichtbar“. Um sicherzugehen, dass ein Schlüssel wirklich zu diesem Gerät gehört, vergleichen Sie seinen Fingerabdruck mit dem, den diese Seite auf dem Gerät selbst zeigt. Ein Schlüssel, der 90 Tage nicht benutzt wurde, verfällt; das Gerät erzeugt dann einen neuen, wenn Anteroom dort das nächste Mal geöffnet wird.",
  deviceKeysEmpty: "Noch kein Gerät hat einen Schlüssel.",
  deviceKeyFingerprint: "Fingerabdruck",
  deviceKeyLastUsed: "Zuletzt benutzt",
  deviceKeyAdded: "hinzugefügt",
  deviceKeyRemove: "Entfernen",
  deviceKeyRemoveOf: "Entfernen: {label}, {fingerprint}",
  deviceKeyRemoveQuestion:
    "Den Schlüssel von {label} entfernen? Bereits dafür verschlüsselte Namen lassen sich dort nicht mehr lesen, und neue Namen werden nicht mehr dafür verschlüsselt.",
  deviceKeyRemoveThisQuestion:
    "Den Schlüssel dieses Geräts entfernen? Bereits dafür verschlüsselte Namen lassen sich hier nicht mehr lesen. Dieser Browser erzeugt einen neuen Schlüssel, wenn Anteroom hier das nächste Mal geöffnet wird.",
  deviceKeyRemoveConfirm: "Schlüssel entfernen",
  deviceKeyKeep: "Behalten",
  deviceKeyRemoved: "Schlüssel entfernt: {label}.",
  deviceKeyRemovedThis:
    "Der Schlüssel dieses Geräts ist entfernt. Dieser Browser erzeugt einen neuen Schlüssel, wenn Anteroom hier das nächste Mal geöffnet wird.",
  deviceKeyMismatch:
    "Der Server führt den Schlüssel dieses Geräts mit einem anderen Fingerabdruck, als dieser Browser ihn hat. Bitte melden Sie das der Stelle, die Anteroom für Sie betreibt.",
};

addMessages({ en, de });
