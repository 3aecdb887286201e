// What Anteroom stores, for the privacy notice's table (data-testid="privacy-data-table"). The one list the
// table is rendered from: each entry names the exact fields it covers, as docs/DATA.md names them (D1's
// `table.column`, Durable Objects' `Object: field` and `Object: key`, the browser's cookie and storage
// names), and test/workerd/stored-data.test.ts fails when the fields here and DATA.md's differ.
// Plain data, no Solid: the workerd test imports it.

export type Words = { readonly en: string; readonly de: string };

/** Where an item lives: the database, a waiting room's or call's server memory or storage, the browser. */
export type Place = "d1" | "memory" | "storage" | "browser";

export interface StoredItem {
  readonly place: Place;
  readonly fields: readonly string[];
  readonly what: Words;
  readonly why: Words;
  readonly kept: Words;
  /** Only on local runs and in tests (the outbox), never on a deployment: not shown in the notice. */
  readonly localOnly?: true;
}

const columns = (table: string, ...names: string[]) => names.map((name) => `${table}.${name}`);

const RETENTION: Words = {
  en: "the practice's retention period (1–30 days, default 30) after the appointment, then deleted",
  de: "die Aufbewahrungsfrist der Praxis (1–30 Tage, Standard 30) nach dem Termin, dann gelöscht",
};

export const STORED_DATA: readonly StoredItem[] = [
  {
    place: "d1",
    fields: columns(
      "practices",
      "id",
      "name",
      "short_name",
      "contact_line",
      "brand_name",
      "brand_colour",
      "created_at",
    ),
    what: {
      en: "The practice: its name, short name, contact line, brand name and colour",
      de: "Die Praxis: Name, Kurzname, Kontaktzeile, Markenname und -farbe",
    },
    why: {
      en: "shown to patients and members; join codes and room links start with the short name",
      de: "wird Patientinnen, Patienten und Mitgliedern gezeigt; Zugangscodes und Raum-Links beginnen mit dem Kurznamen",
    },
    kept: {
      en: "as long as the practice has a member",
      de: "solange die Praxis ein Mitglied hat",
    },
  },
  {
    place: "d1",
    fields: columns(
      "practices",
      "require_totp",
      "appointment_retention_days",
      "consultation_limit_minutes",
      "waiting_idle_limit_minutes",
      "deny_pause_minutes",
      "invite_grace_minutes",
      "waiting_room_opens_minutes",
      "shared_waiting_room",
    ),
    what: {
      en: "The practice's settings: two-factor rule, retention period, time limits, shared waiting room",
      de: "Einstellungen der Praxis: Zwei-Faktor-Pflicht, Aufbewahrungsfrist, Zeitgrenzen, gemeinsames Wartezimmer",
    },
    why: { en: "apply the practice's rules", de: "die Regeln der Praxis anwenden" },
    kept: { en: "as long as the practice", de: "so lange wie die Praxis" },
  },
  {
    place: "d1",
    fields: columns(
      "practices",
      "invitations_day",
      "invitations_that_day",
      "join_code_day",
      "join_code_wrong_that_day",
      "messages_day",
      "messages_that_day",
    ),
    what: {
      en: "Daily counters of the practice: invitations and messages sent, wrong join codes typed (numbers only)",
      de: "Tageszähler der Praxis: versandte Einladungen und Nachrichten, falsch eingegebene Zugangscodes (nur Zahlen)",
    },
    why: {
      en: "limits that stop misuse (mailing strangers, guessing codes)",
      de: "Grenzen gegen Missbrauch (Nachrichten an Fremde, Erraten von Codes)",
    },
    kept: { en: "overwritten the next day", de: "am nächsten Tag überschrieben" },
  },
  {
    place: "d1",
    fields: columns("practice_logos", "practice_id", "hash", "content_type", "data", "updated_at"),
    what: { en: "The practice's logo", de: "Das Logo der Praxis" },
    why: { en: "shown on patients' pages", de: "wird auf den Seiten für Patienten gezeigt" },
    kept: {
      en: "until the practice replaces or removes it, or the practice goes",
      de: "bis die Praxis es ersetzt oder entfernt oder die Praxis gelöscht wird",
    },
  },
  {
    place: "d1",
    fields: columns("consent_texts", "practice_id", "version", "text_en", "text_de", "created_at"),
    what: {
      en: "The practice's own consent text, in versions",
      de: "Der eigene Einwilligungstext der Praxis, in Versionen",
    },
    why: {
      en: "patients read and accept it before the waiting room; records name the version",
      de: "Patienten lesen und bestätigen ihn vor dem Wartezimmer; Nachweise nennen die Version",
    },
    kept: {
      en: "the newest as long as the practice; older ones while a consent record names them",
      de: "die neueste so lange wie die Praxis; ältere, solange ein Einwilligungsnachweis sie nennt",
    },
  },
  {
    place: "d1",
    fields: columns(
      "providers",
      "id",
      "practice_id",
      "role",
      "email",
      "display_name",
      "password_hash",
      "email_confirmed_at",
      "language",
      "time_zone",
      "created_at",
    ),
    what: {
      en: "A provider's account: e-mail address, name shown to patients, role, language, time zone, password hash (never the password)",
      de: "Das Konto einer Behandlerin oder eines Behandlers: E-Mail-Adresse, angezeigter Name, Rolle, Sprache, Zeitzone, Passwort-Hash (nie das Passwort)",
    },
    why: { en: "log in and run consultations", de: "Anmeldung und Durchführung der Sprechstunden" },
    kept: {
      en: "until the account is deleted; an unconfirmed one after 24 hours",
      de: "bis das Konto gelöscht wird; ein unbestätigtes nach 24 Stunden",
    },
  },
  {
    place: "d1",
    fields: [
      ...columns("providers", "totp_secret", "totp_enabled_at", "totp_last_step", "second_factor_failures"),
      ...columns("recovery_codes", "code_hash", "provider_id", "created_at"),
    ],
    what: {
      en: "Two-factor login: the sealed (encrypted) secret, the last code's time step, wrong codes in a row, hashes of recovery codes",
      de: "Zwei-Faktor-Anmeldung: das versiegelte (verschlüsselte) Geheimnis, der Zeitschritt des letzten Codes, Fehlversuche in Folge, Hashes der Wiederherstellungscodes",
    },
    why: { en: "protect the account", de: "Schutz des Kontos" },
    kept: {
      en: "until two-factor login is switched off or the account is deleted",
      de: "bis die Zwei-Faktor-Anmeldung ausgeschaltet oder das Konto gelöscht wird",
    },
  },
  {
    place: "d1",
    fields: columns("providers", "personal_room_name", "personal_room_on"),
    what: {
      en: "A provider's personal room: its link name and whether it is open",
      de: "Der persönliche Raum: sein Link-Name und ob er offen ist",
    },
    why: { en: "walk-in consultations", de: "Sprechstunden ohne Termin" },
    kept: { en: "until renamed or the account is deleted", de: "bis zur Umbenennung oder Löschung des Kontos" },
  },
  {
    place: "d1",
    fields: columns("sessions", "token_hash", "provider_id", "expires_at", "last_seen_at", "created_at", "browser"),
    what: {
      en: "Login sessions: a hash of the session token, when it ends, the browser family (never the user agent or IP address)",
      de: "Anmeldesitzungen: ein Hash des Sitzungstokens, ihr Ablauf, die Browser-Familie (nie User-Agent oder IP-Adresse)",
    },
    why: {
      en: "stay logged in; list and end sessions",
      de: "angemeldet bleiben; Sitzungen anzeigen und beenden",
    },
    kept: {
      en: "12 hours at most (2 hours unused), or until logout",
      de: "höchstens 12 Stunden (2 Stunden ungenutzt) oder bis zur Abmeldung",
    },
  },
  {
    place: "d1",
    fields: columns(
      "device_keys",
      "id",
      "provider_id",
      "public_key",
      "label",
      "fingerprint",
      "created_at",
      "last_used_at",
      "session_hash",
    ),
    what: {
      en: "Providers' devices: the public key each browser made (its private key never leaves it), a label such as “Firefox on Linux” (never the user agent), the key's fingerprint, when added and last used, and which login last used it",
      de: "Geräte der Praxis: der öffentliche Schlüssel, den jeder Browser erzeugt hat (sein privater Schlüssel verlässt ihn nie), eine Bezeichnung wie „Firefox unter Linux“ (nie der User-Agent), der Fingerabdruck des Schlüssels, wann hinzugefügt und zuletzt genutzt, und welche Anmeldung ihn zuletzt nutzte",
    },
    why: {
      en: "patients' names are sealed so that only the practice's own devices can read them",
      de: "Namen von Patienten werden so versiegelt, dass nur die eigenen Geräte der Praxis sie lesen können",
    },
    kept: {
      en: "until the device is removed, unused for 90 days, or the account is deleted",
      de: "bis das Gerät entfernt wird, 90 Tage ungenutzt bleibt oder das Konto gelöscht wird",
    },
  },
  {
    place: "d1",
    fields: columns("account_tokens", "token_hash", "provider_id", "purpose", "expires_at", "created_at"),
    what: {
      en: "Mailed links to confirm an address or reset a password (a hash only)",
      de: "Per E-Mail gesendete Links zur Bestätigung der Adresse oder zum Zurücksetzen des Passworts (nur ein Hash)",
    },
    why: { en: "the link works once", de: "der Link funktioniert einmal" },
    kept: { en: "until used or expired (24 h / 1 h)", de: "bis zur Nutzung oder zum Ablauf (24 h / 1 h)" },
  },
  {
    place: "d1",
    fields: columns(
      "member_invitations",
      "id",
      "practice_id",
      "email",
      "role",
      "token_hash",
      "expires_at",
      "created_at",
    ),
    what: {
      en: "Invitations of colleagues to the practice: their e-mail address and role",
      de: "Einladungen von Kolleginnen und Kollegen in die Praxis: E-Mail-Adresse und Rolle",
    },
    why: { en: "join the practice", de: "der Praxis beitreten" },
    kept: {
      en: "until accepted, withdrawn or expired (7 days)",
      de: "bis zur Annahme, zum Widerruf oder Ablauf (7 Tage)",
    },
  },
  {
    place: "d1",
    fields: columns("calendar_feeds", "provider_id", "token_hash", "include_details", "created_at"),
    what: {
      en: "A provider's calendar feed (a hash of its address's token)",
      de: "Der Kalender-Feed einer Behandlerin oder eines Behandlers (ein Hash des Tokens seiner Adresse)",
    },
    why: { en: "appointments in the provider's calendar app", de: "Termine in der Kalender-App" },
    kept: { en: "until revoked or the account is deleted", de: "bis zum Widerruf oder zur Löschung des Kontos" },
  },
  {
    place: "d1",
    fields: columns(
      "appointments",
      "id",
      "provider_id",
      "title",
      "starts_at",
      "duration_minutes",
      "note",
      "cancelled_at",
      "sequence",
      "created_at",
    ),
    what: {
      en: "Appointments: time, length, and the practice's own title and note (never shown to the patient)",
      de: "Termine: Zeit, Dauer sowie Titel und Notiz der Praxis (nie den Patienten gezeigt)",
    },
    why: { en: "plan consultations", de: "Sprechstunden planen" },
    kept: RETENTION,
  },
  {
    place: "d1",
    fields: columns(
      "invites",
      "id",
      "appointment_id",
      "token_hash",
      "valid_from",
      "valid_until",
      "revoked_at",
      "label",
      "created_at",
      "replaced_by",
      "consultation_id",
    ),
    what: {
      en: 'Invitation links: a hash of the link\'s token, when it works, a label such as "patient" or "interpreter"',
      de: "Einladungslinks: ein Hash des Link-Tokens, wann er gilt, eine Bezeichnung wie „Patient“ oder „Dolmetscher“",
    },
    why: { en: "only invited people reach the waiting room", de: "nur Eingeladene erreichen das Wartezimmer" },
    kept: {
      en: "one day after the link's validity ends; at the latest with the appointment",
      de: "einen Tag nach Ende der Gültigkeit; spätestens mit dem Termin",
    },
  },
  {
    place: "d1",
    fields: columns("join_codes", "invite_id", "code_hash", "created_at", "expires_at"),
    what: {
      en: "Join codes (a keyed hash; the six digits themselves are never stored)",
      de: "Zugangscodes (ein verschlüsselter Hash; die sechs Ziffern selbst werden nie gespeichert)",
    },
    why: { en: "join by typing a code instead of opening a link", de: "Zugang per Code statt per Link" },
    kept: { en: "one day after the code stops (7 days)", de: "einen Tag nach Ablauf des Codes (7 Tage)" },
  },
  {
    place: "d1",
    fields: columns(
      "invitation_reminders",
      "id",
      "invite_id",
      "appointment_id",
      "lead_minutes",
      "send_at",
      "sealed",
      "created_at",
    ),
    what: {
      en: "A reminder the practice asked for: the patient's e-mail address or phone number and the link, sealed (encrypted)",
      de: "Eine von der Praxis gewünschte Erinnerung: E-Mail-Adresse oder Telefonnummer der Patientin oder des Patienten und der Link, versiegelt (verschlüsselt)",
    },
    why: {
      en: "send the reminder once; without a reminder the address is used for one message and stored nowhere",
      de: "die Erinnerung einmal senden; ohne Erinnerung wird die Adresse nur für eine Nachricht genutzt und nirgends gespeichert",
    },
    kept: {
      en: "until the reminder is sent (a day or an hour before), or the link or appointment goes",
      de: "bis die Erinnerung gesendet ist (einen Tag oder eine Stunde vorher) oder Link oder Termin entfallen",
    },
  },
  {
    place: "d1",
    fields: columns("consents", "id", "appointment_id", "invite_id", "text_version", "language", "consented_at"),
    what: {
      en: "A patient's consent record: which text version, in which language, when (no name)",
      de: "Einwilligungsnachweis: welche Textversion, in welcher Sprache, wann (kein Name)",
    },
    why: {
      en: "the practice can show that consent was given",
      de: "die Praxis kann die Einwilligung nachweisen",
    },
    kept: RETENTION,
  },
  {
    place: "d1",
    fields: columns("walk_in_consents", "id", "provider_id", "text_version", "language", "consented_at"),
    what: {
      en: "A walk-in's consent record (personal room): text version, language, time (no name)",
      de: "Einwilligungsnachweis eines Besuchs ohne Termin (persönlicher Raum): Textversion, Sprache, Zeit (kein Name)",
    },
    why: {
      en: "the practice can show that consent was given",
      de: "die Praxis kann die Einwilligung nachweisen",
    },
    kept: {
      en: "the practice's retention period (1–30 days, default 30) after it was given",
      de: "die Aufbewahrungsfrist der Praxis (1–30 Tage, Standard 30) nach der Erteilung",
    },
  },
  {
    place: "d1",
    fields: [
      ...columns("practices", "activity_log_on", "activity_log_days"),
      ...columns(
        "activity_entries",
        "id",
        "practice_id",
        "provider_name",
        "started_at",
        "duration_seconds",
        "participants",
        "relayed",
      ),
    ],
    what: {
      en: "The practice's activity log, only if an admin switched it on: per consultation the leading provider's name, start, duration, the most people at once, whether a relay was used (never a patient's name)",
      de: "Das Aktivitätsprotokoll der Praxis, nur wenn ein Admin es eingeschaltet hat: je Sprechstunde Name der leitenden Person, Beginn, Dauer, höchste Zahl gleichzeitig Anwesender, ob ein Relay genutzt wurde (nie der Name einer Patientin oder eines Patienten)",
    },
    why: {
      en: "the practice can account for the consultations it held",
      de: "die Praxis kann über die durchgeführten Sprechstunden Rechenschaft ablegen",
    },
    kept: {
      en: "the practice's period (1–90 days, default 90); all at once when the log is switched off",
      de: "die von der Praxis gewählte Frist (1–90 Tage, Standard 90); sofort alle, wenn das Protokoll ausgeschaltet wird",
    },
  },
  {
    place: "d1",
    fields: columns("audit_entries", "id", "practice_id", "action", "actor_name", "target_name", "detail", "at"),
    what: {
      en: "The practice's audit trail: who (a member's name) did which administrative action, on which member, when; never patient data or an invitee's address",
      de: "Das Verwaltungsprotokoll der Praxis: wer (Name eines Mitglieds) welche Verwaltungsaktion an welchem Mitglied wann ausgeführt hat; nie Patientendaten oder die Adresse einer eingeladenen Person",
    },
    why: {
      en: "the practice can account for who managed its access and data",
      de: "die Praxis kann nachweisen, wer Zugänge und Daten verwaltet hat",
    },
    kept: { en: "90 days, then deleted", de: "90 Tage, dann gelöscht" },
  },
  {
    place: "memory",
    fields: [
      "WaitingRoom: role, provider id, connection id",
      "WaitingRoom: provider's session hash and its expiry",
      "WaitingRoom: the provider's practice's consultation length",
      "WaitingRoom: the provider's status (available, busy, away), its optional message and when it was set; the ids and names of their practice's colleagues (at most 50)",
    ],
    what: {
      en: "A provider's open dashboard: their status and message, their colleagues' names",
      de: "Das geöffnete Dashboard: Status und Nachricht, Namen der Kolleginnen und Kollegen",
    },
    why: {
      en: "tell waiting patients whether someone is coming; hand patients over",
      de: "Wartenden sagen, ob jemand kommt; Patienten übergeben",
    },
    kept: { en: "while the dashboard is open", de: "solange das Dashboard offen ist" },
  },
  {
    place: "memory",
    fields: [
      "WaitingRoom: the patient's name as their page sealed it (ciphertext to the practice's device keys: the room cannot open it, and relays it unread), appointment id, invite id, waiting ticket id",
      "WaitingRoom: waiting since",
      "WaitingRoom: the appointment's title and start (the provider's own label)",
      "WaitingRoom: the patient's device check (camera and microphone work: yes/no), whether they are on hold, when their ticket was issued and expires; the practice's idle limit and pause after a deny",
      "WaitingRoom: the practice's message with a hold (at most 500 characters); in a shared practice room, the name of the member the appointment is with",
      "WaitingRoom (memory only, not in an attachment): a patient's waiting entry (as above) after their socket dropped",
    ],
    what: {
      en: "Someone in the waiting room: their name encrypted for the practice's devices (we cannot read it), since when they wait, whether camera and microphone work",
      de: "Jemand im Wartezimmer: der Name, verschlüsselt für die Geräte der Praxis (wir können ihn nicht lesen), seit wann gewartet wird, ob Kamera und Mikrofon funktionieren",
    },
    why: {
      en: "show the practice who is waiting; keep the place in the queue",
      de: "der Praxis zeigen, wer wartet; den Platz in der Reihe halten",
    },
    kept: {
      en: "while they wait, and 2 minutes after a dropped connection; never written to the database",
      de: "während gewartet wird und 2 Minuten nach einem Verbindungsabbruch; nie in die Datenbank geschrieben",
    },
  },
  {
    place: "memory",
    fields: [
      "Consultation: role, participant id, connection id, a provider's display name (never a patient's or guest's: their pages tell it to the others over the data channel)",
      "Consultation: ticket expiry; the provider's session hash and its expiry",
      "Consultation: when the consultation ends (its maximum length)",
      "Consultation: a guest's invitation label; when the connection joined",
    ],
    what: {
      en: "Participants of a running call: roles, a guest's label, the names of the practice's staff (patients' and guests' names go directly between the browsers)",
      de: "Teilnehmende eines laufenden Gesprächs: Rollen, Bezeichnung von Gästen, Namen der Praxismitarbeitenden (Namen von Patient:innen und Gästen gehen direkt zwischen den Browsern)",
    },
    why: {
      en: "connect the participants to each other; end the call on time",
      de: "die Teilnehmenden miteinander verbinden; das Gespräch rechtzeitig beenden",
    },
    kept: { en: "while the call lasts", de: "solange das Gespräch dauert" },
  },
  {
    place: "storage",
    fields: [
      "Consultation: ends-at",
      "Consultation: group",
      "Consultation: tell-at-end",
      "Consultation: activity",
      "Consultation: record:ended",
    ],
    what: {
      en: "A call's deadline, moderator, lock and the ids of its participants (ids only, no names); for the activity log its start, the most people at once and whether a relay was used",
      de: "Ende, Moderation, Sperre eines Gesprächs und die Kennungen der Teilnehmenden (nur Kennungen, keine Namen); für das Aktivitätsprotokoll Beginn, höchste Zahl gleichzeitig Anwesender und ob ein Relay genutzt wurde",
    },
    why: {
      en: "the call ends on time and an ended call cannot be reopened",
      de: "das Gespräch endet rechtzeitig und kann nach dem Ende nicht wieder geöffnet werden",
    },
    kept: {
      en: "until the call ends, at most 8 hours; the end marker until its tickets expire",
      de: "bis zum Ende des Gesprächs, höchstens 8 Stunden; die Ende-Markierung bis zum Ablauf der Tickets",
    },
  },
  {
    place: "storage",
    fields: [
      "WaitingRoom: admitted:<waiting ticket id>",
      "WaitingRoom: consultation:<consultation id>",
      "WaitingRoom: call:<invite id>><consultation id>><provider id>",
      "WaitingRoom: hosting:<consultation id>><appointment id>><provider id>",
      "WaitingRoom: consulted:<invite id>",
      "WaitingRoom: away:<waiting ticket id>",
      "WaitingRoom: denied:<invite id>",
      "WaitingRoom: moved:<appointment id>><colleague's provider id>",
      "WaitingRoom: asked:<member's provider id>><consultation id>><moderator's provider id>",
      "WaitingRoom: withdrawn:<appointment id>",
      "WaitingRoom: withdrawn:invite:<invite id>",
    ],
    what: {
      en: "The waiting room's notes with deadlines: ids of links, calls and providers (no names)",
      de: "Notizen des Wartezimmers mit Fristen: Kennungen von Links, Gesprächen und Behandelnden (keine Namen)",
    },
    why: {
      en: "admit each link once, keep a place after a reload, honour a withdrawn link",
      de: "jeden Link nur einmal einlassen, den Platz nach einem Neuladen halten, einen widerrufenen Link abweisen",
    },
    kept: {
      en: "until each deadline (minutes to hours, at most the link's validity), then deleted automatically",
      de: "bis zur jeweiligen Frist (Minuten bis Stunden, höchstens die Gültigkeit des Links), dann automatisch gelöscht",
    },
  },
  {
    place: "storage",
    fields: ["WaitingRoom: settings"],
    what: {
      en: "The practice's time limits and whether its waiting room is shared (numbers and a flag)",
      de: "Zeitgrenzen der Praxis und ob ihr Wartezimmer gemeinsam ist (Zahlen und ein Schalter)",
    },
    why: { en: "apply the practice's settings", de: "die Einstellungen der Praxis anwenden" },
    kept: { en: "30 days after they were last set", de: "30 Tage nach der letzten Übernahme" },
  },
  {
    place: "storage",
    fields: ["Outbox: mail:<time>:<id>", "Outbox: sms:<time>:<id>"],
    localOnly: true,
    what: { en: "Mails and SMS of a local test run", de: "E-Mails und SMS eines lokalen Testlaufs" },
    why: { en: "nothing leaves a test machine", de: "nichts verlässt einen Testrechner" },
    kept: { en: "a day", de: "einen Tag" },
  },
  {
    place: "browser",
    fields: ["__Host-anteroom_session"],
    what: {
      en: "Cookie with a provider's session token (no tracking cookie)",
      de: "Cookie mit dem Sitzungstoken einer Behandlerin oder eines Behandlers (kein Tracking-Cookie)",
    },
    why: { en: "stay logged in", de: "angemeldet bleiben" },
    kept: { en: "12 hours at most, or until logout", de: "höchstens 12 Stunden oder bis zur Abmeldung" },
  },
  {
    place: "browser",
    fields: ["anteroom.waiting.<invite token>", "anteroom.ticket.<id>"],
    what: {
      en: "The sealed waiting-room and call tickets (in the tab only)",
      de: "Die versiegelten Tickets für Wartezimmer und Gespräch (nur im Tab)",
    },
    why: {
      en: "a reload keeps the place in the queue and the call",
      de: "ein Neuladen behält den Platz in der Reihe und im Gespräch",
    },
    kept: {
      en: "until admitted, the call ends or the tab closes",
      de: "bis zum Einlass, zum Ende des Gesprächs oder zum Schließen des Tabs",
    },
  },
  {
    place: "browser",
    fields: ["anteroom.brand.<consultation id>"],
    what: {
      en: "The practice's branding (name, contact line, logo, colour) and the address of the patient's join link (in the tab only)",
      de: "Das Erscheinungsbild der Praxis (Name, Kontaktzeile, Logo, Farbe) und die Adresse des Beitrittslinks (nur im Tab)",
    },
    why: {
      en: "the end of the call says whom to contact and where to start again",
      de: "am Ende des Gesprächs steht, wen man erreicht und wo man neu beginnt",
    },
    kept: { en: "until the tab closes", de: "bis zum Schließen des Tabs" },
  },
  {
    place: "browser",
    fields: ["anteroom.name.<link>", "anteroom.name.call.<consultation id>", "anteroom.keys.<link>"],
    what: {
      en: "The name you typed when joining, and the short check values of the practice's keys from your link (in the tab only)",
      de: "Der Name, den Sie beim Beitreten eingegeben haben, und die kurzen Prüfwerte der Praxisschlüssel aus Ihrem Link (nur im Tab)",
    },
    why: {
      en: "your page encrypts your name for the practice's devices only, each time it connects, and tells it to the others in the call directly: our servers never see it",
      de: "Ihre Seite verschlüsselt Ihren Namen bei jeder Verbindung nur für die Geräte der Praxis und teilt ihn im Gespräch direkt mit: unsere Server sehen ihn nie",
    },
    kept: { en: "until the tab closes", de: "bis zum Schließen des Tabs" },
  },
  {
    place: "browser",
    fields: ["anteroom.blur"],
    what: {
      en: "Whether background blur is on (in the tab only)",
      de: "Ob der Hintergrund unscharf gestellt ist (nur im Tab)",
    },
    why: {
      en: "the choice in the device check carries into the call",
      de: "die Wahl aus der Geräteprüfung gilt auch im Gespräch",
    },
    kept: {
      en: "until blur is switched off or the tab closes",
      de: "bis zum Ausschalten oder zum Schließen des Tabs",
    },
  },
  {
    place: "browser",
    fields: ["anteroom.provider.<consultation id>", "anteroom.status"],
    what: {
      en: "For providers: that this tab opened the call as its provider; the status they chose (available or away) and its message (in the tab only)",
      de: "Für Behandelnde: dass dieser Tab das Gespräch als Behandelnde/r geöffnet hat; der gewählte Status (erreichbar oder abwesend) und seine Nachricht (nur im Tab)",
    },
    why: {
      en: "an ended login leads back to the login; the status holds after a consultation",
      de: "eine abgelaufene Anmeldung führt zur Anmeldung zurück; der Status bleibt nach einer Sprechstunde erhalten",
    },
    kept: { en: "until the tab closes", de: "bis zum Schließen des Tabs" },
  },
  {
    place: "browser",
    fields: ["anteroom.inConsultation"],
    what: {
      en: "For providers: a time mark while they are in a consultation",
      de: "Für Behandelnde: eine Zeitmarke, solange sie in einer Sprechstunde sind",
    },
    why: {
      en: "no arrival sound in any other tab during a consultation",
      de: "kein Ankunftston in einem anderen Tab während einer Sprechstunde",
    },
    kept: {
      en: "until the call ends (a mark left by a closed tab counts as gone after 40 seconds)",
      de: "bis zum Ende des Gesprächs (eine von einem geschlossenen Tab zurückgelassene Marke gilt nach 40 Sekunden als erloschen)",
    },
  },
  {
    place: "browser",
    fields: ["anteroom-device-keys"],
    what: {
      en: "For providers: this device's key for reading patients' names (its private half cannot be read out, not even by the page) and the id the server gave it",
      de: "Für Behandelnde: der Schlüssel dieses Geräts zum Lesen von Patientennamen (sein privater Teil lässt sich nicht auslesen, auch nicht von der Seite) und die Kennung, die der Server ihm gab",
    },
    why: {
      en: "patients' names are encrypted to it in the patient's browser and opened only here",
      de: "Patientennamen werden schon im Browser der Patientin oder des Patienten dafür verschlüsselt und nur hier geöffnet",
    },
    kept: {
      en: "until the key is removed on the account page or the browser's data for Anteroom is cleared",
      de: "bis der Schlüssel auf der Kontoseite entfernt oder die Browserdaten für Anteroom gelöscht werden",
    },
  },
  {
    place: "browser",
    fields: ["anteroom.language", "anteroom.relayOnly"],
    what: {
      en: "The chosen language; an optional switch to always use the relay",
      de: "Die gewählte Sprache; ein optionaler Schalter, immer das Relay zu nutzen",
    },
    why: { en: "remember the choice", de: "die Wahl merken" },
    kept: { en: "until cleared in the browser", de: "bis zur Löschung im Browser" },
  },
];
