import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold, tokens } from '../lib/article/text';

/** Fixture folders (source.html + truth.json) and how a reading is scored against its truth. */
export interface Truth {
  kind: 'article' | 'not-article';
  lang?: string;
  title: string;
  text: string;
  must_include: string[];
  must_exclude: string[];
  should_exclude?: string[];
  images?: string[];
  url?: string;
}

export interface Fixture {
  name: string;
  dir: string;
  source: string;
  truth: Truth;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(ROOT, '../shared');

export function loadFixtures(dirs: string[]): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const source = join(dir, name, 'source.html');
      const truthFile = join(dir, name, 'truth.json');
      if (!existsSync(source) || !existsSync(truthFile)) continue;
      out.push({
        name,
        dir: join(dir, name),
        source,
        truth: JSON.parse(readFileSync(truthFile, 'utf8')) as Truth,
      });
    }
  }
  return out;
}

export const FIXTURE_DIRS = [join(SHARED, 'fixtures'), join(ROOT, 'tests/fixtures')];
export const CORPUS_DIR = join(SHARED, 'corpus/readability-test-pages');

export interface Reading {
  kind: string;
  title: string;
  text: string;
}

export interface Score {
  kindOk: boolean;
  titleOk: boolean;
  missing: string[];
  leaked: string[];
  precision: number;
  recall: number;
  f1: number;
}

function bag(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens(s.toLowerCase())) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Token precision/recall/F1 (CJK characters one token each). */
export function tokenF1(
  got: string,
  want: string,
): { precision: number; recall: number; f1: number } {
  const g = bag(got);
  const w = bag(want);
  let overlap = 0;
  let gn = 0;
  let wn = 0;
  for (const [t, n] of g) {
    gn += n;
    overlap += Math.min(n, w.get(t) ?? 0);
  }
  for (const n of w.values()) wn += n;
  if (gn === 0 && wn === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = gn ? overlap / gn : 0;
  const recall = wn ? overlap / wn : 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

export function score(reading: Reading, truth: Truth): Score {
  const text = fold(reading.text);
  const isArticle = reading.kind === 'article';
  const kindOk = isArticle === (truth.kind === 'article');
  return {
    kindOk,
    titleOk: truth.kind !== 'article' || fold(reading.title) === fold(truth.title),
    missing: truth.must_include.filter((s) => !text.includes(fold(s))),
    leaked: truth.must_exclude.filter(
      (s) => text.includes(fold(s)) || fold(reading.title).includes(fold(s)),
    ),
    ...tokenF1(isArticle ? reading.text : '', truth.kind === 'article' ? truth.text : ''),
  };
}
