import { fold } from './text';

/**
 * Tables used for layout (old portals, forums and government pages put the whole page, or the
 * article, in one) become plain blocks: the care view then shows their prose at full width
 * instead of inside a sideways-scrolling table, and the text reads as paragraphs. Data tables
 * stay tables.
 */

/** What only prose holds: a cell with two of these and a long text is a page region. */
const CELL_PROSE = new Set(['P', 'DIV', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'H2', 'H3', 'H4']);
const LONG_CELL = 200;
const PARTS = new Set(['TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION']);

/**
 * Declared so (role="presentation"), holding another table, or with a cell holding several
 * paragraphs of prose. Word-exported data tables (one <p> per cell) are not layout.
 */
export function isLayoutTable(table: Element): boolean {
  const role = table.getAttribute('role');
  if (role === 'presentation' || role === 'none') return true;
  if (table.getElementsByTagName('table').length > 0) return true;
  for (const cell of Array.from(table.querySelectorAll('td, th'))) {
    let prose = 0;
    for (const el of Array.from(cell.children)) if (CELL_PROSE.has(el.tagName)) prose++;
    if (prose >= 2 && fold(cell.textContent ?? '').length > LONG_CELL) return true;
  }
  return false;
}

/** Replaces an element by a <div> holding its children (attributes are not carried over). */
function toDiv(el: Element): void {
  const div = (el.ownerDocument as Document).createElement('div');
  while (el.firstChild) div.append(el.firstChild);
  el.replaceWith(div);
}

/** Turns every layout table under root, and its rows and cells, into divs. */
export function unwrapLayoutTables(root: ParentNode): void {
  const layout = Array.from(root.querySelectorAll('table')).filter(isLayoutTable);
  // Innermost first: an outer table's own parts are still found by closest('table').
  for (const table of layout.reverse()) {
    const parts = Array.from(table.querySelectorAll('*')).filter(
      (el) => PARTS.has(el.tagName) && el.closest('table') === table,
    );
    for (const part of parts.reverse()) toDiv(part);
    toDiv(table);
  }
}
