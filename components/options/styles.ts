/**
 * The options page's stylesheet. Colours come from lib/theme (the 'light' theme, or 'dark'
 * when the system is dark), so every text pair is AAA (≥ 7:1). Large type throughout;
 * controls are at least 48 px tall.
 */
import { getTheme, type Theme } from '../../lib/theme/themes.ts';
import { BUTTON_CSS } from '../controls/Button.tsx';

function themeVars(theme: Theme): string {
  return [
    `--cm-bg: ${theme.bg}`,
    `--cm-text: ${theme.text}`,
    `--cm-link: ${theme.link}`,
    `--cm-heading: ${theme.heading}`,
    `--cm-meta: ${theme.meta}`,
    `--cm-focus: ${theme.focus}`,
    `--cm-border: ${theme.border}`,
    `--cm-button-bg: ${theme.buttonBg}`,
    `--cm-button-text: ${theme.buttonText}`,
    `--cm-highlight: ${theme.highlight}`,
    `--cm-highlight-text: ${theme.highlightText}`,
    `color-scheme: ${theme.scheme}`,
  ].join('; ');
}

/** Page colours: light, or dark when the system asks for it. */
export const PAGE_THEME_CSS = `
:root { ${themeVars(getTheme('light'))}; }
@media (prefers-color-scheme: dark) {
  :root { ${themeVars(getTheme('dark'))}; }
}
`;

/**
 * Buttons, radio choices, check boxes and the screen-reader-only rule: shared by the options
 * page and the popup.
 */
export const FORM_CSS = `
${BUTTON_CSS}
.op-field { margin: 0 0 24px; padding: 0; border: 0; min-width: 0; }
.op-field > legend, .op-label {
  display: block; padding: 0; margin: 0 0 8px; font-weight: 700; font-size: 1em;
}
.op-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }

.op-choices { display: flex; flex-wrap: wrap; gap: 12px; }
.op-choice {
  display: inline-flex; align-items: center; gap: 10px;
  min-height: 56px; padding: 8px 16px;
  border: 2px solid var(--cm-border); border-radius: 10px;
  background: var(--cm-bg); color: var(--cm-text);
  cursor: pointer;
}
.op-choice:has(input:checked) { border-width: 4px; padding: 6px 14px; border-color: var(--cm-text); font-weight: 700; }
.op-choice:has(input:focus-visible) { outline: 4px solid var(--cm-focus); outline-offset: 3px; }
.op-choice input { width: 28px; height: 28px; margin: 0; accent-color: var(--cm-link); flex: none; }
.op-choice input:focus-visible { outline: none; }
.op-swatch {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 2.4em; min-height: 1.8em; padding: 0 6px;
  border: 2px solid var(--cm-border); border-radius: 6px; font-weight: 700;
}

.op-check { display: inline-flex; align-items: center; gap: 12px; min-height: 56px; cursor: pointer; }
.op-check input { width: 32px; height: 32px; margin: 0; accent-color: var(--cm-link); }

.op-sr-only {
  position: absolute !important; width: 1px !important; height: 1px !important;
  margin: -1px !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important;
}

@media (forced-colors: active) {
  .op-choice:has(input:checked) { border-color: Highlight; }
}
`;

/** An extension page's base: the theme's colours, large type, a visible focus ring. */
export const PAGE_BASE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html {
  --cm-ui-font-size: 22px;
  background: var(--cm-bg);
  color: var(--cm-text);
  font-family: 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', system-ui, sans-serif;
  font-size: 22px;
  line-height: 1.6;
}
/* Chrome gives extension pages body { font-size: 75% }: the reader gets the full size. */
body { margin: 0; font-size: 100%; }
[hidden] { display: none !important; }
:focus-visible { outline: 4px solid var(--cm-focus); outline-offset: 3px; }
a { color: var(--cm-link); text-decoration-thickness: 2px; text-underline-offset: 0.2em; }
`;

export const OPTIONS_CSS = `
${FORM_CSS}
${PAGE_BASE_CSS}

.op-skip {
  position: absolute; left: 8px; top: -200px; z-index: 10;
  padding: 12px 16px; background: var(--cm-bg); color: var(--cm-link);
  border: 2px solid var(--cm-border);
}
.op-skip:focus { top: 8px; }

.op-header {
  padding: 24px 24px 16px;
  border-bottom: 2px solid var(--cm-border);
}
.op-header h1 { margin: 0; font-size: 1.6em; line-height: 1.3; color: var(--cm-heading); }
.op-header p { margin: 8px 0 0; max-width: 40em; }

.op-layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  gap: 24px;
  max-width: 1400px;
  margin: 0 auto;
  padding: 24px;
}
@media (min-width: 1100px) {
  .op-layout { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
  .op-preview-wrap { position: sticky; top: 16px; max-height: calc(100vh - 32px); overflow: auto; order: 2; }
}

.op-section {
  margin: 0 0 32px;
  padding: 0 0 24px;
  border-bottom: 2px solid var(--cm-border);
}
.op-section:last-child { border-bottom: 0; }
.op-section h2 { margin: 0 0 12px; font-size: 1.3em; line-height: 1.3; color: var(--cm-heading); }
.op-section > p, .op-note { margin: 0 0 16px; max-width: 40em; }

select, input[type='text'], input[type='color'] {
  min-height: 56px;
  font: inherit;
  color: var(--cm-text);
  background: var(--cm-bg);
  border: 2px solid var(--cm-border);
  border-radius: 8px;
  padding: 6px 12px;
}
select { min-width: 12em; max-width: 100%; }
input[type='text'] { width: min(100%, 20em); }
input[type='color'] { width: 80px; padding: 4px; cursor: pointer; }
select:focus-visible, input:focus-visible { outline: 4px solid var(--cm-focus); outline-offset: 3px; }
.op-message {
  margin: 12px 0 0; padding: 12px 16px;
  border: 3px solid var(--cm-text); border-radius: 8px;
  font-weight: 700; max-width: 40em;
}
.op-message:empty { display: none; }
.op-message--ok { border-style: solid; }
.op-message--warn { border-style: dashed; }
.op-message--error { border-style: double; border-width: 6px; }
.op-message-icon { margin-inline-end: 0.4em; }

.op-contrast { font-size: 1.1em; font-weight: 700; }

.op-sites { list-style: none; margin: 16px 0 0; padding: 0; max-width: 44em; }
.op-site {
  display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between;
  padding: 12px 0; border-top: 2px solid var(--cm-border);
}
.op-site:last-child { border-bottom: 2px solid var(--cm-border); }
.op-site-name { font-size: 1.15em; font-weight: 700; overflow-wrap: anywhere; }
.op-site-state { display: block; font-size: 0.9em; font-weight: 400; }
.op-site .op-row { flex: none; }

.op-confirm {
  margin: 16px 0 0; padding: 16px;
  border: 4px solid var(--cm-text); border-radius: 10px; max-width: 40em;
}
.op-confirm legend { float: left; width: 100%; margin: 0 0 12px; padding: 0; font-weight: 700; }
.op-confirm legend + * { clear: both; }

.op-file { position: relative; display: inline-block; }
.op-file input {
  position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; cursor: pointer;
}
.op-file:has(input:focus-visible) .cm-btn { outline: 4px solid var(--cm-focus); outline-offset: 3px; }

.op-preview-wrap h2 { margin: 0 0 12px; font-size: 1.3em; color: var(--cm-heading); }
.op-preview {
  padding: 24px; border: 2px solid var(--cm-border); border-radius: 10px;
  /* The preview element carries the reader's own --cm-* values (cssVars), so these are the
     previewed theme's colours, not the page's. */
  background: var(--cm-bg); color: var(--cm-text);
  overflow-wrap: anywhere;
}
.op-preview-body {
  max-width: min(100%, var(--cm-column-width));
  margin: 0 auto;
  font-family: var(--cm-font-family);
  font-size: var(--cm-font-size);
  line-height: var(--cm-line-height);
  letter-spacing: var(--cm-letter-spacing);
}
.op-preview-body h3 { margin: 0 0 0.5em; font-size: 1.3em; line-height: 1.4; color: var(--cm-heading); }
.op-preview-body p { margin: 0 0 0.8em; }
.op-preview-body p:last-child { margin-bottom: 0; }
.op-preview-body a { color: var(--cm-link); }

.op-status {
  position: fixed; bottom: 16px; right: 16px; z-index: 5;
  padding: 10px 18px; border-radius: 10px;
  background: var(--cm-button-bg); color: var(--cm-button-text);
  font-weight: 700;
}
.op-status:empty { display: none; }

@media (forced-colors: active) {
  .op-preview { forced-color-adjust: none; }
}
`;
