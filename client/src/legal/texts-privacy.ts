// The privacy notice (GDPR Art. 13 and 14), in English and German. Written for the usual arrangement: each
// practice is the controller of its consultations, the operator runs the service for the practices as
// their processor (Art. 28) and is the controller of providers' accounts and of the service's security.
// The table of stored data is not here: it is rendered from stored-data.ts, which a test holds equal to
// docs/DATA.md.
import type { LegalTexts } from "./legal-text.ts";

export const privacyTexts: LegalTexts = {
  en: {
    title: "Privacy notice",
    version: "Version of 4 December 2026",
    intro: [
      "This notice explains which personal data the video consultation service Anteroom processes, why, on which legal basis, for how long and what rights you have (Articles 13 and 14 of the General Data Protection Regulation, GDPR). It is for patients and the people they bring into a consultation (relatives, interpreters), and for the practices' staff who use the service.",
      "In short: you need no account as a patient. Picture, sound, chat and files go directly between the participants' devices, end-to-end encrypted, and never reach a server of ours. Nothing of a consultation is recorded. There is no tracking, no analytics, no advertising and no content from third parties.",
    ],
    sections: [
      {
        heading: "1. Who is responsible",
        operator: true,
        blocks: [
          "For your consultation, the controller is the practice that invited you (its name is shown on the join page and in the waiting room). The practice decides about your appointment and your treatment, and it informs you about the rest of its processing (such as your medical record) in its own privacy notice. Please address questions about your consultation to the practice and to its data protection officer.",
          "The operator named below runs Anteroom for the practices. For the data of a consultation it acts only on the practice's instructions, as its processor under a data processing agreement (Art. 28 GDPR). For providers' accounts and for the security of the service, the operator is the controller.",
        ],
      },
      {
        heading: "2. What happens in a consultation",
        blocks: [
          {
            list: [
              "The practice creates an appointment and sends you a link or a code. You open it in your browser; no app and no account are needed.",
              "On the join page you check camera and microphone (this happens only on your device), type the name the practice should see and agree to the practice's consent text.",
              "You wait in a virtual waiting room until the practice lets you in. The practice sees your name, since when you wait and whether camera and microphone work.",
              "The video call runs directly between the devices (peer to peer) and is encrypted end to end with DTLS-SRTP. Where a direct connection is not possible, a relay server (TURN) forwards the encrypted packets without being able to read them. Both sides can compare a safety code to make sure nobody listens in.",
              "Chat messages and files also go directly between the devices and are held only in the browser until the call's page closes, unless you save them yourself.",
              "Our server passes on only the technical connection details (SDP, ICE candidates) to the other participant and keeps nothing of them.",
            ],
          },
        ],
      },
      {
        heading: "3. Purposes and legal bases",
        blocks: [
          {
            list: [
              "Carrying out the video consultation you agreed with the practice (invitation, waiting room, connection of the call): Art. 6(1)(b) GDPR; as this concerns health care, Art. 9(2)(h) and (3) GDPR, in Germany together with § 22(1) no. 1(b) BDSG. Health professionals are bound by professional secrecy.",
              "Your consent on the join page, where the practice asks for it: Art. 6(1)(a) and Art. 9(2)(a) GDPR. The record of your consent (which text, which language, when; no name) serves the practice to prove it (Art. 7(1) GDPR).",
              "Reminders by e-mail or SMS that the practice sends at your request: Art. 6(1)(b) GDPR.",
              "Providers' accounts, login, two-factor login and sessions: Art. 6(1)(b) GDPR (the contract of use), and the security of processing (Art. 32 GDPR).",
              "Protection against misuse (limits on login attempts, codes and messages, counted for a minute in memory under a one-way hash): Art. 6(1)(f) GDPR; our legitimate interest is a secure service that cannot be used to guess codes or to message strangers.",
              "Delivering the pages and connecting the call necessarily uses your IP address while the connection lasts (Art. 6(1)(b) and (f) GDPR). Anteroom stores no IP address and no user agent, neither in its database nor in its logs.",
              "The audit trail of a practice's account (which member invited, removed or changed another member, changed the two-factor rule, a setting, the logo or the consent text, exported data or deleted an account, and when): accountability for who had access to the practice's account and its data (Art. 5(2) and Art. 32 GDPR). Legal basis: Art. 6(1)(c) GDPR and Art. 6(1)(f) GDPR, the practice's and the operator's legitimate interest in tracing who changed what; for the practice's staff together with § 26 BDSG. It names the acting member, never a patient; the practice's admins can read it; each entry is deleted after 90 days. It is always kept.",
              "The activity log, only if the practice switches it on: per consultation the leading provider's name, the start, the duration, the most people present at once and whether a relay was used, never a patient's name. It serves the practice as evidence under KBV Anlage 31b BMV-Ä (the agreement under which German practices bill video consultations) and as its own record of the consultations it held: Art. 6(1)(c) and (f) GDPR. Entries are kept for the period the practice chooses (1 to 90 days) and are all deleted at once when the practice switches the log off.",
            ],
          },
          "There is no profiling and no automated decision-making within the meaning of Art. 22 GDPR.",
        ],
      },
      {
        heading: "4. What is stored, where and for how long",
        dataTable: true,
        blocks: [
          "The following table lists everything Anteroom stores. It is generated from the same list as the service's technical data inventory, so it cannot differ from what the software actually keeps. Items that expire are deleted automatically (a job runs every five minutes).",
        ],
      },
      {
        heading: "5. What is never stored",
        blocks: [
          {
            list: [
              "Picture, sound, screen sharing, chat messages and files: they never reach a server of ours (peer to peer, DTLS-SRTP encrypted) and nothing is recorded.",
              "Your name in the waiting room exists only in the memory of the waiting room while you wait and in the call while it lasts; it is never written to the database.",
              "IP addresses and user agents are neither stored nor logged. Logs contain event names and counts only, never names, e-mail addresses, tokens or connection details.",
              "An e-mail address or phone number the practice types to send you an invitation is used for that one message and stored nowhere, unless the practice asks for a reminder: then it is kept encrypted until the reminder is sent.",
              "No cookies are set for patients. Providers get one cookie to stay logged in. No tracking, analytics or advertising cookies and no third-party content (fonts, scripts, maps) are used. What the browser keeps (see the table) is strictly necessary for the service you asked for (in Germany § 25(2) no. 2 TDDDG).",
            ],
          },
        ],
      },
      {
        heading: "6. Recipients",
        blocks: [
          {
            list: [
              "The practice and its staff who run your consultation, and the other participants of the call (for example an interpreter the practice invited).",
              "Cloudflare, Inc. and its affiliates host the service (Workers, the D1 database, Durable Objects) as the operator's subprocessor under a data processing agreement. Where the operator uses the service's EU environment, the database and the waiting rooms are kept in the European Union.",
              "The relay server (TURN), run by the operator or by Cloudflare, forwards only encrypted packets when a direct connection is not possible; it cannot see or hear the call.",
              "The e-mail and SMS providers the operator chose deliver invitations and reminders; they receive the address or number and the message, which names the practice and the time but nothing about your health.",
            ],
          },
          "Data is not sold, not passed on for advertising and not disclosed to anyone else unless the law requires it.",
        ],
      },
      {
        heading: "7. Transfers outside the EU",
        blocks: [
          "Cloudflare, Inc. is based in the USA. Where data may reach it there, the transfer rests on the European Commission's adequacy decision for the EU–US Data Privacy Framework (Art. 45 GDPR), under which Cloudflare is certified, and on the EU standard contractual clauses (Art. 46(2)(c) GDPR).",
        ],
      },
      {
        heading: "8. Do you have to provide data?",
        blocks: [
          "No law requires it. Without a name the practice can recognise and without agreeing to its consent text you cannot enter the waiting room; you may then arrange another kind of appointment with the practice. You can switch your camera off or use audio only at any time.",
        ],
      },
      {
        heading: "9. Your rights",
        blocks: [
          "You have the right of access (Art. 15 GDPR), to rectification (Art. 16), to erasure (Art. 17), to restriction of processing (Art. 18), to data portability (Art. 20) and to object to processing based on Art. 6(1)(f) (Art. 21). You may withdraw a consent at any time with effect for the future (Art. 7(3)); this does not affect the lawfulness of the processing before.",
          "As a patient, please address the practice: it is the controller of your consultation. Providers can download and delete their own data on their account page, and contact the operator for anything else. The operator passes on requests it receives about a consultation to the practice.",
        ],
      },
      {
        heading: "10. Right to lodge a complaint",
        blocks: [
          "You have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR), in particular in the member state of your residence, your place of work or the place of the alleged infringement. The authority responsible for the operator is named under 1.",
        ],
      },
      {
        heading: "11. Changes",
        blocks: ["This notice is updated when the service changes. The version date above says when it last changed."],
      },
    ],
  },
  de: {
    title: "Datenschutzhinweise",
    version: "Stand: 4. Dezember 2026",
    intro: [
      "Diese Hinweise erklären, welche personenbezogenen Daten der Videosprechstunden-Dienst Anteroom verarbeitet, wozu, auf welcher Rechtsgrundlage, wie lange und welche Rechte Sie haben (Art. 13 und 14 der Datenschutz-Grundverordnung, DSGVO). Sie richten sich an Patientinnen und Patienten und die Personen, die sie in eine Sprechstunde mitnehmen (Angehörige, Dolmetschende), und an die Mitarbeitenden der Praxen, die den Dienst nutzen.",
      "Kurz gesagt: Als Patientin oder Patient brauchen Sie kein Konto. Bild, Ton, Chat und Dateien gehen direkt zwischen den Geräten der Teilnehmenden, Ende-zu-Ende-verschlüsselt, und erreichen nie einen unserer Server. Von einer Sprechstunde wird nichts aufgezeichnet. Es gibt kein Tracking, keine Analyse, keine Werbung und keine Inhalte Dritter.",
    ],
    sections: [
      {
        heading: "1. Wer verantwortlich ist",
        operator: true,
        blocks: [
          "Verantwortlich für Ihre Sprechstunde ist die Praxis, die Sie eingeladen hat (ihr Name steht auf der Beitrittsseite und im Wartezimmer). Die Praxis entscheidet über Ihren Termin und Ihre Behandlung und informiert Sie über ihre übrige Verarbeitung (etwa Ihre Patientenakte) in ihren eigenen Datenschutzhinweisen. Bitte richten Sie Fragen zu Ihrer Sprechstunde an die Praxis und an deren Datenschutzbeauftragte oder Datenschutzbeauftragten.",
          "Der unten genannte Betreiber betreibt Anteroom für die Praxen. Für die Daten einer Sprechstunde handelt er nur auf Weisung der Praxis, als ihr Auftragsverarbeiter nach einem Vertrag zur Auftragsverarbeitung (Art. 28 DSGVO). Für die Konten der Behandelnden und für die Sicherheit des Dienstes ist der Betreiber selbst verantwortlich.",
        ],
      },
      {
        heading: "2. Was in einer Sprechstunde geschieht",
        blocks: [
          {
            list: [
              "Die Praxis legt einen Termin an und schickt Ihnen einen Link oder einen Code. Sie öffnen ihn im Browser; Sie brauchen weder eine App noch ein Konto.",
              "Auf der Beitrittsseite prüfen Sie Kamera und Mikrofon (das geschieht nur auf Ihrem Gerät), geben den Namen ein, den die Praxis sehen soll, und stimmen dem Einwilligungstext der Praxis zu.",
              "Sie warten in einem virtuellen Wartezimmer, bis die Praxis Sie hereinlässt. Die Praxis sieht Ihren Namen, seit wann Sie warten und ob Kamera und Mikrofon funktionieren.",
              "Das Videogespräch läuft direkt zwischen den Geräten (Peer-to-Peer) und ist Ende-zu-Ende mit DTLS-SRTP verschlüsselt. Ist keine direkte Verbindung möglich, leitet ein Relay-Server (TURN) die verschlüsselten Pakete weiter, ohne sie lesen zu können. Beide Seiten können einen Sicherheitscode vergleichen, um sicherzugehen, dass niemand mithört.",
              "Auch Chatnachrichten und Dateien gehen direkt zwischen den Geräten und liegen nur im Browser, bis die Seite des Gesprächs geschlossen wird, es sei denn, Sie speichern sie selbst.",
              "Unser Server reicht nur die technischen Verbindungsangaben (SDP, ICE-Kandidaten) an die andere Seite weiter und behält nichts davon.",
            ],
          },
        ],
      },
      {
        heading: "3. Zwecke und Rechtsgrundlagen",
        blocks: [
          {
            list: [
              "Durchführung der Videosprechstunde, die Sie mit der Praxis vereinbart haben (Einladung, Wartezimmer, Verbindung des Gesprächs): Art. 6 Abs. 1 lit. b DSGVO; da es um Gesundheitsversorgung geht, Art. 9 Abs. 2 lit. h und Abs. 3 DSGVO, in Deutschland in Verbindung mit § 22 Abs. 1 Nr. 1 lit. b BDSG. Angehörige der Gesundheitsberufe unterliegen der Schweigepflicht.",
              "Ihre Einwilligung auf der Beitrittsseite, soweit die Praxis sie erbittet: Art. 6 Abs. 1 lit. a und Art. 9 Abs. 2 lit. a DSGVO. Der Nachweis Ihrer Einwilligung (welcher Text, welche Sprache, wann; kein Name) dient der Praxis als Beleg (Art. 7 Abs. 1 DSGVO).",
              "Erinnerungen per E-Mail oder SMS, die die Praxis auf Ihren Wunsch sendet: Art. 6 Abs. 1 lit. b DSGVO.",
              "Konten, Anmeldung, Zwei-Faktor-Anmeldung und Sitzungen der Behandelnden: Art. 6 Abs. 1 lit. b DSGVO (Nutzungsvertrag) sowie die Sicherheit der Verarbeitung (Art. 32 DSGVO).",
              "Schutz vor Missbrauch (Grenzen für Anmeldeversuche, Codes und Nachrichten, eine Minute lang im Arbeitsspeicher unter einem Einweg-Hash gezählt): Art. 6 Abs. 1 lit. f DSGVO; unser berechtigtes Interesse ist ein sicherer Dienst, mit dem niemand Codes erraten oder Fremden Nachrichten schicken kann.",
              "Für die Auslieferung der Seiten und den Aufbau des Gesprächs wird Ihre IP-Adresse verwendet, solange die Verbindung besteht (Art. 6 Abs. 1 lit. b und f DSGVO). Anteroom speichert keine IP-Adresse und keinen User-Agent, weder in der Datenbank noch in Protokollen.",
              "Das Verwaltungsprotokoll (Audit-Trail) des Kontos einer Praxis (welches Mitglied ein anderes eingeladen, entfernt oder seine Rolle geändert, die Regel zur Zwei-Faktor-Anmeldung, eine Einstellung, das Logo oder den Einwilligungstext geändert, Daten exportiert oder ein Konto gelöscht hat, und wann): Nachweis, wer Zugang zum Konto der Praxis und zu ihren Daten hatte (Rechenschaftspflicht, Art. 5 Abs. 2 und Art. 32 DSGVO). Rechtsgrundlage: Art. 6 Abs. 1 lit. c DSGVO und Art. 6 Abs. 1 lit. f DSGVO, das berechtigte Interesse der Praxis und des Betreibers, nachvollziehen zu können, wer was geändert hat; für die Mitarbeitenden der Praxis in Verbindung mit § 26 BDSG. Es nennt das handelnde Mitglied, nie eine Patientin oder einen Patienten; die Admins der Praxis können es lesen; jeder Eintrag wird nach 90 Tagen gelöscht. Es wird immer geführt.",
              "Das Aktivitätsprotokoll, nur wenn die Praxis es einschaltet: je Sprechstunde der Name der leitenden Behandlerin oder des leitenden Behandlers, Beginn, Dauer, die höchste Zahl gleichzeitig Anwesender und ob ein Relay-Server genutzt wurde, nie der Name einer Patientin oder eines Patienten. Es dient der Praxis als Nachweis nach Anlage 31b BMV-Ä (KBV; die Vereinbarung, nach der Praxen Videosprechstunden abrechnen) und als eigene Aufzeichnung ihrer Sprechstunden: Art. 6 Abs. 1 lit. c und f DSGVO. Die Einträge werden so lange aufbewahrt, wie die Praxis wählt (1 bis 90 Tage), und beim Ausschalten des Protokolls alle sofort gelöscht.",
            ],
          },
          "Es findet kein Profiling und keine automatisierte Entscheidung im Sinne von Art. 22 DSGVO statt.",
        ],
      },
      {
        heading: "4. Was wo wie lange gespeichert wird",
        dataTable: true,
        blocks: [
          "Die folgende Tabelle nennt alles, was Anteroom speichert. Sie entsteht aus derselben Liste wie das technische Datenverzeichnis des Dienstes und kann deshalb nicht von dem abweichen, was die Software tatsächlich speichert. Was abläuft, wird automatisch gelöscht (ein Auftrag läuft alle fünf Minuten).",
        ],
      },
      {
        heading: "5. Was nie gespeichert wird",
        blocks: [
          {
            list: [
              "Bild, Ton, Bildschirmfreigabe, Chatnachrichten und Dateien: Sie erreichen nie einen unserer Server (Peer-to-Peer, mit DTLS-SRTP verschlüsselt), und nichts wird aufgezeichnet.",
              "Ihr Name im Wartezimmer existiert nur im Arbeitsspeicher des Wartezimmers, solange Sie warten, und im Gespräch, solange es dauert; er wird nie in die Datenbank geschrieben.",
              "IP-Adressen und User-Agents werden weder gespeichert noch protokolliert. Protokolle enthalten nur Ereignisnamen und Zahlen, nie Namen, E-Mail-Adressen, Tokens oder Verbindungsangaben.",
              "Eine E-Mail-Adresse oder Telefonnummer, die die Praxis eingibt, um Ihnen eine Einladung zu senden, wird nur für diese eine Nachricht verwendet und nirgends gespeichert, es sei denn, die Praxis wünscht eine Erinnerung: Dann wird sie verschlüsselt aufbewahrt, bis die Erinnerung versendet ist.",
              "Für Patientinnen und Patienten werden keine Cookies gesetzt. Behandelnde erhalten ein Cookie, um angemeldet zu bleiben. Es gibt keine Tracking-, Analyse- oder Werbe-Cookies und keine Inhalte Dritter (Schriften, Skripte, Karten). Was der Browser speichert (siehe Tabelle), ist für den von Ihnen gewünschten Dienst unbedingt erforderlich (§ 25 Abs. 2 Nr. 2 TDDDG).",
            ],
          },
        ],
      },
      {
        heading: "6. Empfänger",
        blocks: [
          {
            list: [
              "Die Praxis und ihre Mitarbeitenden, die Ihre Sprechstunde durchführen, sowie die anderen Teilnehmenden des Gesprächs (etwa eine von der Praxis eingeladene Dolmetscherin).",
              "Cloudflare, Inc. und verbundene Unternehmen hosten den Dienst (Workers, die Datenbank D1, Durable Objects) als Unterauftragsverarbeiter des Betreibers nach einem Vertrag zur Auftragsverarbeitung. Nutzt der Betreiber die EU-Umgebung des Dienstes, werden Datenbank und Wartezimmer in der Europäischen Union gehalten.",
              "Der Relay-Server (TURN), betrieben vom Betreiber oder von Cloudflare, leitet nur verschlüsselte Pakete weiter, wenn keine direkte Verbindung möglich ist; er kann das Gespräch weder sehen noch hören.",
              "Die vom Betreiber gewählten E-Mail- und SMS-Dienste stellen Einladungen und Erinnerungen zu; sie erhalten die Adresse oder Nummer und die Nachricht, die Praxis und Uhrzeit nennt, aber nichts über Ihre Gesundheit.",
            ],
          },
          "Daten werden nicht verkauft, nicht für Werbung weitergegeben und niemandem sonst offengelegt, es sei denn, das Gesetz verlangt es.",
        ],
      },
      {
        heading: "7. Übermittlung in Länder außerhalb der EU",
        blocks: [
          "Cloudflare, Inc. hat ihren Sitz in den USA. Soweit Daten dorthin gelangen können, beruht die Übermittlung auf dem Angemessenheitsbeschluss der Europäischen Kommission zum EU-US Data Privacy Framework (Art. 45 DSGVO), unter dem Cloudflare zertifiziert ist, sowie auf den EU-Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO).",
        ],
      },
      {
        heading: "8. Müssen Sie Daten angeben?",
        blocks: [
          "Gesetzlich sind Sie dazu nicht verpflichtet. Ohne einen Namen, an dem die Praxis Sie erkennt, und ohne Zustimmung zu ihrem Einwilligungstext können Sie das Wartezimmer nicht betreten; Sie können dann mit der Praxis eine andere Form des Termins vereinbaren. Sie können Ihre Kamera jederzeit ausschalten oder nur mit Ton teilnehmen.",
        ],
      },
      {
        heading: "9. Ihre Rechte",
        blocks: [
          "Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und auf Widerspruch gegen eine Verarbeitung nach Art. 6 Abs. 1 lit. f (Art. 21). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3); die Rechtmäßigkeit der Verarbeitung bis dahin bleibt unberührt.",
          "Als Patientin oder Patient wenden Sie sich bitte an die Praxis: Sie ist für Ihre Sprechstunde verantwortlich. Behandelnde können ihre eigenen Daten auf ihrer Kontoseite herunterladen und löschen und sich für alles Weitere an den Betreiber wenden. Anfragen zu einer Sprechstunde, die beim Betreiber eingehen, leitet er an die Praxis weiter.",
        ],
      },
      {
        heading: "10. Beschwerderecht",
        blocks: [
          "Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO), insbesondere in dem Mitgliedstaat Ihres Aufenthaltsorts, Ihres Arbeitsplatzes oder des Orts des mutmaßlichen Verstoßes. Die für den Betreiber zuständige Behörde ist unter 1. genannt.",
        ],
      },
      {
        heading: "11. Änderungen",
        blocks: ["Diese Hinweise werden angepasst, wenn sich der Dienst ändert. Das Datum oben nennt den Stand."],
      },
    ],
  },
};
