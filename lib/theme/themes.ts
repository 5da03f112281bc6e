/**
 * Colour themes. Every text-ish token reaches WCAG AAA (7:1) against the surface it is
 * drawn on; tests/unit/contrast.test.ts recomputes each pair from these tokens.
 */
import {
  AA_NON_TEXT,
  AA_TEXT,
  AAA_TEXT,
  contrastRatio,
  mix,
  normalizeHex,
  relativeLuminance,
} from './contrast.ts';

export const THEME_IDS = ['light', 'dark', 'yellow', 'cream', 'dim'] as const;
export type ThemeId = (typeof THEME_IDS)[number];

export interface Theme {
  id: ThemeId | 'custom';
  /** CSS `color-scheme`, so native controls and scrollbars match the page. */
  scheme: 'light' | 'dark';
  bg: string;
  text: string;
  link: string;
  heading: string;
  /** Byline, date, source line. Still ≥ 7:1: "secondary" must not mean "hard to read". */
  meta: string;
  /** Focus outline, drawn on bg. */
  focus: string;
  /** Background of the sentence being read aloud. */
  highlight: string;
  highlightText: string;
  /** Non-text edges (WCAG 1.4.11 asks 3:1 against bg). */
  border: string;
  buttonBg: string;
  buttonText: string;
}

const THEMES: Readonly<Record<ThemeId, Readonly<Theme>>> = {
  light: {
    id: 'light',
    scheme: 'light',
    bg: '#ffffff',
    text: '#000000',
    link: '#0040c0',
    heading: '#000000',
    meta: '#3d3d3d',
    focus: '#0033cc',
    highlight: '#ffd500',
    highlightText: '#000000',
    border: '#595959',
    buttonBg: '#0b3d91',
    buttonText: '#ffffff',
  },
  dark: {
    id: 'dark',
    scheme: 'dark',
    bg: '#000000',
    text: '#ffffff',
    link: '#8cc8ff',
    heading: '#ffffff',
    meta: '#d0d0d0',
    focus: '#ffd500',
    highlight: '#ffe14d',
    highlightText: '#000000',
    border: '#a0a0a0',
    buttonBg: '#ffffff',
    buttonText: '#000000',
  },
  yellow: {
    id: 'yellow',
    scheme: 'dark',
    bg: '#000000',
    text: '#ffff00',
    link: '#00ffff',
    heading: '#ffff00',
    meta: '#e6e600',
    focus: '#ffffff',
    // Reverse video: the sentence being read becomes black on yellow.
    highlight: '#ffff00',
    highlightText: '#000000',
    border: '#ffff00',
    buttonBg: '#ffff00',
    buttonText: '#000000',
  },
  cream: {
    id: 'cream',
    scheme: 'light',
    bg: '#fbf4e4',
    text: '#000000',
    link: '#00449e',
    heading: '#000000',
    meta: '#3b3b3b',
    focus: '#8a2c00',
    highlight: '#ffd500',
    highlightText: '#000000',
    border: '#6b5a3a',
    buttonBg: '#3b2f1e',
    buttonText: '#fbf4e4',
  },
  // Low glare: no pure white anywhere large; the highlight is a muted gold.
  dim: {
    id: 'dim',
    scheme: 'dark',
    bg: '#262626',
    text: '#d4d4d4',
    link: '#9ecbff',
    heading: '#e0e0e0',
    meta: '#bdbdbd',
    focus: '#ffd75e',
    highlight: '#c9b458',
    highlightText: '#000000',
    border: '#8a8a8a',
    buttonBg: '#404040',
    buttonText: '#f0f0f0',
  },
};

export function isThemeId(id: unknown): id is ThemeId {
  return typeof id === 'string' && (THEME_IDS as readonly string[]).includes(id);
}

/** The built-in theme for id; anything unknown gets 'light' so callers always have colours. */
export function getTheme(id: string): Theme {
  return { ...THEMES[isThemeId(id) ? id : 'light'] };
}

/** What the 'auto' setting means: follow the system's prefers-color-scheme. */
export function autoThemeId(prefersDark: boolean): ThemeId {
  return prefersDark ? 'dark' : 'light';
}

export type ContrastVerdict = 'ok' | 'warn' | 'refuse';

export interface CustomThemeResult {
  theme: Theme;
  /** text/bg contrast; 0 when either colour is not a valid hex colour. */
  ratio: number;
  verdict: ContrastVerdict;
}

export function verdictFor(ratio: number): ContrastVerdict {
  if (ratio >= AAA_TEXT) return 'ok';
  if (ratio >= AA_TEXT) return 'warn';
  return 'refuse';
}

/** Blend fg toward `toward` as far as allowed (≤ maxAmount) while keeping `min` contrast on bg. */
function softest(fg: string, toward: string, bg: string, min: number, maxAmount: number): string {
  for (let step = 10; step > 0; step--) {
    const candidate = mix(fg, toward, (maxAmount * step) / 10);
    if (contrastRatio(candidate, bg) >= min) return candidate;
  }
  return fg;
}

/**
 * A full token set from a reader's two colours. Secondary tokens are blended from the text
 * colour only as far as contrast allows, and highlight/buttons are reverse video, so no
 * derived pair is ever worse than text on bg. On 'refuse' (or unparsable input) the theme is
 * the built-in light or dark one, so a caller that forgets to check the verdict still
 * renders readable text.
 */
export function customTheme(text: string, bg: string): CustomThemeResult {
  const t = normalizeHex(text);
  const b = normalizeHex(bg);
  if (!t || !b) {
    const fallback = b && relativeLuminance(b) < 0.18 ? 'dark' : 'light';
    return { theme: getTheme(fallback), ratio: 0, verdict: 'refuse' };
  }
  const ratio = contrastRatio(t, b);
  const verdict = verdictFor(ratio);
  const dark = relativeLuminance(b) < relativeLuminance(t);
  if (verdict === 'refuse') return { theme: getTheme(dark ? 'dark' : 'light'), ratio, verdict };

  const target = Math.min(ratio, AAA_TEXT);
  const theme: Theme = {
    id: 'custom',
    scheme: dark ? 'dark' : 'light',
    bg: b,
    text: t,
    link: softest(t, dark ? '#8cc8ff' : '#0040c0', b, target, 1),
    heading: t,
    meta: softest(t, b, b, target, 0.4),
    focus: t,
    highlight: t,
    highlightText: b,
    border: softest(t, b, b, AA_NON_TEXT, 0.5),
    buttonBg: t,
    buttonText: b,
  };
  return { theme, ratio, verdict };
}

export type ThemeToken = Exclude<keyof Theme, 'id' | 'scheme'>;

/** [foreground, background, minimum ratio] for every pair drawn in the reader. */
export const CONTRAST_PAIRS: readonly (readonly [ThemeToken, ThemeToken, number])[] = [
  ['text', 'bg', AAA_TEXT],
  ['link', 'bg', AAA_TEXT],
  ['heading', 'bg', AAA_TEXT],
  ['meta', 'bg', AAA_TEXT],
  ['focus', 'bg', AAA_TEXT],
  ['buttonText', 'buttonBg', AAA_TEXT],
  ['highlightText', 'highlight', AAA_TEXT],
  ['border', 'bg', AA_NON_TEXT],
];

export interface ContrastRow {
  theme: ThemeId;
  /** e.g. 'text/bg' */
  pair: string;
  /** Floored (never rounded up) to 2 decimals, so 6.996 cannot print as 7.00. */
  ratio: number;
  /** The minimum this pair must reach. */
  min: number;
}

/** Every built-in theme × pair, for tests and for printing (console.table). */
export function contrastTable(): ContrastRow[] {
  const rows: ContrastRow[] = [];
  for (const id of THEME_IDS) {
    const theme = THEMES[id];
    for (const [fg, bg, min] of CONTRAST_PAIRS) {
      const ratio = Math.floor(contrastRatio(theme[fg], theme[bg]) * 100) / 100;
      rows.push({ theme: id, pair: `${fg}/${bg}`, ratio, min });
    }
  }
  return rows;
}
