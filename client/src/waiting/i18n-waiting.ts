// The patient's words after entering the waiting room, loaded with the waiting screen, so the join page's
// first load does not carry them.
import { addMessages } from "../shared/i18n.ts";

const en = {
  positionInQueue: "Your place in the queue:",
  waitedFor: "Waiting for {time}",
  leaveWaitingRoom: "Leave the waiting room",
  leftWaitingRoom: "You have left the waiting room. Your provider no longer sees you waiting.",
  enterAgainButton: "Enter the waiting room again",
  providerNotHereYet: "Your provider is not online yet. Keep this page open: you keep your place in the queue.",
  alreadyAdmitted: "You have already been let in to your consultation. If it closed, open your invite link again.",
  removedWaiting: "You were removed from this consultation and cannot rejoin it.",
  denied: "Your provider could not admit you. Please contact the practice.",
  replacedWaiting: "You entered the waiting room in another window. Continue there.",
  enterAgain: "The connection to the waiting room was lost. Please enter it again.",
  providerAvailable: "Your provider knows you are here and will let you in shortly.",
  providerBusy: "Your provider is in another consultation and will let you in after it.",
  providerAway: "Your provider is away for a moment. You keep your place in the queue.",
  providerAddsYou: "Your provider is in the consultation and will add you to it shortly.",
  callEndedWaiting: "The consultation you were invited to has ended. This link no longer works.",
  practiceSays: "Message from the practice",
  noticeFromPractice: "The practice writes",
  onHold: "Please wait: your provider has put you on hold. You keep your place.",
  deniedAskAgainAt: "You can ask again from {time}.",
  askAgain: "Ask again",
  waitedTooLong:
    "You have waited longer than the practice allows, so you were taken out of the waiting room. Please contact the practice.",
  tooManyMessages: "This page sent too many messages and was disconnected. Please reload it.",
  transferredTo: "You have been moved to the waiting room of {name}. You keep your waiting time.",
  admittedTitle: "You are being let in",
  alreadyInCall: "You are already in your consultation, in another window or on another device.",
  alreadyInCallHelp: "Continue there, or move the call to this window: the other window then leaves the call.",
  moveCallHere: "Move the call here",
  sealingMismatch:
    "To protect your privacy, your name was not sent: the practice's keys did not match your link. The practice sees you waiting without a name; you can tell them your name in the call. You keep your place in the queue.",
};

export type WaitingMessageKey = keyof typeof en;

declare module "../shared/i18n.ts" {
  interface FeatureMessageKeys {
    waiting: WaitingMessageKey;
  }
}

const de: Record<WaitingMessageKey, string> = {
  positionInQueue: "Ihr Platz in der Warteschlange:",
  waitedFor: "Sie warten seit {time}",
  leaveWaitingRoom: "Wartezimmer verlassen",
  leftWaitingRoom: "Sie haben das Wartezimmer verlassen. Ihre Praxis sieht Sie nicht mehr als wartend.",
  enterAgainButton: "Wieder ins Wartezimmer",
  providerNotHereYet:
    "Ihre Praxis ist noch nicht online. Lassen Sie diese Seite geöffnet: Ihr Platz in der Warteschlange bleibt erhalten.",
  alreadyAdmitted:
    "Sie wurden bereits in Ihre Sprechstunde hereingebeten. Falls sie geschlossen wurde, öffnen Sie Ihren Einladungslink erneut.",
  removedWaiting: "Sie wurden aus dieser Sprechstunde entfernt und können ihr nicht wieder beitreten.",
  denied: "Sie konnten nicht hereingebeten werden. Bitte wenden Sie sich an die Praxis.",
  replacedWaiting: "Sie haben das Wartezimmer in einem anderen Fenster betreten. Bitte fahren Sie dort fort.",
  enterAgain: "Die Verbindung zum Wartezimmer ist abgebrochen. Bitte betreten Sie es erneut.",
  providerAvailable: "Ihre Praxis weiß, dass Sie da sind, und bittet Sie gleich herein.",
  providerBusy: "Ihre Praxis ist gerade in einer anderen Sprechstunde und bittet Sie danach herein.",
  providerAway: "Ihre Praxis ist kurz abwesend. Ihr Platz in der Warteschlange bleibt erhalten.",
  providerAddsYou: "Ihre Praxis ist in der Sprechstunde und holt Sie gleich dazu.",
  callEndedWaiting: "Die Sprechstunde, zu der Sie eingeladen wurden, ist beendet. Dieser Link gilt nicht mehr.",
  practiceSays: "Nachricht der Praxis",
  noticeFromPractice: "Die Praxis schreibt",
  onHold: "Bitte warten Sie: Ihre Praxis hat Sie kurz zurückgestellt. Ihr Platz bleibt erhalten.",
  deniedAskAgainAt: "Sie können ab {time} Uhr erneut anfragen.",
  askAgain: "Erneut anfragen",
  waitedTooLong:
    "Sie haben länger gewartet, als die Praxis erlaubt, und wurden aus dem Wartezimmer genommen. Bitte wenden Sie sich an die Praxis.",
  tooManyMessages: "Diese Seite hat zu viele Nachrichten gesendet und wurde getrennt. Bitte laden Sie sie neu.",
  transferredTo: "Sie wurden in das Wartezimmer von {name} verlegt. Ihre Wartezeit bleibt erhalten.",
  admittedTitle: "Sie werden hereingebeten",
  alreadyInCall: "Sie sind bereits in Ihrer Sprechstunde, in einem anderen Fenster oder auf einem anderen Gerät.",
  alreadyInCallHelp:
    "Fahren Sie dort fort, oder holen Sie das Gespräch in dieses Fenster: Das andere Fenster verlässt es dann.",
  moveCallHere: "Gespräch hierher holen",
  sealingMismatch:
    "Zum Schutz Ihrer Daten wurde Ihr Name nicht übermittelt: Die Schlüssel der Praxis passten nicht zu Ihrem Link. Die Praxis sieht Sie ohne Namen im Wartezimmer; Sie können Ihren Namen im Gespräch nennen. Ihr Platz in der Warteschlange bleibt erhalten.",
};

addMessages({ en, de });
