// A practice's colour on its patients' pages. It always marks the practice's header; it colours the
// buttons too only where white text on it stays readable (WCAG AA, 4.5:1), so no practice can make
// "Enter the waiting room" unreadable by picking a pale colour.

/** Anteroom's own accent (styles.css --accent). */
export const ANTEROOM_ACCENT = "#0b6e4f";

/** Relative luminance of "#rrggbb" (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast of white text on this colour, 1 to 21. */
export const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

const isColour = (value: string | undefined): value is string => !!value && /^#[0-9a-fA-F]{6}$/.test(value);

/** CSS custom properties for a page in the practice's colour; none without a valid colour. */
export function brandStyle(colour: string | undefined): Record<string, string> {
  if (!isColour(colour)) return {};
  return contrastWithWhite(colour) >= 4.5 ? { "--brand": colour, "--accent": colour } : { "--brand": colour };
}
