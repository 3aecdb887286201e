// Names and short lines people type that other people will read: a provider's display name (shown to
// patients), a patient's name (shown to the provider), a practice's name and contact line. Control
// characters and the invisible direction overrides (U+202A–U+202E, U+2066–U+2069) are refused: they
// could make a name read as something else than what is stored. Plain numbers and regexes, no zod:
// the client may import this file.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNREADABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** True when the text holds nothing that would hide or disguise what it says. */
export const isPlainLine = (text: string): boolean => !UNREADABLE.test(text);

export const PLAIN_LINE_MESSAGE = "Control characters and text-direction overrides are not allowed.";

// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, but line breaks are allowed.
const UNREADABLE_IN_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** As isPlainLine, for text of several lines (a consent text): line breaks are allowed. */
export const isPlainText = (text: string): boolean => !UNREADABLE_IN_TEXT.test(text);

const UNREADABLE_IN_TEXT_GLOBAL = new RegExp(UNREADABLE_IN_TEXT.source, "g");

/** The text with tabs as spaces and every other character isPlainText refuses removed (for what a page sends). */
export const readableText = (text: string): string => text.replaceAll("\t", " ").replace(UNREADABLE_IN_TEXT_GLOBAL, "");

// A web or e-mail address inside a name: "://", "www.", an "@" between words, or a dotted host name
// ("evil.example", "evil.example/path"). A host name must end the word: "Dr.med." (with its dot) is a
// title, not an address. Mail programs turn such text into links, so names that are mailed to people
// (practice and brand names, providers' names) must not carry one.
const ADDRESS =
  /:\/\/|\bwww\.|[\p{L}\p{N}._%+-]@[\p{L}\p{N}-]|(?:^|[^\p{L}\p{N}.-])(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?=$|[\s/:?#),;!"'])/iu;

/** True when the text holds something a mail program would make a link of. */
export const holdsAddress = (text: string): boolean => ADDRESS.test(text);

export const NO_ADDRESS_MESSAGE = "Names may not contain a web or e-mail address.";
