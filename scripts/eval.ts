import { readFileSync } from 'node:fs';
import { CORPUS_DIR, FIXTURE_DIRS, loadFixtures, score } from './fixtures';
import { listFixtures, pageUrlOf, scoreList } from './list-score';
import { readFile, readWithPlainReadability } from './node-dom';

/** npm run eval [-- --corpus] [--verbose]: scores the engine on every fixture against its truth. */
const withCorpus = process.argv.includes('--corpus');
const verbose = process.argv.includes('--verbose');
// --baseline scores plain Readability instead, to compare on the same pages.
const baseline = process.argv.includes('--baseline');
const fixtures = loadFixtures(withCorpus ? [...FIXTURE_DIRS, CORPUS_DIR] : FIXTURE_DIRS);
let kindOk = 0;
let titleOk = 0;
let included = 0;
let includeTotal = 0;
let leaks = 0;
const f1s: number[] = [];
const ps: number[] = [];
const rs: number[] = [];
const cjkF1s: number[] = [];
for (const f of fixtures) {
  const url = f.truth.url ?? `http://127.0.0.1/${f.name}/`;
  const output = baseline ? null : readFile(f.source, url);
  const result = output ? output.result : { kind: 'baseline' as const };
  const reading =
    result.kind === 'baseline'
      ? readWithPlainReadability(readFileSync(f.source, 'utf8'), url)
      : result.kind === 'article'
        ? { kind: 'article', title: result.article.title, text: result.article.text }
        : { kind: result.kind, title: '', text: '' };
  const s = score(reading, f.truth);
  kindOk += Number(s.kindOk);
  titleOk += Number(s.titleOk);
  includeTotal += f.truth.must_include.length;
  included += f.truth.must_include.length - s.missing.length;
  leaks += s.leaked.length;
  if (f.truth.kind === 'article') {
    f1s.push(s.f1);
    ps.push(s.precision);
    rs.push(s.recall);
    if (/^zh/.test(f.truth.lang ?? '')) cjkF1s.push(s.f1);
  }
  const bad = !s.kindOk || !s.titleOk || s.missing.length || s.leaked.length || s.f1 < 0.98;
  if (bad || verbose) {
    const why = 'reason' in result ? ` (${result.reason})` : '';
    console.log(
      `${bad ? '✗' : '✓'} ${f.name}: kind ${reading.kind}${s.kindOk ? '' : ' WRONG' + why} title ${s.titleOk ? 'ok' : `WRONG "${reading.title}"`} F1 ${s.f1.toFixed(3)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}` +
        (verbose && output?.signals ? `\n    signals: ${JSON.stringify(output.signals)}` : '') +
        (s.missing.length ? `\n    missing: ${JSON.stringify(s.missing)}` : '') +
        (s.leaked.length ? `\n    leaked: ${JSON.stringify(s.leaked)}` : ''),
    );
  }
}
const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 1);
const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(1)}%)`;
console.log(`\npages: ${fixtures.length}`);
console.log(`detection accuracy: ${pct(kindOk, fixtures.length)}`);
console.log(`title exact: ${pct(titleOk, fixtures.length)}`);
console.log(`must-include recall: ${pct(included, includeTotal)}`);
console.log(`must-exclude leaks: ${leaks}`);
console.log(
  `token precision ${mean(ps).toFixed(3)} recall ${mean(rs).toFixed(3)} F1 ${mean(f1s).toFixed(3)} (articles: ${f1s.length})`,
);
console.log(`token F1 on Chinese articles: ${mean(cjkF1s).toFixed(3)} (${cjkF1s.length} pages)`);

// Headline pages (list truth) and pages that are neither article nor list (page mode).
if (!baseline) {
  const { lists, neither } = listFixtures(fixtures);
  let found = 0;
  let total = 0;
  let listLeaks = 0;
  let asLists = 0;
  console.log('\nheadline lists:');
  for (const f of lists) {
    const r = readFile(f.source, pageUrlOf(f)).result;
    const s = scoreList(r.kind === 'list' ? r.items : [], f.truth as never);
    found += s.found;
    total += s.total;
    listLeaks += s.leaked.length;
    asLists += Number(r.kind === 'list');
    const why = 'reason' in r ? ` (${r.reason})` : '';
    console.log(
      `${r.kind === 'list' && s.recall >= 0.9 && !s.leaked.length ? '✓' : '✗'} ${f.name}: kind ${r.kind}${why}, recall ${s.found}/${s.total}, leaks ${s.leaked.length}` +
        (r.kind === 'list' ? `, items ${r.items.length}${r.more ? ', more' : ''}` : '') +
        (s.leaked.length ? `\n    leaked: ${JSON.stringify(s.leaked)}` : '') +
        (verbose && s.missing.length
          ? `\n    missing: ${JSON.stringify(s.missing.map((m) => m.title))}`
          : ''),
    );
  }
  for (const f of neither) {
    const r = readFile(f.source, pageUrlOf(f)).result;
    console.log(
      `${r.kind === 'not-article' ? '✓' : '✗'} ${f.name}: kind ${r.kind} (page mode expected)`,
    );
  }
  console.log(`list pages read as lists: ${pct(asLists, lists.length)}`);
  console.log(`list recall: ${pct(found, total)}`);
  console.log(`list leaks: ${listLeaks}`);
}
