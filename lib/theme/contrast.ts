/**
 * WCAG 2.x colour contrast (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio).
 * Pure maths over CSS hex colours, so themes can be checked in unit tests and readers'
 * own colour choices can be judged before they are applied.
 */

export interface Rgb {
  /** 0..255 */
  r: number;
  g: number;
  b: number;
}

/** WCAG AAA body text (1.4.6) — what every Care Mode text colour must reach. */
export const AAA_TEXT = 7;
/** WCAG AA body text (1.4.3) — below this a reader's custom pair is refused. */
export const AA_TEXT = 4.5;
/** WCAG AA non-text contrast (1.4.11): borders, focus outlines, button edges. */
export const AA_NON_TEXT = 3;

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** '#rgb' or '#rrggbb' (any case, surrounding spaces allowed) → channels; anything else → null. */
export function parseHex(input: unknown): Rgb | null {
  // Length check first so a huge string is rejected without scanning it.
  if (typeof input !== 'string' || input.length > 16) return null;
  const m = HEX.exec(input.trim());
  if (!m) return null;
  let hex = m[1]!;
  if (hex.length === 3) hex = hex[0]! + hex[0]! + hex[1]! + hex[1]! + hex[2]! + hex[2]!;
  const n = Number.parseInt(hex, 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 0xff };
}

/** Canonical lowercase '#rrggbb' (channels are rounded and clamped to 0..255). */
export function toHex(rgb: Rgb): string {
  const ch = (v: number) =>
    Math.max(0, Math.min(255, Math.round(v)))
      .toString(16)
      .padStart(2, '0');
  return '#' + ch(rgb.r) + ch(rgb.g) + ch(rgb.b);
}

/** Canonical '#rrggbb' for a valid hex colour, null otherwise. */
export function normalizeHex(input: unknown): string | null {
  const rgb = parseHex(input);
  return rgb ? toHex(rgb) : null;
}

function channel(v: number): number {
  const c = v / 255;
  // 0.04045 is the sRGB spec value; WCAG's older 0.03928 gives the same result for 8-bit input.
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function toRgb(color: string | Rgb): Rgb {
  if (typeof color !== 'string') return color;
  const rgb = parseHex(color);
  // Callers pass theme constants or colours already checked with parseHex; a bad one is a bug.
  if (!rgb) throw new TypeError(`Not a hex colour: ${String(color).slice(0, 20)}`);
  return rgb;
}

/** WCAG relative luminance, 0 (black) .. 1 (white). Throws TypeError on a non-hex string. */
export function relativeLuminance(color: string | Rgb): number {
  const { r, g, b } = toRgb(color);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio, 1..21, symmetric in its arguments. Throws TypeError on a non-hex string. */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Linear blend in sRGB: amount 0 → from, 1 → to. Used to derive softer tokens. */
export function mix(from: string | Rgb, to: string | Rgb, amount: number): string {
  const a = toRgb(from);
  const b = toRgb(to);
  const t = Math.max(0, Math.min(1, amount));
  return toHex({ r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t });
}
