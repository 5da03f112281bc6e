/**
 * The care view's stylesheet (for its shadow root) and the custom properties that drive it.
 *
 * READER_CSS is static: every reader choice and theme colour reaches it as a --cm-* custom
 * property set by cssVars() on the view's root element (Preact sets them through the CSSOM,
 * which a page's style-src CSP does not block). Adopt READER_CSS with a constructable
 * stylesheet (shadowRoot.adoptedStyleSheets), not a <style> element, so strict-CSP pages work.
 *
 * Units: px and em only. Never rem or vw-based type: the page's `html { font-size }` and
 * zoom tricks must not reach the view.
 */
import {
  columnMaxWidth,
  DEFAULTS,
  FONT_FAMILIES,
  type FontFamily,
  LIMITS,
  type Settings,
} from '../../lib/prefs/schema.ts';
import type { Theme } from '../../lib/theme/themes.ts';
import { BUTTON_CSS } from '../controls/Button.tsx';
import type { Script } from './view-model.ts';

// 苹方 (macOS/iOS), 微软雅黑 (Windows), 思源黑体/Noto (Android, Linux, installed by hand),
// then the older 黑体 faces. Names in English and Chinese: Windows lists some by both.
const CJK_SANS =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', '微软雅黑', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Source Han Sans CN', '思源黑体', 'Heiti SC', SimHei, '黑体', 'WenQuanYi Micro Hei'";
const CJK_SERIF =
  "'Songti SC', STSong, SimSun, '宋体', 'Noto Serif CJK SC', 'Noto Serif SC', 'Source Han Serif SC', '思源宋体', 'AR PL UMing CN'";

/** System fonts only (no web fonts shipped); every stack ends in a generic family. */
export const FONT_STACKS: Readonly<Record<FontFamily, string>> = {
  sans: `${CJK_SANS}, sans-serif`,
  serif: `${CJK_SERIF}, serif`,
  kai: `KaiTi, STKaiti, 'Kaiti SC', '楷体', KaiTi_GB2312, '楷体_GB2312', 'AR PL UKai CN', ${CJK_SERIF}, serif`,
  'latin-sans': `'Atkinson Hyperlegible', Verdana, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', ${CJK_SANS}, sans-serif`,
  'latin-serif': `Georgia, Charter, 'Times New Roman', 'Noto Serif', ${CJK_SERIF}, serif`,
};

const MONO_STACK =
  "ui-monospace, 'SF Mono', Menlo, Consolas, 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace";

function clampNumber(value: number, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** Toolbar text: follows the body size but stays between 18 and 28 px. */
export function uiFontSize(fontSize: number): number {
  return Math.round(Math.min(28, Math.max(18, fontSize * 0.85)));
}

/**
 * A ch is the width of '0', wider than the average letter of running text: in Chromium, a
 * 70ch column held 82 to 93 characters of English per line across our font stacks. Scaled
 * so that a measure of N characters holds at most N.
 */
export const LATIN_CH_PER_CHAR = 0.72;

/**
 * The Latin column: the schema's measure in real characters, and never past 70 of them (the
 * 'wide' measure, 80, is more than long-sighted readers track back to the next line).
 */
export function latinColumn(width: Settings['columnWidth'], letterSpacing: number): string {
  const measure = columnMaxWidth(width === 'wide' ? 'normal' : width, 'latin', letterSpacing);
  return measure.replace(
    /(\d+(?:\.\d+)?)ch\b/,
    (_, n: string) => `${Math.round(Number(n) * LATIN_CH_PER_CHAR * 100) / 100}ch`,
  );
}

export type CssVars = Record<`--cm-${string}`, string>;

/**
 * Every custom property the view reads, from the reader's settings and the resolved theme.
 * Settings are trusted (repairSettings ran) but clamped again: the view must stay readable.
 */
export function cssVars(settings: Settings, theme: Theme, script: Script = 'cjk'): CssVars {
  const fontSize = clampNumber(
    settings.fontSize,
    LIMITS.fontSize.min,
    LIMITS.fontSize.max,
    DEFAULTS.fontSize,
  );
  const lineHeight = clampNumber(
    settings.lineHeight,
    LIMITS.lineHeight.min,
    LIMITS.lineHeight.max,
    DEFAULTS.lineHeight,
  );
  const letterSpacing = clampNumber(
    settings.letterSpacing,
    LIMITS.letterSpacing.min,
    LIMITS.letterSpacing.max,
    DEFAULTS.letterSpacing,
  );
  const family = (FONT_FAMILIES as readonly string[]).includes(settings.fontFamily)
    ? settings.fontFamily
    : DEFAULTS.fontFamily;
  const column =
    script === 'latin'
      ? latinColumn(settings.columnWidth, letterSpacing)
      : columnMaxWidth(settings.columnWidth, script, letterSpacing);
  return {
    '--cm-font-size': `${fontSize}px`,
    '--cm-ui-font-size': `${uiFontSize(fontSize)}px`,
    '--cm-line-height': String(lineHeight),
    '--cm-letter-spacing': `${letterSpacing}em`,
    '--cm-font-family': FONT_STACKS[family],
    '--cm-column-width': column,
    '--cm-color-scheme': theme.scheme,
    '--cm-bg': theme.bg,
    '--cm-text': theme.text,
    '--cm-link': theme.link,
    '--cm-heading': theme.heading,
    '--cm-meta': theme.meta,
    '--cm-focus': theme.focus,
    '--cm-highlight': theme.highlight,
    '--cm-highlight-text': theme.highlightText,
    '--cm-border': theme.border,
    '--cm-button-bg': theme.buttonBg,
    '--cm-button-text': theme.buttonText,
  };
}

/**
 * The same properties as declaration text ("--cm-bg: #ffffff; ..."), e.g. for a
 * `:host { ... }` rule in a constructable stylesheet so the host's own background matches.
 * Values are numbers, hex colours and our own font stacks: nothing from the page.
 * `important` for :host: a page rule on the host (`care-mode-root { --cm-bg: red }`) beats a
 * normal :host declaration, but never an important one (`all` does not reset custom
 * properties).
 */
export function cssVarsText(vars: CssVars, important = false): string {
  const flag = important ? ' !important' : '';
  return Object.entries(vars)
    .map(([name, value]) => `${name}: ${value}${flag};`)
    .join(' ');
}

/** Text for screen readers only; shared by every stylesheet we put in a shadow root. */
export const SR_ONLY_CSS = `.cm-sr-only {
  position: absolute !important;
  width: 1px !important;
  height: 1px !important;
  margin: -1px !important;
  padding: 0 !important;
  overflow: hidden !important;
  clip: rect(0 0 0 0) !important;
  white-space: nowrap !important;
  border: 0 !important;
}
`;

export const READER_CSS = `
:host {
  all: initial !important;
  /* 'all' leaves these two alone, so an rtl page would flip the toolbar. Our UI locales are
     left-to-right; the article carries its own dir. */
  direction: ltr !important;
  unicode-bidi: isolate !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  z-index: 2147483647 !important;
  width: auto !important;
  height: auto !important;
  min-width: 0 !important;
  min-height: 0 !important;
  max-width: none !important;
  max-height: none !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  overflow: auto !important;
  overscroll-behavior: contain !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  pointer-events: auto !important;
  background: var(--cm-bg, Canvas) !important;
  color: var(--cm-text, CanvasText) !important;
  color-scheme: var(--cm-color-scheme, light dark);
  scroll-padding-block-start: 112px;
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

[hidden] {
  display: none !important;
}

.cm-root {
  min-height: 100%;
  margin: 0;
  padding: 0 0 48px;
  background: var(--cm-bg);
  color: var(--cm-text);
  color-scheme: var(--cm-color-scheme);
  font-family: var(--cm-font-family);
  font-size: var(--cm-font-size);
  font-weight: 400;
  font-style: normal;
  line-height: var(--cm-line-height);
  text-align: start;
  text-transform: none;
  text-indent: 0;
  word-spacing: normal;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
  overflow-wrap: anywhere;
  line-break: strict;
}
.cm-root:focus {
  outline: none;
}

:focus-visible {
  outline: 4px solid var(--cm-focus);
  outline-offset: 3px;
}

${SR_ONLY_CSS}
/* ---------------------------------------------------------------- toolbar */

.cm-toolbar {
  position: sticky;
  top: 0;
  z-index: 1;
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  align-items: stretch;
  gap: 8px;
  margin: 0;
  padding: 8px 12px;
  background: var(--cm-bg);
  border-bottom: 2px solid var(--cm-border);
  font-size: var(--cm-ui-font-size);
  line-height: 1.2;
}
.cm-toolbar .cm-btn {
  flex: 0 1 auto;
  max-width: 100%;
}
/* The second line (the theme's name) is text to read too: never below 18 px. */
.cm-toolbar .cm-btn__detail {
  font-size: max(18px, 0.85em);
}
/* Small or zoomed-in windows: the toolbar scrolls away instead of covering the text. */
@media (max-height: 559px), (max-width: 479px) {
  .cm-toolbar {
    position: static;
  }
  :host {
    scroll-padding-block-start: 0;
  }
}
@media (max-width: 479px) {
  .cm-toolbar {
    gap: 6px;
    padding: 6px 8px;
  }
  .cm-toolbar .cm-btn {
    flex: 1 1 88px;
    padding-inline: 6px;
  }
  /* The way back gets a whole row rather than a label broken mid-word. */
  .cm-toolbar .cm-btn[data-cm-button='exit'] {
    flex-basis: 100%;
  }
}

/* ---------------------------------------------------------------- article column */

.cm-main {
  display: block;
  margin: 0;
  padding: 24px 16px 0;
}
.cm-article {
  --cm-para-gap: calc(1.5em * var(--cm-line-height));
  display: block;
  max-width: var(--cm-column-width);
  margin: 0 auto;
  padding: 0;
}
.cm-article,
.cm-article * {
  letter-spacing: var(--cm-letter-spacing);
  text-align: start;
}
.cm-script-latin .cm-article {
  hyphens: manual;
}

.cm-title {
  margin: 0 0 0.5em;
  color: var(--cm-heading);
  font-size: 1.5em;
  font-weight: 700;
  line-height: 1.5;
}
/* The headline takes focus only so screen readers start there (tabindex -1, not a control):
   no ring around it when the view opens (a boxed headline reads as a text field). Every
   control reached with Tab shows its ring. */
.cm-title:focus,
.cm-title:focus-visible {
  outline: none;
}
.cm-meta {
  margin: 0 0 var(--cm-para-gap);
  padding: 0 0 0.5em;
  border-bottom: 2px solid var(--cm-border);
  color: var(--cm-meta);
  font-size: max(18px, 0.875em);
  line-height: var(--cm-line-height);
}

/* ---------------------------------------------------------------- article body */

.cm-body {
  display: block;
  color: var(--cm-text);
}
/* Presentational attributes left by the sanitizer (bgcolor, align, hspace...) lose here. */
.cm-body * {
  background-color: transparent;
  color: inherit;
  float: none;
}
.cm-body :is(p, ul, ol, dl, blockquote, figure, pre, address, details, hr),
.cm-body .cm-table-wrap {
  margin: 0 0 var(--cm-para-gap);
}
.cm-body :is(li, dd, dt) {
  margin: 0 0 calc(0.5em * var(--cm-line-height));
}
.cm-body :is(ul, ol) {
  padding-inline-start: 1.5em;
}
.cm-body dd {
  margin-inline-start: 1.5em;
}
.cm-body :is(li, blockquote, figure, dd, td, th) > :last-child {
  margin-bottom: 0;
}
.cm-body :is(h1, h2, h3, h4, h5, h6) {
  margin: var(--cm-para-gap) 0 calc(0.5em * var(--cm-line-height));
  color: var(--cm-heading);
  font-weight: 700;
  line-height: 1.5;
}
.cm-body :is(h1, h2) {
  font-size: 1.3em;
}
.cm-body h3 {
  font-size: 1.15em;
}
.cm-body :is(h4, h5, h6) {
  font-size: 1em;
}
.cm-body > :first-child {
  margin-top: 0;
}
.cm-body :is(small, sub, sup) {
  font-size: max(18px, 0.875em);
}
.cm-body blockquote {
  margin-inline: 0;
  padding-inline-start: 1em;
  border-inline-start: 4px solid var(--cm-border);
}
.cm-body hr {
  height: 0;
  border: 0;
  border-top: 2px solid var(--cm-border);
}
.cm-body mark {
  background-color: var(--cm-highlight);
  color: var(--cm-highlight-text);
}

/* Links: underlined, in the link colour, with targets at least 44 px tall. */
.cm-body a,
.cm-meta a {
  color: var(--cm-link);
  text-decoration: underline;
  text-decoration-thickness: max(2px, 0.08em);
  text-underline-offset: 0.2em;
  padding-block: max(0.15em, calc((44px - 1.2em) / 2));
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
}
.cm-body a:visited {
  color: var(--cm-link);
}
.cm-body a:hover {
  text-decoration-thickness: max(3px, 0.12em);
}
.cm-body a:focus-visible {
  outline: 4px solid var(--cm-focus);
  outline-offset: 2px;
}

/* Images: scale to the column, keep captions, zoom on click or Enter. */
.cm-body img {
  display: inline-block;
  max-width: 100%;
  height: auto;
  margin: 0;
  border: 0;
  vertical-align: middle;
}
.cm-body figure {
  margin-inline: 0;
}
.cm-body figcaption,
.cm-body caption {
  margin: 0.5em 0 0;
  color: var(--cm-meta);
  font-size: max(18px, 0.9em);
  line-height: var(--cm-line-height);
}
.cm-img-btn {
  position: relative;
  display: inline-block;
  max-width: 100%;
  margin: 0;
  padding: 0;
  border: 0;
  border-radius: 0;
  background: none;
  color: inherit;
  font: inherit;
  line-height: 0;
  vertical-align: middle;
  cursor: zoom-in;
}
.cm-img-btn img {
  display: block;
}
.cm-img-btn::after {
  content: attr(data-zoom-hint);
  position: absolute;
  inset-inline-end: 6px;
  inset-block-end: 6px;
  padding: 4px 10px;
  border: 2px solid var(--cm-button-text);
  border-radius: 8px;
  background: var(--cm-button-bg);
  color: var(--cm-button-text);
  font-size: var(--cm-ui-font-size);
  font-weight: 600;
  line-height: 1.3;
  letter-spacing: 0;
  white-space: nowrap;
  pointer-events: none;
}
.cm-img-btn:focus-visible {
  outline: 4px solid var(--cm-focus);
  outline-offset: 3px;
}
.cm-no-images .cm-body :is(img, .cm-img-btn, .cm-img-link),
.cm-no-images .cm-zoom {
  display: none !important;
}

/* Tables scroll inside their wrapper, never the page. */
.cm-table-wrap {
  display: block;
  max-width: 100%;
  overflow-x: auto;
  overscroll-behavior-x: contain;
  border: 2px solid var(--cm-border);
}
.cm-body table {
  width: auto;
  min-width: 100%;
  margin: 0;
  border-collapse: collapse;
  overflow-wrap: normal;
  word-break: normal;
}
.cm-body :is(th, td) {
  width: auto;
  height: auto;
  min-width: 4em;
  padding: 0.25em 0.5em;
  border: 1px solid var(--cm-border);
  vertical-align: top;
  line-height: 1.5;
}
.cm-body th {
  font-weight: 700;
}

/* Code wraps inside itself. */
.cm-body pre {
  max-width: 100%;
  padding: 0.5em 0.75em;
  border: 2px solid var(--cm-border);
  overflow: auto;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  font-family: ${MONO_STACK};
  font-size: 0.9em;
  line-height: 1.5;
}
.cm-body code,
.cm-body kbd,
.cm-body samp {
  font-family: ${MONO_STACK};
  font-size: 0.95em;
}
.cm-body pre code {
  font-size: 1em;
}

/* The sentence being read aloud (class or CSS Custom Highlight API). */
.cm-body .cm-speaking,
.cm-title.cm-speaking {
  background-color: var(--cm-highlight);
  color: var(--cm-highlight-text);
}
::highlight(cm-speaking) {
  background-color: var(--cm-highlight);
  color: var(--cm-highlight-text);
}

/* ---------------------------------------------------------------- failure message */

.cm-message {
  max-width: 30em;
  margin: 0 auto;
  padding: 48px 16px;
  text-align: start;
}
.cm-message-title {
  margin: 0 0 0.75em;
  color: var(--cm-heading);
  font-size: 1.25em;
  font-weight: 700;
  line-height: 1.5;
}
.cm-message-title:focus,
.cm-message-title:focus-visible {
  outline: none;
}
.cm-message-detail {
  margin: 0 0 1.5em;
  color: var(--cm-meta);
  font-size: max(18px, 0.875em);
}

/* ---------------------------------------------------------------- image zoom */

.cm-zoom {
  position: fixed;
  inset: 0;
  z-index: 2;
  display: flex;
  flex-direction: column;
  background: var(--cm-bg);
  color: var(--cm-text);
}
.cm-zoom-bar {
  display: flex;
  flex-wrap: wrap;
  justify-content: flex-end;
  gap: 8px;
  padding: 8px 12px;
  border-bottom: 2px solid var(--cm-border);
  font-size: var(--cm-ui-font-size);
}
.cm-zoom-figure {
  display: flex;
  flex: 1 1 auto;
  flex-direction: column;
  min-height: 0;
  margin: 0;
  padding: 12px;
}
.cm-zoom-img {
  flex: 1 1 auto;
  width: 100%;
  min-height: 0;
  object-fit: contain;
}
.cm-zoom-caption {
  flex: 0 0 auto;
  max-height: 30%;
  margin: 12px auto 0;
  max-width: var(--cm-column-width);
  overflow: auto;
  color: var(--cm-text);
}

${BUTTON_CSS}

/* ---------------------------------------------------------------- user preferences */

/* No colour transitions anywhere: a theme switch is instant (and contrast checks never see a
   half-blended colour). Motion that exists (the pressed button's 1px nudge) stops here. */
@media (prefers-reduced-motion: reduce) {
  *,
  *::before,
  *::after {
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
}

/* More contrast asked of the system: secondary text becomes text, edges become text-coloured,
   and the low-glare theme trades some of its softness for brighter text. !important because
   the theme's values are set inline on .cm-root. */
@media (prefers-contrast: more) {
  .cm-root {
    --cm-meta: var(--cm-text) !important;
    --cm-border: var(--cm-text) !important;
  }
  .cm-root.cm-theme-dim {
    --cm-text: #ffffff !important;
    --cm-heading: #ffffff !important;
    --cm-meta: #ffffff !important;
    --cm-link: #b8dcff !important;
    --cm-border: #ffffff !important;
  }
  .cm-btn {
    border-width: 3px;
  }
  .cm-body a {
    text-decoration-thickness: max(3px, 0.12em);
  }
  .cm-body :is(th, td) {
    border-width: 2px;
  }
}

@media (forced-colors: active) {
  :host {
    background: Canvas !important;
    color: CanvasText !important;
  }
  .cm-root,
  .cm-toolbar,
  .cm-zoom {
    background: Canvas;
    color: CanvasText;
  }
  .cm-title,
  .cm-body :is(h1, h2, h3, h4, h5, h6),
  .cm-meta,
  .cm-body figcaption,
  .cm-message-title,
  .cm-message-detail {
    color: CanvasText;
  }
  .cm-body a,
  .cm-body a:visited {
    color: LinkText;
  }
  .cm-toolbar,
  .cm-meta,
  .cm-table-wrap,
  .cm-body pre,
  .cm-body :is(th, td),
  .cm-body blockquote,
  .cm-body hr,
  .cm-zoom-bar {
    border-color: CanvasText;
  }
  :focus-visible,
  .cm-body a:focus-visible,
  .cm-img-btn:focus-visible {
    outline-color: Highlight;
  }
  .cm-img-btn::after {
    border-color: ButtonText;
    background: ButtonFace;
    color: ButtonText;
  }
  .cm-body .cm-speaking,
  .cm-title.cm-speaking,
  .cm-body mark {
    forced-color-adjust: none;
    background-color: Highlight;
    color: HighlightText;
  }
}

/* ---------------------------------------------------------------- print: the article alone */

@media print {
  :host {
    position: absolute !important;
    inset: 0 auto auto 0 !important;
    width: 100% !important;
    height: auto !important;
    overflow: visible !important;
    background: #ffffff !important;
    color: #000000 !important;
  }
  .cm-root {
    --cm-bg: #ffffff !important;
    --cm-text: #000000 !important;
    --cm-heading: #000000 !important;
    --cm-meta: #000000 !important;
    --cm-link: #000000 !important;
    --cm-border: #000000 !important;
    --cm-highlight: #ffffff !important;
    --cm-highlight-text: #000000 !important;
    min-height: 0;
    padding: 0;
    background: #ffffff;
    color: #000000;
  }
  .cm-toolbar,
  .cm-zoom,
  .cm-sr-only,
  .cm-img-btn::after {
    display: none !important;
  }
  .cm-main {
    padding: 0;
  }
  .cm-article {
    max-width: none;
  }
  .cm-body a {
    padding-block: 0;
  }
  .cm-table-wrap {
    overflow: visible;
  }
  .cm-body :is(img, figure, pre, table, blockquote) {
    break-inside: avoid;
  }
  .cm-title,
  .cm-body :is(h1, h2, h3, h4, h5, h6) {
    break-after: avoid;
  }
}
`;
