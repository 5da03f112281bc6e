import { fold } from '../lib/article/text';
import type { ListItem } from '../lib/article/types';
import type { Fixture } from './fixtures';

/**
 * Headline-list truth (tests/fixtures/README.md): the page's main story links in page order,
 * and link texts on the page (ads, navigation, rankings, footer) that must never be items.
 */
export interface ListTruth {
  page_url?: string;
  list?: { title: string; url: string }[];
  list_exclude?: string[];
}

export interface ListScore {
  found: number;
  total: number;
  recall: number;
  missing: { title: string; url: string }[];
  /** list_exclude texts that showed up as an item's title or in its meta line. */
  leaked: string[];
}

const norm = (s: string) => fold(s).toLowerCase();

/** A leak is an item that is the excluded link, or shows its text (short texts must match whole). */
function shows(text: string, excluded: string): boolean {
  const t = norm(text);
  const x = norm(excluded);
  return !!x && (t === x || (x.length >= 6 && t.includes(x)));
}

/** Recall of the truth list (matched by URL, else by title) and leaks of excluded texts. */
export function scoreList(items: ListItem[], truth: ListTruth): ListScore {
  const urls = new Set(items.map((i) => i.url));
  const titles = new Set(items.map((i) => norm(i.title)));
  const want = truth.list ?? [];
  const missing = want.filter((w) => !urls.has(w.url) && !titles.has(norm(w.title)));
  const leaked = (truth.list_exclude ?? []).filter((x) =>
    items.some((i) => shows(i.title, x) || (i.meta ? shows(i.meta, x) : false)),
  );
  const found = want.length - missing.length;
  return {
    found,
    total: want.length,
    recall: want.length ? found / want.length : 1,
    missing,
    leaked,
  };
}

/** Fixtures that carry a headline-list truth, and the non-list non-articles (page mode). */
export function listFixtures(fixtures: Fixture[]): { lists: Fixture[]; neither: Fixture[] } {
  const truthOf = (f: Fixture) => f.truth as unknown as ListTruth;
  return {
    lists: fixtures.filter((f) => Array.isArray(truthOf(f).list)),
    neither: fixtures.filter(
      (f) => f.truth.kind !== 'article' && truthOf(f).page_url && !Array.isArray(truthOf(f).list),
    ),
  };
}

export function pageUrlOf(f: Fixture): string {
  return (f.truth as unknown as ListTruth).page_url ?? f.truth.url ?? `http://127.0.0.1/${f.name}/`;
}
