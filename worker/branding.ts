// What patients see of a practice: the name it shows them, its colour and logo. The logo is a small
// PNG, JPEG or WebP image, recognised by its first bytes (not by what the upload claims), kept in D1
// and served from our own origin by its hash, so the pages' CSP stays img-src 'self' data:.
import { eq } from "drizzle-orm";
import { practiceLogos } from "../schema/tables.ts";
import type { Database } from "./db.ts";

export type LogoType = "image/png" | "image/jpeg" | "image/webp";

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);

/** The image type the bytes really are, or undefined for anything else (SVG included: it can run script). */
export function logoType(bytes: Uint8Array): LogoType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // "RIFF" <size> "WEBP"
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return undefined;
}

export const logoUrl = (hash: string) => `/api/logos/${hash}`;

/** The path of the practice's logo, or null without one. */
export async function practiceLogoUrl(db: Database, practiceId: string): Promise<string | null> {
  const [row] = await db
    .select({ hash: practiceLogos.hash })
    .from(practiceLogos)
    .where(eq(practiceLogos.practiceId, practiceId))
    .limit(1);
  return row ? logoUrl(row.hash) : null;
}

/** The name patients see: the brand name where the practice set one. */
export const nameForPatients = (practice: { name: string; brandName: string }) => practice.brandName || practice.name;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
