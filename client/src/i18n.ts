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
  // account page
  pageAccount: "Your account",
  pagePractice: "Practice",
  acctSave: "Save",
  acctProfile: "Profile",
  acctDisplayName: "Your name (shown to patients)",
  acctMailLanguage: "Language of e-mails from Anteroom",
  acctTimeZone: "Time zone",
  acctProfileSaved: "Your profile was saved.",
  acctTotp: "Two-factor authentication",
  acctTotpMust:
    "Your practice requires two-factor authentication. Set it up below under “Two-factor authentication” before you can use Anteroom.",
  acctTotpExplain:
    "With two-factor authentication, logging in needs a six-digit code from an authenticator app on your phone as well as your password.",
  acctTotpEnrol: "Set up two-factor authentication",
  acctTotpSetUp: "Connect your authenticator app",
  acctTotpScan:
    "Scan this QR code with an authenticator app (for example FreeOTP, Aegis, Google or Microsoft Authenticator), or enter the key by hand. Then type the six-digit code the app shows.",
  acctTotpQrAlt: "QR code for your authenticator app",
  acctTotpQrFailed: "The QR code could not be shown. Enter the key below in your app by hand.",
  acctTotpKey: "Key for entering by hand:",
  acctTotpCode: "Six-digit code from the app",
  acctTotpConfirm: "Switch on",
  acctTotpOn: "Two-factor authentication is on.",
  acctTotpOff: "Two-factor authentication is off.",
  acctRecoveryTitle: "Your recovery codes",
  acctRecoveryExplain:
    "If you lose your phone, log in with one of these codes instead of a code from the app. Each code works once. Keep them somewhere safe: they are shown only now.",
  acctRecoveryFileHeader: "Anteroom recovery codes for {email}. Each code works once.",
  acctRecoveryDownload: "Download as a text file",
  acctRecoverySaved: "I saved them",
  acctTotpRequiredByPractice:
    "Your practice requires two-factor authentication, so it stays on. An admin can change this in the practice settings.",
  acctTotpSwitchOff: "Switch off two-factor authentication",
  acctTotpSwitchOffExplain: "Confirm with your password and a code from your app. Your recovery codes stop working.",
  acctTotpSwitchOffConfirm: "Switch off",
  acctSessions: "Where you are logged in",
  acctSessionsExplain: "Anteroom keeps only the browser and the times of each login, never your IP address.",
  acctNoSessions: "No sessions.",
  acctOtherBrowser: "Another browser",
  acctThisDevice: "this device",
  acctSessionStarted: "Logged in on",
  acctSessionLastActive: "last active",
  acctLogOutEverywhere: "Log out everywhere",
  acctYourData: "Your data",
  acctYourDataExplain:
    "Download everything Anteroom stores about you (your account, sessions, appointments, the consents you hold and your practice membership) as a JSON file.",
  acctExport: "Download my data",
  acctExporting: "Preparing…",
  acctExportDone: "Your data was downloaded as {file}.",
  acctDelete: "Delete account",
  acctDeleteOpen: "Delete my account…",
  acctDeleteWhatGoes: "What is deleted",
  acctDeleteGoesAccount: "Your account and profile.",
  acctDeleteGoesSessions: "All your sessions: you are logged out everywhere.",
  acctDeleteGoesAppointments: "Your appointments, their invite links and the patients’ consent records.",
  acctDeleteGoesTotp: "Your two-factor authentication and recovery codes.",
  acctDeleteGoesPractice: "Your practice too, if you are its only member.",
  acctDeleteHandOver:
    "If you are the only admin of a practice that has other members, make a colleague admin first. To keep a copy, download your data before you delete.",
  acctDeleteFinal: "This cannot be undone.",
  acctDeleteConfirm: "Delete my account for good",
  // practice page
  pracContactShown: "Contact line shown to patients:",
  pracAdminsOnly: "Only the practice’s admins manage its members and settings.",
  pracNowMustEnrol: "Your practice now requires two-factor authentication. Set it up on your account page:",
  pracMembers: "Members",
  pracYou: "you",
  pracTotpOn: "Two-factor authentication on",
  pracTotpOff: "Two-factor authentication off",
  pracRole: "Role",
  pracRoleOf: "Role of {name}",
  pracRoleAdmin: "Admin",
  pracRoleProvider: "Provider",
  pracRemove: "Remove",
  pracRemoveExplain:
    "Remove {name} from the practice? Their account and all their appointments are deleted, and they are logged out. This cannot be undone.",
  pracRemoveConfirm: "Remove for good",
  pracRemoved: "{name} was removed from the practice.",
  pracInvitations: "Pending invitations",
  pracNoInvitations: "No pending invitations.",
  pracExpires: "expires",
  pracWithdraw: "Withdraw",
  pracWithdrawn: "The invitation for {email} was withdrawn.",
  pracInvite: "Invite a colleague",
  pracInviteExplain: "They receive an e-mail with a link to join the practice, valid for 7 days.",
  pracInviteSend: "Send invitation",
  pracInviteSent: "Invitation sent to {email}.",
  pracSettings: "Practice settings",
  pracName: "Name of the practice",
  pracContact: "Contact line for patients",
  pracContactHint: "Shown on your patients’ pages, for example a phone number for when the video does not work.",
  pracRetention: "Keep appointments after they end (days)",
  pracRetentionHint: "From {min} to {max} days. Then the appointment, its link and its consent record are deleted.",
  pracRequireTotp: "Require two-factor authentication for every member",
  pracRequireTotpHint: "Members without it must set it up before they can use Anteroom again.",
  pracSaved: "The practice settings were saved.",
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
  // account page
  pageAccount: "Ihr Konto",
  pagePractice: "Praxis",
  acctSave: "Speichern",
  acctProfile: "Profil",
  acctDisplayName: "Ihr Name (wird Patientinnen und Patienten angezeigt)",
  acctMailLanguage: "Sprache der E-Mails von Anteroom",
  acctTimeZone: "Zeitzone",
  acctProfileSaved: "Ihr Profil wurde gespeichert.",
  acctTotp: "Zwei-Faktor-Anmeldung",
  acctTotpMust:
    "Ihre Praxis verlangt die Zwei-Faktor-Anmeldung. Richten Sie sie unten unter „Zwei-Faktor-Anmeldung“ ein, bevor Sie Anteroom nutzen können.",
  acctTotpExplain:
    "Mit der Zwei-Faktor-Anmeldung brauchen Sie zum Anmelden außer Ihrem Passwort einen sechsstelligen Code aus einer Authenticator-App auf Ihrem Telefon.",
  acctTotpEnrol: "Zwei-Faktor-Anmeldung einrichten",
  acctTotpSetUp: "Authenticator-App verbinden",
  acctTotpScan:
    "Scannen Sie diesen QR-Code mit einer Authenticator-App (etwa FreeOTP, Aegis, Google oder Microsoft Authenticator) oder geben Sie den Schlüssel von Hand ein. Tippen Sie dann den sechsstelligen Code ein, den die App zeigt.",
  acctTotpQrAlt: "QR-Code für Ihre Authenticator-App",
  acctTotpQrFailed: "Der QR-Code ließ sich nicht anzeigen. Geben Sie den Schlüssel unten von Hand in Ihre App ein.",
  acctTotpKey: "Schlüssel zur Eingabe von Hand:",
  acctTotpCode: "Sechsstelliger Code aus der App",
  acctTotpConfirm: "Einschalten",
  acctTotpOn: "Die Zwei-Faktor-Anmeldung ist eingeschaltet.",
  acctTotpOff: "Die Zwei-Faktor-Anmeldung ist ausgeschaltet.",
  acctRecoveryTitle: "Ihre Wiederherstellungscodes",
  acctRecoveryExplain:
    "Wenn Sie Ihr Telefon verlieren, melden Sie sich mit einem dieser Codes statt mit einem Code aus der App an. Jeder Code gilt einmal. Bewahren Sie sie sicher auf: Sie werden nur jetzt angezeigt.",
  acctRecoveryFileHeader: "Anteroom-Wiederherstellungscodes für {email}. Jeder Code gilt einmal.",
  acctRecoveryDownload: "Als Textdatei herunterladen",
  acctRecoverySaved: "Ich habe sie gespeichert",
  acctTotpRequiredByPractice:
    "Ihre Praxis verlangt die Zwei-Faktor-Anmeldung; sie bleibt daher eingeschaltet. Eine Admin-Person kann das in den Praxiseinstellungen ändern.",
  acctTotpSwitchOff: "Zwei-Faktor-Anmeldung ausschalten",
  acctTotpSwitchOffExplain:
    "Bestätigen Sie mit Ihrem Passwort und einem Code aus Ihrer App. Ihre Wiederherstellungscodes werden ungültig.",
  acctTotpSwitchOffConfirm: "Ausschalten",
  acctSessions: "Wo Sie angemeldet sind",
  acctSessionsExplain: "Anteroom speichert nur den Browser und die Zeiten jeder Anmeldung, nie Ihre IP-Adresse.",
  acctNoSessions: "Keine Sitzungen.",
  acctOtherBrowser: "Anderer Browser",
  acctThisDevice: "dieses Gerät",
  acctSessionStarted: "Angemeldet am",
  acctSessionLastActive: "zuletzt aktiv am",
  acctLogOutEverywhere: "Überall abmelden",
  acctYourData: "Ihre Daten",
  acctYourDataExplain:
    "Laden Sie alles herunter, was Anteroom über Sie speichert (Ihr Konto, Sitzungen, Termine, die Einwilligungen, die Sie verwahren, und Ihre Praxismitgliedschaft), als JSON-Datei.",
  acctExport: "Meine Daten herunterladen",
  acctExporting: "Wird vorbereitet…",
  acctExportDone: "Ihre Daten wurden als {file} heruntergeladen.",
  acctDelete: "Konto löschen",
  acctDeleteOpen: "Mein Konto löschen…",
  acctDeleteWhatGoes: "Was gelöscht wird",
  acctDeleteGoesAccount: "Ihr Konto und Ihr Profil.",
  acctDeleteGoesSessions: "Alle Ihre Sitzungen: Sie werden überall abgemeldet.",
  acctDeleteGoesAppointments:
    "Ihre Termine, deren Einladungslinks und die Einwilligungen der Patientinnen und Patienten.",
  acctDeleteGoesTotp: "Ihre Zwei-Faktor-Anmeldung und Ihre Wiederherstellungscodes.",
  acctDeleteGoesPractice: "Auch Ihre Praxis, wenn Sie ihr einziges Mitglied sind.",
  acctDeleteHandOver:
    "Sind Sie die einzige Admin-Person einer Praxis mit weiteren Mitgliedern, machen Sie zuerst eine Kollegin oder einen Kollegen zum Admin. Wenn Sie eine Kopie behalten möchten, laden Sie Ihre Daten vor dem Löschen herunter.",
  acctDeleteFinal: "Das lässt sich nicht rückgängig machen.",
  acctDeleteConfirm: "Mein Konto endgültig löschen",
  // practice page
  pracContactShown: "Kontaktzeile für Patientinnen und Patienten:",
  pracAdminsOnly: "Nur die Admins der Praxis verwalten ihre Mitglieder und Einstellungen.",
  pracNowMustEnrol: "Ihre Praxis verlangt jetzt die Zwei-Faktor-Anmeldung. Richten Sie sie auf Ihrer Kontoseite ein:",
  pracMembers: "Mitglieder",
  pracYou: "Sie",
  pracTotpOn: "Zwei-Faktor-Anmeldung eingeschaltet",
  pracTotpOff: "Zwei-Faktor-Anmeldung ausgeschaltet",
  pracRole: "Rolle",
  pracRoleOf: "Rolle von {name}",
  pracRoleAdmin: "Admin",
  pracRoleProvider: "Behandelnde Person",
  pracRemove: "Entfernen",
  pracRemoveExplain:
    "{name} aus der Praxis entfernen? Das Konto und alle Termine dieser Person werden gelöscht, und sie wird abgemeldet. Das lässt sich nicht rückgängig machen.",
  pracRemoveConfirm: "Endgültig entfernen",
  pracRemoved: "{name} wurde aus der Praxis entfernt.",
  pracInvitations: "Offene Einladungen",
  pracNoInvitations: "Keine offenen Einladungen.",
  pracExpires: "läuft ab am",
  pracWithdraw: "Zurückziehen",
  pracWithdrawn: "Die Einladung an {email} wurde zurückgezogen.",
  pracInvite: "Kollegin oder Kollegen einladen",
  pracInviteExplain: "Sie oder er erhält eine E-Mail mit einem Link zum Beitritt, 7 Tage gültig.",
  pracInviteSend: "Einladung senden",
  pracInviteSent: "Einladung an {email} gesendet.",
  pracSettings: "Praxiseinstellungen",
  pracName: "Name der Praxis",
  pracContact: "Kontaktzeile für Patientinnen und Patienten",
  pracContactHint:
    "Wird auf den Seiten Ihrer Patientinnen und Patienten gezeigt, etwa eine Telefonnummer für den Fall, dass das Video nicht funktioniert.",
  pracRetention: "Termine nach ihrem Ende aufbewahren (Tage)",
  pracRetentionHint: "{min} bis {max} Tage. Danach werden der Termin, sein Link und seine Einwilligung gelöscht.",
  pracRequireTotp: "Zwei-Faktor-Anmeldung für alle Mitglieder verlangen",
  pracRequireTotpHint: "Mitglieder ohne sie müssen sie einrichten, bevor sie Anteroom wieder nutzen können.",
  pracSaved: "Die Praxiseinstellungen wurden gespeichert.",
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
