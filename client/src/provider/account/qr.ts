// The 2FA enrolment's QR code. Imported only with import() from the enrolment component, so uqr is a
// chunk of its own that the patient pages never load.
import { renderSVG } from "uqr";

/**
 * An otpauth:// URI as an SVG data URL, for an <img> with an alt text (the accessible name). The page's
 * Content-Security-Policy allows data: images but no inline styles, and uqr's markup has none.
 */
export function qrCodeImage(uri: string): string {
  // Medium error correction and a quiet zone of four modules read reliably from a phone held to a screen.
  const svg = renderSVG(uri, { ecc: "M", border: 4, pixelSize: 8 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
