// German and English. The browser's language decides until the person picks one.
import { createSignal } from "solid-js";
import { pickLocale } from "./locale.ts";

const en = {
  appName: "Anteroom",
  language: "Deutsch",
  loading: "Loading…",
  retry: "Try again",
  // login
  loginTitle: "Provider login",
  email: "E-mail",
  password: "Password",
  logIn: "Log in",
  loggingIn: "Logging in…",
  logOut: "Log out",
  navProvider: "Your Anteroom",
  navDashboard: "Consultations",
  navAccount: "Account",
  navPractice: "Practice",
  // sign-up, login's second step, confirming the address, forgotten password, joining a practice
  loginForgotPassword: "Forgot your password?",
  loginSignupLink: "New to Anteroom? Create an account",
  loginResendConfirmation: "Send the confirmation link again",
  loginTotpTitle: "Two-factor authentication",
  loginTotpPrompt: "Enter the six-digit code your authenticator app shows for Anteroom.",
  loginTotpCode: "Six-digit code",
  loginRecoveryPrompt:
    "Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works only once.",
  loginRecoveryCode: "Recovery code",
  loginUseRecovery: "Use a recovery code instead",
  loginUseTotp: "Use the code from your app instead",
  loginVerify: "Continue",
  loginVerifying: "Checking…",
  loginStartOver: "Back to the login",
  authDisplayName: "Your name (shown to patients)",
  authPasswordHint: "At least {min} characters. A few unrelated words are easy to remember and hard to guess.",
  authSending: "Sending…",
  authLinkSent: "Sent. Please look in your inbox, and in your spam folder too.",
  authGoToLogin: "Go to the login",
  authLinkProblemTitle: "This link does not work",
  pageSignup: "Create an account",
  signupTitle: "Create your Anteroom account",
  signupIntro: "You become the admin of your practice and can invite colleagues later.",
  signupPractice: "Name of your practice",
  signupSubmit: "Create account",
  signupSubmitting: "Creating the account…",
  signupHaveAccount: "Already have an account? Log in",
  signupDoneTitle: "Check your inbox",
  signupDoneText:
    "We sent a message to {email}. Open the link in it within 24 hours to confirm your address; then you can log in.",
  signupResend: "Send the link again",
  pageConfirm: "Confirm your address",
  confirmChecking: "Confirming your address…",
  confirmDoneTitle: "Address confirmed",
  confirmDoneText: "Your account is ready: you can log in now.",
  confirmInvalidHelp: "If you have already confirmed your address, simply log in.",
  confirmResendTitle: "Get a new confirmation link",
  confirmResendSubmit: "Send a new link",
  confirmResendDone:
    "If an account for this address is waiting for confirmation, we sent it a new link (valid 24 hours).",
  pageForgotPassword: "Forgot password",
  forgotTitle: "Forgot your password?",
  forgotIntro: "Enter your account's address. We will send you a link to choose a new password.",
  forgotSubmit: "Send the link",
  forgotDoneTitle: "Check your inbox",
  forgotDoneText: "If an account exists for this address, we sent a link (valid 1 hour).",
  pageResetPassword: "Choose a password",
  resetTitle: "Choose your password",
  resetNewPassword: "New password",
  resetSubmit: "Save the password",
  resetSaving: "Saving…",
  resetDoneTitle: "Password saved",
  resetDoneText: "For your safety, all your sessions were ended: log in again on each of your devices.",
  resetNewLink: "Ask for a new link",
  pageJoinPractice: "Join a practice",
  joinPracticeTitle: "Join your practice on Anteroom",
  joinPracticeInvites: "{practice} invites you ({email}) as {role}.",
  joinPracticeRoleAdmin: "admin",
  joinPracticeRoleProvider: "provider",
  joinPracticeIntro: "Choose the name your patients see and a password for your account.",
  joinPracticeSubmit: "Create account and join",
  joinPracticeJoining: "Joining…",
  joinPracticeAskAgain: "Ask an admin of your practice to invite you again.",
  // dashboard
  dashboardTitle: "Your consultations",
  appointments: "Appointments",
  noAppointments: "No upcoming appointments. Schedule one to get an invite link.",
  newAppointment: "New appointment",
  title: "Title (only you see it)",
  start: "Start",
  duration: "Duration (minutes)",
  create: "Create and get link",
  cancel: "Cancel",
  inviteReady: "Invite link for the patient. Copy it now: for privacy it is shown only once.",
  inviteLinkLabel: "Invite link",
  copy: "Copy",
  copied: "Copied",
  newLink: "New link",
  waitingRoom: "Waiting room",
  nobodyWaiting: "Nobody is waiting.",
  admit: "Admit",
  waitingSince: "waiting since",
  connecting: "Connecting…",
  disconnected: "Connection lost. Reconnecting…",
  // patient
  joinTitle: "Your video consultation",
  withProvider: "with",
  at: "at",
  cameraCheck: "Camera and microphone",
  cameraOk: "Your camera and microphone work.",
  cameraDenied: "Camera or microphone access was blocked. Allow it in your browser's address bar, then try again.",
  cameraMissing: "No camera or microphone was found. Connect one, then try again.",
  cameraBusy: "Your camera or microphone is in use by another program. Close it, then try again.",
  cameraUnsupported: "This browser cannot make video calls. Please use a current Firefox, Chrome, Edge or Safari.",
  yourName: "Your name (shown to your provider)",
  consentText:
    "I agree to a video consultation. The call is end-to-end encrypted and peer to peer; it is not recorded, and no content of it is stored.",
  enterWaitingRoom: "Enter the waiting room",
  joining: "Entering…",
  waitingForProvider: "Waiting for your provider… You will be let in shortly.",
  positionInQueue: "Your place in the queue:",
  providerNotHereYet: "Your provider is not online yet. Keep this page open: you keep your place in the queue.",
  linkWithdrawn: "This link was withdrawn by your practice.",
  alreadyAdmitted: "You have already been let in to your consultation. If it closed, open your invite link again.",
  denied: "Your provider could not admit you. Please contact the practice.",
  inviteUnknown: "This link is not valid. Check that you copied it completely, or ask the practice for a new one.",
  inviteExpired: "This link has expired. Please ask the practice for a new one.",
  inviteRevoked: "This link was withdrawn by the practice. Please ask them for a new one.",
  inviteNotYetValid: "This link is not valid yet. It opens at",
  // call
  callTitle: "Consultation",
  callEndedTitle: "Consultation ended",
  waitingForPeer: "Waiting for the other side to connect…",
  peerLeft: "The other side has left.",
  endCall: "End consultation",
  leaveCall: "Leave",
  callEnded: "The consultation has ended.",
  callEndedNothingKept: "Nothing of it was recorded or stored.",
  backToDashboard: "Back to the dashboard",
  replaced: "You joined this consultation in another window.",
  replacedWaiting: "You entered the waiting room in another window. Continue there.",
  enterAgain: "The connection to the waiting room was lost. Please enter it again.",
  aloneTooLong: "Nobody else has been in the consultation for two minutes, so it was closed.",
  ticketMissing: "This consultation cannot be opened from here. Use your invite link again.",
  callLost: "The connection was lost and could not be restored.",
  reloadNeeded: "Anteroom has been updated. Please reload the page.",
  errorGeneric: "Something went wrong. Please try again.",
  callFull: "This consultation already has two participants.",
  connectionConnected: "Connected",
  connectionReconnecting: "Connection lost, reconnecting…",
  connectionFailed: "The video connection could not be established.",
  connectionFailedHelp:
    "A firewall or the network may be blocking it. Try another network, for example mobile data, or connect through a relay server.",
  relayOnlyOption:
    "Connect through a relay server: hides your IP address from the other side and often gets through firewalls.",
  // errors from the server, by code
  invalidInput: "Please check your entries.",
  bodyTooLarge: "That was too much text at once. Please shorten it.",
  wrongCredentials: "Wrong e-mail or password.",
  unauthenticated: "Please log in again.",
  rateLimited: "Too many attempts. Please wait a moment and try again.",
  rateLimitedFor: "Too many attempts. Please try again in {wait}.",
  consentOutdated: "The consent text has changed. Please reload the page and agree again.",
  appointmentOver: "This appointment is already over.",
  notFoundThing: "This no longer exists. Reload the page to see what is current.",
  crossSite: "This request did not come from Anteroom's own page, so it was refused. Open Anteroom directly.",
  relayUnavailable: "The connection service is not available right now. Please try again in a moment.",
  // page titles
  pageLogin: "Login",
  pageWaitingRoom: "Waiting room",
  pageNotFound: "Page not found",
  notFound: "This page does not exist. If you followed a link to a consultation, check that it is complete.",
  // account and practice errors
  errSignupClosed: "New accounts cannot be created here. Ask your practice for an invitation.",
  errPasswordTooShort: "The password must have at least 12 characters.",
  errPasswordTooCommon: "This password is too common. Please choose another one.",
  errEmailUnconfirmed: "Please confirm your e-mail address first: use the link we sent you.",
  errLinkInvalid: "This link is not valid or has already been used.",
  errLinkExpired: "This link has expired. Please ask for a new one.",
  errChallengeExpired: "That took too long. Please log in again.",
  errTotpInvalid: "That code is not right. Please check it and try again.",
  errTotpRequired: "Your practice requires two-factor authentication. Please set it up on your account page.",
  errTotpNotEnrolled: "Start setting up two-factor authentication first.",
  errTotpAlreadyEnabled: "Two-factor authentication is already on.",
  errTotpMandatory: "Your practice requires two-factor authentication, so it cannot be switched off.",
  errForbidden: "Only an admin of the practice may do this.",
  errLastAdmin: "The practice needs at least one admin.",
  errHandOverFirst: "You are the practice's only admin. Make a colleague admin first.",
  errEmailTaken: "There is already an account or an invitation for this address.",
} as const;

export type MessageKey = keyof typeof en;

const de: Record<MessageKey, string> = {
  appName: "Anteroom",
  language: "English",
  loading: "Lädt…",
  retry: "Erneut versuchen",
  loginTitle: "Anmeldung für Behandelnde",
  email: "E-Mail",
  password: "Passwort",
  logIn: "Anmelden",
  loggingIn: "Anmeldung läuft…",
  // Registrierung, zweiter Anmeldeschritt, Adressbestätigung, vergessenes Passwort, Praxisbeitritt
  loginForgotPassword: "Passwort vergessen?",
  loginSignupLink: "Neu bei Anteroom? Konto anlegen",
  loginResendConfirmation: "Bestätigungslink erneut senden",
  loginTotpTitle: "Zwei-Faktor-Anmeldung",
  loginTotpPrompt: "Geben Sie den sechsstelligen Code ein, den Ihre Authenticator-App für Anteroom anzeigt.",
  loginTotpCode: "Sechsstelliger Code",
  loginRecoveryPrompt:
    "Geben Sie einen der Wiederherstellungscodes ein, die Sie beim Einrichten der Zwei-Faktor-Anmeldung gespeichert haben. Jeder Code gilt nur einmal.",
  loginRecoveryCode: "Wiederherstellungscode",
  loginUseRecovery: "Stattdessen einen Wiederherstellungscode verwenden",
  loginUseTotp: "Stattdessen den Code aus der App verwenden",
  loginVerify: "Weiter",
  loginVerifying: "Wird geprüft…",
  loginStartOver: "Zurück zur Anmeldung",
  authDisplayName: "Ihr Name (wird Patientinnen und Patienten angezeigt)",
  authPasswordHint:
    "Mindestens {min} Zeichen. Einige Wörter ohne Zusammenhang lassen sich leicht merken und schwer erraten.",
  authSending: "Wird gesendet…",
  authLinkSent: "Gesendet. Bitte sehen Sie in Ihrem Posteingang nach, auch im Spam-Ordner.",
  authGoToLogin: "Zur Anmeldung",
  authLinkProblemTitle: "Dieser Link funktioniert nicht",
  pageSignup: "Konto anlegen",
  signupTitle: "Ihr Anteroom-Konto anlegen",
  signupIntro: "Sie verwalten Ihre Praxis als Admin und können später Kolleginnen und Kollegen einladen.",
  signupPractice: "Name Ihrer Praxis",
  signupSubmit: "Konto anlegen",
  signupSubmitting: "Konto wird angelegt…",
  signupHaveAccount: "Schon ein Konto? Anmelden",
  signupDoneTitle: "Sehen Sie in Ihren Posteingang",
  signupDoneText:
    "Wir haben eine Nachricht an {email} gesendet. Öffnen Sie den Link darin innerhalb von 24 Stunden, um Ihre Adresse zu bestätigen; danach können Sie sich anmelden.",
  signupResend: "Link erneut senden",
  pageConfirm: "Adresse bestätigen",
  confirmChecking: "Ihre Adresse wird bestätigt…",
  confirmDoneTitle: "Adresse bestätigt",
  confirmDoneText: "Ihr Konto ist bereit: Sie können sich jetzt anmelden.",
  confirmInvalidHelp: "Wenn Sie Ihre Adresse schon bestätigt haben, melden Sie sich einfach an.",
  confirmResendTitle: "Neuen Bestätigungslink anfordern",
  confirmResendSubmit: "Neuen Link senden",
  confirmResendDone:
    "Wenn ein Konto mit dieser Adresse auf Bestätigung wartet, haben wir ihm einen neuen Link gesendet (24 Stunden gültig).",
  pageForgotPassword: "Passwort vergessen",
  forgotTitle: "Passwort vergessen?",
  forgotIntro:
    "Geben Sie die Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.",
  forgotSubmit: "Link senden",
  forgotDoneTitle: "Sehen Sie in Ihren Posteingang",
  forgotDoneText: "Wenn es ein Konto mit dieser Adresse gibt, haben wir einen Link gesendet (1 Stunde gültig).",
  pageResetPassword: "Passwort wählen",
  resetTitle: "Wählen Sie Ihr Passwort",
  resetNewPassword: "Neues Passwort",
  resetSubmit: "Passwort speichern",
  resetSaving: "Wird gespeichert…",
  resetDoneTitle: "Passwort gespeichert",
  resetDoneText:
    "Zu Ihrer Sicherheit wurden alle Ihre Sitzungen beendet: Melden Sie sich auf jedem Ihrer Geräte neu an.",
  resetNewLink: "Neuen Link anfordern",
  pageJoinPractice: "Einer Praxis beitreten",
  joinPracticeTitle: "Ihrer Praxis bei Anteroom beitreten",
  joinPracticeInvites: "{practice} lädt Sie ({email}) als {role} ein.",
  joinPracticeRoleAdmin: "Admin",
  joinPracticeRoleProvider: "behandelnde Person",
  joinPracticeIntro: "Wählen Sie den Namen, den Ihre Patientinnen und Patienten sehen, und ein Passwort für Ihr Konto.",
  joinPracticeSubmit: "Konto anlegen und beitreten",
  joinPracticeJoining: "Beitritt läuft…",
  joinPracticeAskAgain: "Bitten Sie eine Admin-Person Ihrer Praxis, Sie erneut einzuladen.",
  logOut: "Abmelden",
  navProvider: "Ihr Anteroom",
  navDashboard: "Sprechstunden",
  navAccount: "Konto",
  navPractice: "Praxis",
  dashboardTitle: "Ihre Sprechstunden",
  appointments: "Termine",
  noAppointments: "Keine anstehenden Termine. Legen Sie einen an, um einen Einladungslink zu erhalten.",
  newAppointment: "Neuer Termin",
  title: "Titel (nur für Sie sichtbar)",
  start: "Beginn",
  duration: "Dauer (Minuten)",
  create: "Anlegen und Link erhalten",
  cancel: "Abbrechen",
  inviteReady:
    "Einladungslink für die Patientin oder den Patienten. Jetzt kopieren: Aus Datenschutzgründen wird er nur einmal angezeigt.",
  inviteLinkLabel: "Einladungslink",
  copy: "Kopieren",
  copied: "Kopiert",
  newLink: "Neuer Link",
  waitingRoom: "Wartezimmer",
  nobodyWaiting: "Niemand wartet.",
  admit: "Hereinbitten",
  waitingSince: "wartet seit",
  connecting: "Verbindung wird aufgebaut…",
  disconnected: "Verbindung unterbrochen. Neuer Versuch…",
  joinTitle: "Ihre Videosprechstunde",
  withProvider: "bei",
  at: "um",
  cameraCheck: "Kamera und Mikrofon",
  cameraOk: "Ihre Kamera und Ihr Mikrofon funktionieren.",
  cameraDenied:
    "Der Zugriff auf Kamera oder Mikrofon wurde blockiert. Erlauben Sie ihn in der Adressleiste Ihres Browsers und versuchen Sie es erneut.",
  cameraMissing: "Keine Kamera und kein Mikrofon gefunden. Schließen Sie eines an und versuchen Sie es erneut.",
  cameraBusy:
    "Kamera oder Mikrofon werden von einem anderen Programm benutzt. Schließen Sie es und versuchen Sie es erneut.",
  cameraUnsupported:
    "Dieser Browser kann keine Videogespräche führen. Bitte nutzen Sie ein aktuelles Firefox, Chrome, Edge oder Safari.",
  yourName: "Ihr Name (wird Ihrer Praxis angezeigt)",
  consentText:
    "Ich willige in eine Videosprechstunde ein. Das Gespräch ist Ende-zu-Ende-verschlüsselt und läuft direkt zwischen den Geräten; es wird nicht aufgezeichnet, und keine Inhalte werden gespeichert.",
  enterWaitingRoom: "Wartezimmer betreten",
  joining: "Wird betreten…",
  waitingForProvider: "Bitte warten Sie, Sie werden gleich hereingebeten…",
  positionInQueue: "Ihr Platz in der Warteschlange:",
  providerNotHereYet:
    "Ihre Praxis ist noch nicht online. Lassen Sie diese Seite geöffnet: Ihr Platz in der Warteschlange bleibt erhalten.",
  linkWithdrawn: "Ihre Praxis hat diesen Link zurückgezogen.",
  alreadyAdmitted:
    "Sie wurden bereits in Ihre Sprechstunde hereingebeten. Falls sie geschlossen wurde, öffnen Sie Ihren Einladungslink erneut.",
  denied: "Sie konnten nicht hereingebeten werden. Bitte wenden Sie sich an die Praxis.",
  inviteUnknown:
    "Dieser Link ist ungültig. Prüfen Sie, ob Sie ihn vollständig kopiert haben, oder bitten Sie die Praxis um einen neuen.",
  inviteExpired: "Dieser Link ist abgelaufen. Bitte fragen Sie die Praxis nach einem neuen.",
  inviteRevoked: "Die Praxis hat diesen Link zurückgezogen. Bitte fragen Sie nach einem neuen.",
  inviteNotYetValid: "Dieser Link gilt noch nicht. Er öffnet am",
  callTitle: "Sprechstunde",
  callEndedTitle: "Sprechstunde beendet",
  waitingForPeer: "Warten auf die Gegenseite…",
  peerLeft: "Die Gegenseite hat das Gespräch verlassen.",
  endCall: "Sprechstunde beenden",
  leaveCall: "Verlassen",
  callEnded: "Die Sprechstunde ist beendet.",
  callEndedNothingKept: "Nichts davon wurde aufgezeichnet oder gespeichert.",
  backToDashboard: "Zurück zur Übersicht",
  replaced: "Sie sind dieser Sprechstunde in einem anderen Fenster beigetreten.",
  replacedWaiting: "Sie haben das Wartezimmer in einem anderen Fenster betreten. Bitte fahren Sie dort fort.",
  enterAgain: "Die Verbindung zum Wartezimmer ist abgebrochen. Bitte betreten Sie es erneut.",
  aloneTooLong: "Seit zwei Minuten war niemand sonst in der Sprechstunde; sie wurde daher geschlossen.",
  ticketMissing: "Diese Sprechstunde lässt sich von hier nicht öffnen. Nutzen Sie Ihren Einladungslink erneut.",
  callLost: "Die Verbindung ist abgebrochen und ließ sich nicht wiederherstellen.",
  reloadNeeded: "Anteroom wurde aktualisiert. Bitte laden Sie die Seite neu.",
  errorGeneric: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  callFull: "An dieser Sprechstunde nehmen bereits zwei Personen teil.",
  connectionConnected: "Verbunden",
  connectionReconnecting: "Verbindung unterbrochen, neuer Versuch…",
  connectionFailed: "Die Videoverbindung konnte nicht hergestellt werden.",
  connectionFailedHelp:
    "Vielleicht blockiert eine Firewall oder das Netz sie. Versuchen Sie ein anderes Netz, etwa mobile Daten, oder verbinden Sie sich über einen Relay-Server.",
  relayOnlyOption:
    "Über einen Relay-Server verbinden: verbirgt Ihre IP-Adresse vor der Gegenseite und kommt oft durch Firewalls.",
  invalidInput: "Bitte prüfen Sie Ihre Eingaben.",
  bodyTooLarge: "Das war zu viel Text auf einmal. Bitte kürzen Sie ihn.",
  wrongCredentials: "E-Mail oder Passwort ist falsch.",
  unauthenticated: "Bitte melden Sie sich erneut an.",
  rateLimited: "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.",
  rateLimitedFor: "Zu viele Versuche. Bitte versuchen Sie es in {wait} erneut.",
  consentOutdated:
    "Der Einwilligungstext hat sich geändert. Bitte laden Sie die Seite neu und willigen Sie erneut ein.",
  appointmentOver: "Dieser Termin ist bereits vorbei.",
  notFoundThing: "Das gibt es nicht mehr. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.",
  crossSite: "Diese Anfrage kam nicht von Anteroom selbst und wurde daher abgelehnt. Öffnen Sie Anteroom bitte direkt.",
  relayUnavailable: "Der Verbindungsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
  pageLogin: "Anmeldung",
  pageWaitingRoom: "Wartezimmer",
  pageNotFound: "Seite nicht gefunden",
  notFound:
    "Diese Seite gibt es nicht. Wenn Sie einem Link zu einer Sprechstunde gefolgt sind, prüfen Sie, ob er vollständig ist.",
  // account and practice errors
  errSignupClosed: "Hier können keine neuen Konten angelegt werden. Bitten Sie Ihre Praxis um eine Einladung.",
  errPasswordTooShort: "Das Passwort muss mindestens 12 Zeichen haben.",
  errPasswordTooCommon: "Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.",
  errEmailUnconfirmed: "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir Ihnen geschickt haben.",
  errLinkInvalid: "Dieser Link ist ungültig oder wurde schon verwendet.",
  errLinkExpired: "Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an.",
  errChallengeExpired: "Das hat zu lange gedauert. Bitte melden Sie sich erneut an.",
  errTotpInvalid: "Dieser Code stimmt nicht. Bitte prüfen Sie ihn und versuchen Sie es erneut.",
  errTotpRequired: "Ihre Praxis verlangt die Zwei-Faktor-Anmeldung. Bitte richten Sie sie auf Ihrer Kontoseite ein.",
  errTotpNotEnrolled: "Beginnen Sie zuerst mit der Einrichtung der Zwei-Faktor-Anmeldung.",
  errTotpAlreadyEnabled: "Die Zwei-Faktor-Anmeldung ist bereits eingeschaltet.",
  errTotpMandatory: "Ihre Praxis verlangt die Zwei-Faktor-Anmeldung; sie kann nicht ausgeschaltet werden.",
  errForbidden: "Nur eine Administratorin oder ein Administrator der Praxis darf das.",
  errLastAdmin: "Die Praxis braucht mindestens eine Administratorin oder einen Administrator.",
  errHandOverFirst:
    "Sie sind die einzige Admin-Person der Praxis. Machen Sie zuerst eine Kollegin oder einen Kollegen zum Admin.",
  errEmailTaken: "Für diese Adresse gibt es schon ein Konto oder eine Einladung.",
};

export type Language = "en" | "de";
const dictionaries: Record<Language, Record<MessageKey, string>> = { en, de };
const STORAGE_KEY = "anteroom.language";

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "de") return stored;
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

const [language, setLanguageSignal] = createSignal<Language>(initialLanguage());
document.documentElement.lang = language();

export { language };

export function setLanguage(next: Language): void {
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  setLanguageSignal(next);
}

export function t(key: MessageKey): string {
  return dictionaries[language()][key];
}

/** A message with its {placeholders} filled in. */
export function tf(key: MessageKey, values: Record<string, string>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function locale(): string {
  return pickLocale(language(), typeof navigator === "undefined" ? [] : navigator.languages);
}

export function formatDateTime(iso: string | number): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: "short" }).format(new Date(ms));
}

/** "30 seconds", "5 Minuten": a wait in the page's language, rounded up to whole minutes above a minute. */
export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), "second"] : [minutes, "minute"];
  return new Intl.NumberFormat(locale(), { style: "unit", unit, unitDisplay: "long" }).format(value);
}
