import { pageModeCss, pageZoom } from '../../components/pagemode/styles';
import type { Theme } from '../../lib/theme/themes';

/**
 * Page mode on the live page: one constructed stylesheet adopted by the document (a page's
 * style-src CSP does not apply to it) and nothing else. Removing it restores the page exactly:
 * no attribute, class or element of the page is touched.
 */
export interface PageStyle {
  update(theme: Theme, fontSize: number): void;
  remove(): void;
}

/** Keeps the same part of the page in view when the zoom changes. */
function keepPlace(change: () => void): void {
  const root = document.scrollingElement ?? document.documentElement;
  const before = root.scrollHeight > 0 ? root.scrollTop / root.scrollHeight : 0;
  change();
  if (before > 0) window.scrollTo({ top: before * root.scrollHeight, behavior: 'instant' });
}

export function applyPageStyle(theme: Theme, fontSize: number): PageStyle | null {
  let sheet: CSSStyleSheet;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(pageModeCss(theme, pageZoom(fontSize)));
    keepPlace(() => {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
  } catch {
    // A browser that refuses a content script's sheet on the document: no page mode.
    return null;
  }
  return {
    update(next, size) {
      keepPlace(() => sheet.replaceSync(pageModeCss(next, pageZoom(size))));
    },
    remove() {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}
