// The practice's branding and the patient's own link travel from the join page to the end of the call
// in sessionStorage (as tickets do, client/src/tickets.ts): the call's end page shows whom to contact
// and where to start again without another request, and a reload during the call keeps them.
import type { PracticeBrand } from "./practice-line.tsx";

/** What the patient's end page needs: the practice's branding and the join link to go back to. */
export interface KeptBrand extends PracticeBrand {
  joinPath: string;
}

const key = (consultationId: string) => `anteroom.brand.${consultationId}`;

export function keepBrand(consultationId: string, brand: KeptBrand): void {
  sessionStorage.setItem(key(consultationId), JSON.stringify(brand));
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/** The kept branding, or undefined when this tab never joined through a link (a provider, a new tab). */
export function readBrand(consultationId: string): KeptBrand | undefined {
  const raw = sessionStorage.getItem(key(consultationId));
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const kept = parsed as Record<string, unknown>;
  const joinPath = text(kept.joinPath);
  // Only a path on this site: never a link elsewhere, whatever ended up in storage.
  if (!joinPath?.startsWith("/j/")) return undefined;
  return {
    joinPath,
    practiceName: text(kept.practiceName),
    contactLine: text(kept.contactLine),
    logoUrl: text(kept.logoUrl),
    brandColour: text(kept.brandColour),
  };
}
