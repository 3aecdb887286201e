// The provider's words for adding someone waiting (an interpreter, a relative) to the running call,
// loaded with the call's waiting list (provider-only and lazy): nobody else's pages carry them.
import { addMessages } from "../shared/i18n.ts";

const en = {
  waitingForThisCall: "Waiting to join this call",
  addToCall: "Add to this call",
  addToCallFull: "This call is full: at most five people can take part.",
  addToCallLocked: "This call is locked. Unlock it to add someone.",
  addToCallEnded: "They could not be added: they left, or the call has ended.",
  addToCallForbidden: "Only the provider who moderates this call can add someone.",
  addToCallFailed: "They could not be added. Please try again.",
} as const;

export type AddToCallMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    addToCall: AddToCallMessageKey;
  }
}

const de: Record<AddToCallMessageKey, string> = {
  waitingForThisCall: "Warten auf dieses Gespräch",
  addToCall: "Zu diesem Gespräch hinzufügen",
  addToCallFull: "Dieses Gespräch ist voll: Höchstens fünf Personen können teilnehmen.",
  addToCallLocked: "Dieses Gespräch ist gesperrt. Heben Sie die Sperre auf, um jemanden hinzuzufügen.",
  addToCallEnded: "Das Hinzufügen hat nicht geklappt: Die Person ist gegangen oder das Gespräch ist beendet.",
  addToCallForbidden: "Nur wer dieses Gespräch moderiert, kann jemanden hinzufügen.",
  addToCallFailed: "Das Hinzufügen hat nicht geklappt. Bitte erneut versuchen.",
};

addMessages({ en, de });
