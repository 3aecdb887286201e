// The shape of the legal pages' texts (texts-terms.ts, texts-privacy.ts), both languages in the pages' own
// chunk: a page shows one of them, the one the person chose, and switches with the language toggle.
import type { Language } from "../shared/i18n.ts";

/** A link to a page of this site inside a paragraph ("the privacy notice" in the terms). */
export interface InlineLink {
  readonly text: string;
  readonly href: "/terms" | "/privacy";
}

/**
 * A paragraph, a bulleted list, or a paragraph with links in it (its parts in order). `{days}` is filled in
 * with D1's recovery window (GET /api/legal).
 */
export type Block =
  | string
  | { readonly list: readonly string[] }
  | { readonly parts: readonly (string | InlineLink)[] };

export interface Section {
  readonly heading: string;
  readonly blocks: readonly Block[];
  /** Where the operator's details go (data-testid="operator-details"). */
  readonly operator?: true;
  /** Where the table of stored data goes (privacy notice only). */
  readonly dataTable?: true;
}

export interface LegalText {
  readonly title: string;
  /** "Version of 4 December 2026": when the text last changed. */
  readonly version: string;
  readonly intro: readonly Block[];
  readonly sections: readonly Section[];
}

export type LegalTexts = Record<Language, LegalText>;

/** The labels of the operator's details and the words around the table, per language. */
export interface LegalLabels {
  readonly operatorName: string;
  readonly operatorAddress: string;
  readonly operatorContact: string;
  readonly operatorDpo: string;
  readonly operatorAuthority: string;
  /** Shown in place of a detail the operator has not configured. */
  readonly notConfigured: string;
  /** Above the details when any is missing. */
  readonly incomplete: string;
  readonly loadFailed: string;
  readonly loading: string;
  readonly tableCaption: string;
  readonly columnWhat: string;
  readonly columnWhere: string;
  readonly columnWhy: string;
  readonly columnKept: string;
  readonly placeD1: string;
  readonly placeMemory: string;
  readonly placeStorage: string;
  readonly placeBrowser: string;
  /** After the table; `{days}` is D1's recovery window. */
  readonly recovery: string;
}
