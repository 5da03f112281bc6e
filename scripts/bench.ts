import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { readDocument } from '../lib/article/read';
import { createSanitizer } from '../lib/article/sanitize';
import { FIXTURE_DIRS, loadFixtures } from './fixtures';

/**
 * npm run bench [-- --runs N]: per fixture, the median extraction time of our engine and of
 * plain Readability on the same parsed pages in the same run (jsdom parse excluded), their
 * ratio, and the content script's bundle size. Prints figures; asserts nothing.
 */
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

function time(html: string, url: string, fn: (doc: Document, win: Window) => void): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dom = new JSDOM(html, { url });
    const win = dom.window as unknown as Window;
    const start = performance.now();
    fn(dom.window.document, win);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const rows: { name: string; ours: number; plain: number }[] = [];
for (const f of loadFixtures(FIXTURE_DIRS)) {
  const html = readFileSync(f.source, 'utf8');
  const url = `http://127.0.0.1/${f.name}/`;
  const ours = time(html, url, (doc, win) =>
    readDocument(doc, { url, sanitize: createSanitizer(win) }),
  );
  const plain = time(html, url, (doc) => new Readability(doc).parse());
  rows.push({ name: f.name, ours, plain });
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`extraction in Node (jsdom), median of ${RUNS} runs, ms`);
console.log(`${pad('fixture', 28)} ${pad('ours', 8)} ${pad('readability', 12)} ratio`);
for (const r of rows) {
  console.log(
    `${pad(r.name, 28)} ${pad(r.ours.toFixed(1), 8)} ${pad(r.plain.toFixed(1), 12)} ${(r.ours / r.plain).toFixed(2)}`,
  );
}
const total = (k: 'ours' | 'plain') => rows.reduce((s, r) => s + r[k], 0);
console.log(
  `${pad('TOTAL', 28)} ${pad(total('ours').toFixed(1), 8)} ${pad(total('plain').toFixed(1), 12)} ${(total('ours') / total('plain')).toFixed(2)}`,
);
console.log(
  `median per page: ours ${median(rows.map((r) => r.ours)).toFixed(1)} ms, readability ${median(rows.map((r) => r.plain)).toFixed(1)} ms`,
);

const script = join(
  resolve(import.meta.dirname, '..'),
  '.output/chrome-mv3/content-scripts/content.js',
);
if (existsSync(script)) {
  const bytes = readFileSync(script);
  console.log(
    `\ncontent script: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzip (${script.replace(/.*\.output/, '.output')})`,
  );
} else {
  console.log('\ncontent script: run `npm run build` first to measure its size');
}
