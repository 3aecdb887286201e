// The terms of use, in English and German: who may use the service and how, what it is not (an emergency
// service), and what the operator, the practices and patients can rely on.
import type { LegalTexts } from "./legal-text.ts";

export const termsTexts: LegalTexts = {
  en: {
    title: "Terms of use",
    version: "Version of 4 December 2026",
    intro: [
      "These terms apply to everyone who uses the video consultation service Anteroom: practices and their staff (providers), patients and the people they bring into a consultation.",
    ],
    sections: [
      {
        heading: "1. Operator",
        operator: true,
        blocks: [
          "The service is run by the operator named here. The medical treatment itself is a matter between you and your practice only; the operator is not party to it and gives no medical advice.",
        ],
      },
      {
        heading: "2. What the service does",
        blocks: [
          "Anteroom lets practices hold video consultations in the browser: invitations by link or code, a virtual waiting room, an end-to-end encrypted video call directly between the participants' devices (peer to peer, DTLS-SRTP), chat and file exchange within the call. Nothing of a call is recorded or stored. The service shows no advertising and uses no tracking.",
        ],
      },
      {
        heading: "3. Not for emergencies",
        blocks: [
          "The service is not an emergency service and does not replace one. In an emergency call 112 (in the whole EU). In Germany, for urgent medical help outside opening hours, call the on-call medical service at 116 117.",
        ],
      },
      {
        heading: "4. Who may use it",
        blocks: [
          {
            list: [
              "Practices and health professionals who may hold consultations by video under their professional rules. Their accounts are created by the operator, through an admin's invitation, or by sign-up where the operator allows it.",
              "Patients, and the people they or the practice invite (relatives, interpreters, colleagues), through a link or code from a practice. Patients need no account, do not register and pay the operator nothing.",
            ],
          },
        ],
      },
      {
        heading: "5. For patients",
        blocks: [
          {
            list: [
              "Use only the link or code your practice gave you, and do not pass it on: it is meant for you (or the person it names).",
              "Enter a name the practice can recognise you by. Choose a quiet, private place for the consultation and a connection you trust.",
              "You may leave the call at any time. If the connection fails, the practice will contact you in the way you agreed.",
              "Do not record the consultation, not even with another device, without everyone's consent; recording someone's spoken words without consent is a criminal offence in Germany (§ 201 StGB).",
            ],
          },
        ],
      },
      {
        heading: "6. Duties of practices and providers",
        blocks: [
          {
            list: [
              "Observe your professional rules on remote treatment (in Germany, for example, § 7(4) of the model professional code for physicians, and Annex 31b to the federal collective agreement for physicians), and check a patient's identity at the start of a consultation.",
              "Hold consultations from a closed room where nobody listens in unnoticed, and do not record them.",
              "Inform your patients about your processing (Art. 13 GDPR), conclude a data processing agreement with the operator (Art. 28 GDPR), and keep your documentation in your own records: Anteroom keeps no medical record.",
              "Keep your login to yourself, use a strong password and two-factor login, and log out on shared devices.",
              "Put into appointments' titles and notes only what you need to organise them: they are for your practice, never for the patient.",
              "Send invitations only to people who expect them; the service limits how many messages a practice may send.",
            ],
          },
        ],
      },
      {
        heading: "7. Acceptable use",
        blocks: [
          "Do not use the service for anything unlawful, do not attack it or try to reach other people's data, do not read it automatically in bulk and do not use it to send unsolicited messages. The operator may suspend an account that does so, and will tell the account's practice.",
        ],
      },
      {
        heading: "8. Availability",
        blocks: [
          "The operator takes care to keep the service available, but cannot promise that it is always free of interruptions: maintenance, faults of the hosting or of internet connections, and the browser and device you use all play a part. A consultation needs a current browser (Chrome, Edge, Firefox or Safari) with camera and microphone access. The operator announces planned maintenance to providers in advance where it can.",
        ],
      },
      {
        heading: "9. Liability",
        blocks: [
          "The operator is liable without limitation for intent and gross negligence and for injury to life, body or health, and under the Product Liability Act; otherwise as provided by law. The operator is not liable for the content of consultations, which is the practice's responsibility.",
        ],
      },
      {
        heading: "10. Privacy",
        blocks: [
          {
            parts: [
              "How your data is processed is explained in the ",
              { text: "privacy notice", href: "/privacy" },
              ", which also lists everything the service stores and for how long.",
            ],
          },
        ],
      },
      {
        heading: "11. Changes and applicable law",
        blocks: [
          "The operator may change these terms when the service or the law changes; providers are told of changes in advance. The law of the Federal Republic of Germany applies, without prejudice to mandatory consumer protection of the country where a patient lives. Should a provision be invalid, the others remain in force.",
        ],
      },
    ],
  },
  de: {
    title: "Nutzungsbedingungen",
    version: "Stand: 4. Dezember 2026",
    intro: [
      "Diese Bedingungen gelten für alle, die den Videosprechstunden-Dienst Anteroom nutzen: Praxen und ihre Mitarbeitenden (Behandelnde), Patientinnen und Patienten sowie die Personen, die sie in eine Sprechstunde mitnehmen.",
    ],
    sections: [
      {
        heading: "1. Betreiber",
        operator: true,
        blocks: [
          "Der Dienst wird von dem hier genannten Betreiber betrieben. Die ärztliche Behandlung selbst ist allein eine Sache zwischen Ihnen und Ihrer Praxis; der Betreiber ist daran nicht beteiligt und gibt keinen medizinischen Rat.",
        ],
      },
      {
        heading: "2. Was der Dienst leistet",
        blocks: [
          "Mit Anteroom halten Praxen Videosprechstunden im Browser ab: Einladungen per Link oder Code, ein virtuelles Wartezimmer, ein Ende-zu-Ende-verschlüsseltes Videogespräch direkt zwischen den Geräten der Teilnehmenden (Peer-to-Peer, DTLS-SRTP), Chat und Dateiaustausch im Gespräch. Von einem Gespräch wird nichts aufgezeichnet oder gespeichert. Der Dienst zeigt keine Werbung und verwendet kein Tracking.",
        ],
      },
      {
        heading: "3. Nicht für Notfälle",
        blocks: [
          "Der Dienst ist kein Notdienst und ersetzt keinen. Im Notfall rufen Sie die 112 an (in der ganzen EU). In Deutschland erreichen Sie den ärztlichen Bereitschaftsdienst für dringende Hilfe außerhalb der Sprechzeiten unter 116 117.",
        ],
      },
      {
        heading: "4. Wer den Dienst nutzen darf",
        blocks: [
          {
            list: [
              "Praxen und Angehörige der Gesundheitsberufe, die nach ihrem Berufsrecht Sprechstunden per Video abhalten dürfen. Ihre Konten entstehen durch den Betreiber, durch Einladung einer Administratorin bzw. eines Administrators ihrer Praxis oder durch Registrierung, wo der Betreiber sie zulässt.",
              "Patientinnen und Patienten sowie die Personen, die sie oder die Praxis einladen (Angehörige, Dolmetschende, Kolleginnen und Kollegen), über einen Link oder Code einer Praxis. Patientinnen und Patienten brauchen kein Konto, registrieren sich nicht und zahlen dem Betreiber nichts.",
            ],
          },
        ],
      },
      {
        heading: "5. Für Patientinnen und Patienten",
        blocks: [
          {
            list: [
              "Verwenden Sie nur den Link oder Code, den Ihre Praxis Ihnen gegeben hat, und geben Sie ihn nicht weiter: Er ist für Sie (oder die genannte Person) bestimmt.",
              "Geben Sie einen Namen ein, an dem die Praxis Sie erkennt. Wählen Sie für die Sprechstunde einen ruhigen, ungestörten Ort und eine Verbindung, der Sie vertrauen.",
              "Sie können das Gespräch jederzeit verlassen. Bricht die Verbindung ab, meldet sich die Praxis auf dem vereinbarten Weg.",
              "Zeichnen Sie die Sprechstunde nicht auf, auch nicht mit einem anderen Gerät, ohne dass alle zustimmen; das nicht öffentlich gesprochene Wort ohne Einwilligung aufzunehmen ist strafbar (§ 201 StGB).",
            ],
          },
        ],
      },
      {
        heading: "6. Pflichten der Praxen und Behandelnden",
        blocks: [
          {
            list: [
              "Beachten Sie Ihr Berufsrecht zur Fernbehandlung (in Deutschland etwa § 7 Abs. 4 der Musterberufsordnung für Ärztinnen und Ärzte und die Anlage 31b zum Bundesmantelvertrag-Ärzte) und prüfen Sie zu Beginn einer Sprechstunde die Identität der Patientin oder des Patienten.",
              "Halten Sie Sprechstunden in einem geschlossenen Raum ab, in dem niemand unbemerkt mithört, und zeichnen Sie sie nicht auf.",
              "Informieren Sie Ihre Patientinnen und Patienten über Ihre Verarbeitung (Art. 13 DSGVO), schließen Sie mit dem Betreiber einen Vertrag zur Auftragsverarbeitung (Art. 28 DSGVO) und führen Sie Ihre Dokumentation in Ihren eigenen Unterlagen: Anteroom führt keine Patientenakte.",
              "Halten Sie Ihre Anmeldung geheim, verwenden Sie ein starkes Passwort und die Zwei-Faktor-Anmeldung und melden Sie sich an gemeinsam genutzten Geräten ab.",
              "Schreiben Sie in Titel und Notizen von Terminen nur, was Sie für deren Organisation brauchen: Sie sind für Ihre Praxis bestimmt, nie für die Patientin oder den Patienten.",
              "Senden Sie Einladungen nur an Personen, die sie erwarten; der Dienst begrenzt, wie viele Nachrichten eine Praxis senden kann.",
            ],
          },
        ],
      },
      {
        heading: "7. Zulässige Nutzung",
        blocks: [
          "Nutzen Sie den Dienst für nichts Rechtswidriges, greifen Sie ihn nicht an, versuchen Sie nicht, an Daten anderer zu gelangen, lesen Sie ihn nicht automatisiert in großer Menge aus und versenden Sie darüber keine unerwünschten Nachrichten. Der Betreiber kann ein Konto, das dies tut, sperren und informiert dann dessen Praxis.",
        ],
      },
      {
        heading: "8. Verfügbarkeit",
        blocks: [
          "Der Betreiber bemüht sich, den Dienst verfügbar zu halten, kann aber nicht zusagen, dass er immer ohne Unterbrechung läuft: Wartung, Störungen beim Hosting oder bei Internetverbindungen sowie der verwendete Browser und das Gerät spielen mit. Eine Sprechstunde braucht einen aktuellen Browser (Chrome, Edge, Firefox oder Safari) mit Zugriff auf Kamera und Mikrofon. Geplante Wartungen kündigt der Betreiber den Behandelnden nach Möglichkeit vorher an.",
        ],
      },
      {
        heading: "9. Haftung",
        blocks: [
          "Der Betreiber haftet unbeschränkt für Vorsatz und grobe Fahrlässigkeit, für Schäden aus der Verletzung des Lebens, des Körpers oder der Gesundheit und nach dem Produkthaftungsgesetz; im Übrigen nach den gesetzlichen Vorschriften. Für den Inhalt von Sprechstunden ist die Praxis verantwortlich, nicht der Betreiber.",
        ],
      },
      {
        heading: "10. Datenschutz",
        blocks: [
          {
            parts: [
              "Wie Ihre Daten verarbeitet werden, erklären die ",
              { text: "Datenschutzhinweise", href: "/privacy" },
              "; sie nennen auch alles, was der Dienst speichert, und wie lange.",
            ],
          },
        ],
      },
      {
        heading: "11. Änderungen und anwendbares Recht",
        blocks: [
          "Der Betreiber kann diese Bedingungen ändern, wenn sich der Dienst oder das Recht ändert; Behandelnde werden vorher informiert. Es gilt das Recht der Bundesrepublik Deutschland, unbeschadet zwingender Verbraucherschutzvorschriften des Landes, in dem eine Patientin oder ein Patient lebt. Ist eine Bestimmung unwirksam, bleiben die übrigen wirksam.",
        ],
      },
    ],
  },
};
