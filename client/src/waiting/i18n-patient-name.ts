// How a waiting patient's name reads when this device cannot show it (issue 25: the server never has it),
// loaded with the screens that list those waiting (the dashboard, the call's waiting list).
import { addMessages } from "../shared/i18n.ts";

const en = {
  nameOnOtherDevices: "Name visible on your other devices",
  nameNotShared: "Name not shared",
  namePending: "Patient",
  nameGuestPending: "Guest",
} as const;

export type PatientNameMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    patientName: PatientNameMessageKey;
  }
}

const de: Record<PatientNameMessageKey, string> = {
  nameOnOtherDevices: "Name auf Ihren anderen Geräten sichtbar",
  nameNotShared: "Name nicht übermittelt",
  namePending: "Patient:in",
  nameGuestPending: "Gast",
};

addMessages({ en, de });
