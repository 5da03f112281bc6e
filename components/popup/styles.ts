/**
 * The popup's stylesheet: the options page's colours (AAA in light and dark) and form
 * controls, laid out for a panel at most 800 × 600 px. Large type; every target ≥ 56 px.
 */
import { FORM_CSS, PAGE_BASE_CSS, PAGE_THEME_CSS } from '../options/styles.ts';

export const POPUP_CSS = `
${PAGE_THEME_CSS}
${FORM_CSS}
${PAGE_BASE_CSS}
.pp { width: 640px; max-width: 100%; padding: 16px 20px 4px; }
.pp-main { margin: 0 0 12px; }
.pp-toggle { width: 100%; min-height: 76px; font-size: 28px; }
.pp-hint { margin: 0 0 8px; font-size: 0.85em; color: var(--cm-meta); }
.pp-blocked {
  margin: 0 0 16px; padding: 12px 16px;
  border: 3px solid var(--cm-text); border-radius: 8px; font-weight: 700;
}
.pp-section { margin: 0 0 12px; padding: 10px 0 0; border-top: 2px solid var(--cm-border); }
.pp-section p { margin: 0; }
.pp-section .op-field { margin: 0; }
.pp-row { display: flex; align-items: center; gap: 12px; }
.pp-row .cm-btn { flex: 1 1 0; flex-direction: row; gap: 0.4em; min-height: 56px; padding: 6px 10px; }
.pp-row .cm-btn__icon { white-space: nowrap; }
.pp-size { flex: none; min-width: 4.5em; text-align: center; font-weight: 700; }
.pp .op-choices { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.pp .op-choice { min-height: 52px; padding: 4px 10px; font-size: 0.9em; line-height: 1.3; }
.pp .op-choice:has(input:checked) { padding: 2px 8px; }
.pp .op-choice > span { display: flex; align-items: center; gap: 8px; }
.pp .op-swatch { min-width: 2em; flex: none; }
.pp .cm-btn--plain { width: 100%; min-height: 56px; text-decoration: underline; }
.pp-status { margin: 0; font-size: 0.85em; }
.pp-status:empty { display: none; }
`;
