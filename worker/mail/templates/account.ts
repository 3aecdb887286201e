// The account mails, in German and English: confirm the address, someone tried to sign up with it,
// reset the password, and the operator's welcome with a link to set the first password. Each in the
// provider's language, with one link at most (compose.ts), and nothing about anyone else.
import type { Language } from "../../../schema/tables.ts";
import { compose } from "../compose.ts";
import type { Mail } from "../mailer.ts";

interface Recipient {
  to: string;
  /** The provider's display name, for the greeting. */
  name: string;
  language: Language;
}

const greeting = (language: Language, name: string) => (language === "de" ? `Guten Tag ${name},` : `Hello ${name},`);

export function confirmAddressMail(recipient: Recipient, url: string): Mail {
  const { to, name, language } = recipient;
  const de = language === "de";
  return compose({
    to,
    language,
    subject: de ? "Bitte bestätigen Sie Ihre E-Mail-Adresse" : "Please confirm your e-mail address",
    paragraphs: [
      greeting(language, name),
      de
        ? "Sie haben ein Konto bei Anteroom angelegt. Bitte bestätigen Sie Ihre E-Mail-Adresse; erst danach können Sie sich anmelden. Der Link gilt 24 Stunden und nur einmal."
        : "You created an account with Anteroom. Please confirm your e-mail address; you can log in once it is confirmed. The link works once, for 24 hours.",
    ],
    link: { url, label: de ? "Adresse bestätigen" : "Confirm address" },
    footnote: de
      ? "Wenn Sie sich nicht registriert haben, ignorieren Sie diese Mail; ohne Bestätigung wird das Konto nicht nutzbar."
      : "If you did not sign up, ignore this mail; without confirmation the account cannot be used.",
  });
}

/**
 * Someone signed up with an address that has an account already. The sign-up form's answer does not
 * say so (it would tell anyone which addresses have accounts); the owner learns it here, and nothing
 * about who tried.
 */
export function signupAttemptMail(recipient: Recipient, loginUrl: string): Mail {
  const { to, name, language } = recipient;
  const de = language === "de";
  return compose({
    to,
    language,
    subject: de ? "Registrierung mit Ihrer Adresse" : "Sign-up with your address",
    paragraphs: [
      greeting(language, name),
      de
        ? "Jemand hat versucht, mit Ihrer E-Mail-Adresse ein neues Konto bei Anteroom anzulegen. Sie haben bereits ein Konto; es wurde nichts geändert."
        : "Someone tried to create a new Anteroom account with your e-mail address. You have an account already; nothing was changed.",
      de
        ? "Wenn Sie das waren: Melden Sie sich einfach an. Falls Sie Ihr Passwort vergessen haben, können Sie es auf der Anmeldeseite zurücksetzen."
        : "If that was you, just log in. If you forgot your password, you can reset it on the login page.",
    ],
    link: { url: loginUrl, label: de ? "Zur Anmeldung" : "Log in" },
    footnote: de
      ? "Wenn Sie es nicht waren, können Sie diese Mail ignorieren."
      : "If it was not you, you can ignore this mail.",
  });
}

export function resetPasswordMail(recipient: Recipient, url: string): Mail {
  const { to, name, language } = recipient;
  const de = language === "de";
  return compose({
    to,
    language,
    subject: de ? "Passwort zurücksetzen" : "Reset your password",
    paragraphs: [
      greeting(language, name),
      de
        ? "Für Ihr Anteroom-Konto wurde ein neues Passwort angefordert. Über den Link legen Sie es fest; danach sind Sie auf allen Geräten abgemeldet. Der Link gilt eine Stunde und nur einmal."
        : "A new password was asked for your Anteroom account. Set it through the link; you are then logged out on every device. The link works once, for one hour.",
    ],
    link: { url, label: de ? "Neues Passwort festlegen" : "Set a new password" },
    footnote: de
      ? "Wenn Sie das nicht angefordert haben, ignorieren Sie diese Mail; Ihr Passwort bleibt, wie es ist."
      : "If you did not ask for this, ignore this mail; your password stays as it is.",
  });
}

/** The operator created a practice with this person as its admin: they choose their own password. */
export function welcomeAdminMail(recipient: Recipient & { practiceName: string }, url: string): Mail {
  const { to, name, language, practiceName } = recipient;
  const de = language === "de";
  return compose({
    to,
    language,
    subject: de ? "Ihr Anteroom-Konto: Passwort festlegen" : "Your Anteroom account: set your password",
    paragraphs: [
      greeting(language, name),
      de
        ? `Für die Praxis „${practiceName}“ wurde ein Anteroom-Konto angelegt, mit Ihnen als Administrator. Legen Sie über den Link Ihr Passwort fest; damit ist auch Ihre Adresse bestätigt. Der Link gilt 24 Stunden und nur einmal.`
        : `An Anteroom account was set up for the practice “${practiceName}”, with you as its admin. Set your password through the link; this also confirms your address. The link works once, for 24 hours.`,
    ],
    link: { url, label: de ? "Passwort festlegen" : "Set your password" },
    footnote: de
      ? "Wenn Sie damit nicht gerechnet haben, ignorieren Sie diese Mail."
      : "If you did not expect this, ignore this mail.",
  });
}

/**
 * Someone signed up again with an address whose account is not confirmed yet. The first sign-up's
 * password may not be this person's (anyone can type an address), so the mailbox owner chooses the
 * password with this link, which also confirms the address: whoever signed up first gets nothing.
 */
export function signupAgainMail(recipient: Recipient, url: string): Mail {
  const { to, name, language } = recipient;
  const de = language === "de";
  return compose({
    to,
    language,
    subject: de ? "Wählen Sie Ihr Anteroom-Passwort" : "Choose your Anteroom password",
    paragraphs: [
      greeting(language, name),
      de
        ? "Mit Ihrer E-Mail-Adresse wurde erneut ein Konto bei Anteroom angelegt, das noch nicht bestätigt ist. Wählen Sie über diesen Link Ihr Passwort; damit ist Ihre Adresse auch bestätigt. Der Link gilt 24 Stunden und nur einmal."
        : "An Anteroom account was signed up for again with your e-mail address, and it is not confirmed yet. Choose your password with this link; that confirms your address too. The link works once, for 24 hours.",
    ],
    link: { url, label: de ? "Passwort wählen" : "Choose password" },
    footnote: de
      ? "Wenn Sie sich nicht registriert haben, ignorieren Sie diese Mail; ohne diesen Link wird das Konto nicht nutzbar."
      : "If you did not sign up, ignore this mail; without this link the account cannot be used.",
  });
}

/** The second step of the login was locked after too many wrong codes: the owner must know, and act. */
export function secondFactorLockedMail(recipient: Recipient, forgotUrl: string): Mail {
  const { to, name, language } = recipient;
  const de = language === "de";
  return compose({
    to,
    language,
    subject: de ? "Anmeldung gesperrt: zu viele falsche Codes" : "Login locked: too many wrong codes",
    paragraphs: [
      greeting(language, name),
      de
        ? "Bei der Anmeldung mit Ihrem Konto wurde nach dem richtigen Passwort zu oft ein falscher Code eingegeben. Der zweite Anmeldeschritt ist deshalb gesperrt."
        : "After the right password for your account, a wrong code was entered too many times at login. The second login step is therefore locked.",
      de
        ? "Wenn Sie das nicht waren, kennt jemand Ihr Passwort. Setzen Sie es über diesen Link neu; danach können Sie sich wieder mit Ihrer Authenticator-App anmelden."
        : "If that was not you, someone knows your password. Set a new one with this link; afterwards you can log in with your authenticator app again.",
    ],
    link: { url: forgotUrl, label: de ? "Passwort neu setzen" : "Reset password" },
  });
}

/** What happened to the account's two-factor login, for the owner's notice. */
export type SecondFactorChange = "switched-on" | "switched-off" | "reset-by-operator";

/**
 * Two-factor login was switched on or off, or reset by the operator: the owner learns it at once, so
 * that someone who got hold of a session (and the password) cannot quietly lock them out or weaken it.
 */
export function secondFactorChangedMail(recipient: Recipient, change: SecondFactorChange, loginUrl: string): Mail {
  const { to, name, language } = recipient;
  const de = language === "de";
  const what = {
    "switched-on": de
      ? "Für Ihr Konto wurde soeben die Anmeldung in zwei Schritten (Authenticator-App) eingeschaltet."
      : "Two-step login (an authenticator app) was just switched on for your account.",
    "switched-off": de
      ? "Für Ihr Konto wurde soeben die Anmeldung in zwei Schritten ausgeschaltet."
      : "Two-step login was just switched off for your account.",
    "reset-by-operator": de
      ? "Auf Ihre Bitte hat der Betreiber die Anmeldung in zwei Schritten für Ihr Konto zurückgesetzt und alle Sitzungen beendet. Bitte richten Sie sie nach der nächsten Anmeldung neu ein."
      : "At your request the operator has reset two-step login for your account and ended every session. Please set it up again after you next log in.",
  }[change];
  return compose({
    to,
    language,
    subject: de ? "Anmeldung in zwei Schritten geändert" : "Two-step login changed",
    paragraphs: [
      greeting(language, name),
      what,
      de
        ? "Wenn Sie das nicht waren, setzen Sie sofort Ihr Passwort neu und wenden Sie sich an die Verwaltung Ihrer Praxis oder den Betreiber dieses Dienstes."
        : "If that was not you, reset your password at once and contact your practice's admin or the operator of this service.",
    ],
    link: { url: loginUrl, label: de ? "Zur Anmeldung" : "Log in" },
  });
}
