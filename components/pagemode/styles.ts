/**
 * Page mode: for pages that are neither an article nor a headline list (a video page, a web
 * app, a form), the original page itself, enlarged and in the reader's theme colours.
 *
 * pageModeCss() is the stylesheet for the page's document (adopted as a constructed sheet by
 * the content script, so a strict style-src CSP does not block it, and removed on exit, which
 * restores the page exactly). PAGE_BAR_CSS styles the small floating toolbar in our shadow
 * root. Both take every colour from the reader's theme tokens.
 */
import { LIMITS } from '../../lib/prefs/schema.ts';
import type { Theme } from '../../lib/theme/themes.ts';
import { BUTTON_CSS } from '../controls/Button.tsx';
import { SR_ONLY_CSS } from '../reader/styles.ts';

/** Zoom limits: enough to help, not so much that a fixed-width page becomes unusable. */
export const PAGE_ZOOM = { min: 1.25, max: 3 } as const;

/** The page's zoom for the reader's font size: 16 px text is the page's 1×. */
export function pageZoom(fontSize: number): number {
  const px = Number.isFinite(fontSize) ? fontSize : LIMITS.fontSize.min;
  const zoom = Math.round((px / 16) * 100) / 100;
  return Math.min(PAGE_ZOOM.max, Math.max(PAGE_ZOOM.min, zoom));
}

/** A hex colour from our theme tokens, or a safe fallback (the values go into CSS text). */
function hex(value: string, fallback: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(value) ? value : fallback;
}

/** A 48 px arrow cursor (black with a white edge: visible on any background). */
function cursor(fill: string, edge: string): string {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='48' height='48' viewBox='0 0 48 48'><path d='M6 3 L6 39 L15 30 L21 44 L28 41 L22 27 L35 27 Z' fill='${fill}' stroke='${edge}' stroke-width='3' stroke-linejoin='round'/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}") 6 3`;
}

/** A 48 px pointing hand for links and buttons. */
function pointer(fill: string, edge: string): string {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='48' height='48' viewBox='0 0 48 48'><path d='M16 4 C19 4 20 6 20 8 L20 22 L22 21 C24 20 26 21 26 23 L28 22 C30 21 32 22 32 24 L34 23 C36 22 38 24 38 26 L38 34 C38 40 34 45 28 45 L22 45 C18 45 15 43 13 40 L6 30 C5 28 6 26 8 26 C10 26 11 27 12 28 L12 8 C12 6 13 4 16 4 Z' fill='${fill}' stroke='${edge}' stroke-width='3' stroke-linejoin='round'/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}") 16 4`;
}

/**
 * The document stylesheet of page mode: a reflowing zoom of the body (our own root is outside
 * the body, so the toolbar keeps its size), the theme's colours forced on text, surfaces,
 * links and form fields (pictures and video keep theirs), a thick focus ring and a big cursor.
 */
export function pageModeCss(theme: Theme, zoom: number): string {
  const bg = hex(theme.bg, '#ffffff');
  const text = hex(theme.text, '#000000');
  const link = hex(theme.link, '#0040c0');
  const focus = hex(theme.focus, '#0033cc');
  const border = hex(theme.border, '#595959');
  const meta = hex(theme.meta, '#3d3d3d');
  const z = Math.min(PAGE_ZOOM.max, Math.max(PAGE_ZOOM.min, Number.isFinite(zoom) ? zoom : 1.5));
  const dark = theme.scheme === 'dark';
  const arrow = cursor(dark ? '#ffffff' : '#000000', dark ? '#000000' : '#ffffff');
  const hand = pointer(dark ? '#ffffff' : '#000000', dark ? '#000000' : '#ffffff');
  const media = ':is(img, picture, video, canvas, svg, svg *, iframe, embed, object)';
  return `
html {
  background-color: ${bg} !important;
  color-scheme: ${theme.scheme} !important;
  /* Room below the page's end, so the floating bar never hides its last line. */
  padding-bottom: 112px !important;
}
body {
  zoom: ${z} !important;
  min-width: 0 !important;
  cursor: ${arrow}, auto !important;
}
/* Reflow: nothing wider than its container, so the enlarged page needs no sideways scrolling
   (fixed-width layouts would otherwise overflow, centred ones off the left edge). */
body *:not(svg *) {
  min-width: 0 !important;
  max-width: 100% !important;
  overflow-wrap: break-word !important;
}
body :is(img, video) {
  height: auto !important;
}
body, body *:not(${media}) {
  background-color: ${bg} !important;
  color: ${text} !important;
  border-color: ${border} !important;
  text-shadow: none !important;
  opacity: 1 !important;
}
body :is(a, a *):not(${media}) {
  color: ${link} !important;
  text-decoration: underline !important;
}
body :is(a, button, [role="button"], [role="link"], summary, label, select) {
  cursor: ${hand}, pointer !important;
}
body :is(input, textarea, select, button) {
  border: 2px solid ${border} !important;
}
body :is(input, textarea)::placeholder {
  color: ${meta} !important;
  opacity: 1 !important;
}
body :focus-visible {
  outline: 4px solid ${focus} !important;
  outline-offset: 2px !important;
}
@media print {
  body {
    zoom: 1 !important;
  }
}
`;
}

/** The floating toolbar's shadow-root stylesheet: only this small bar is ours on the page. */
export const PAGE_BAR_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: auto 12px 12px auto !important;
  z-index: 2147483647 !important;
  width: auto !important;
  height: auto !important;
  max-width: calc(100vw - 24px) !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  zoom: 1 !important;
  pointer-events: auto !important;
  color-scheme: var(--cm-color-scheme, light dark);
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
.cm-pagebar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px;
  margin: 0;
  padding: 8px;
  border: 3px solid var(--cm-border);
  border-radius: 12px;
  background: var(--cm-bg);
  color: var(--cm-text);
  font-family: var(--cm-font-family);
  font-size: var(--cm-ui-font-size);
  line-height: 1.2;
  box-shadow: 0 2px 10px rgba(0, 0, 0, 0.35);
}
.cm-pagebar:focus {
  outline: none;
}
.cm-pagebar-title {
  margin: 0 4px;
  color: var(--cm-heading);
  font-weight: 700;
}
${SR_ONLY_CSS}@media (max-width: 479px) {
  :host {
    inset: auto 4px 4px 4px !important;
  }
}
@media (forced-colors: active) {
  .cm-pagebar {
    border-color: CanvasText;
    background: Canvas;
    color: CanvasText;
  }
}
@media print {
  :host {
    display: none !important;
  }
}
${BUTTON_CSS}
`;
