/// <reference types="chrome" />
import { launch, startServer, waitForView } from '../tests/e2e/harness';
import { FIXTURE_DIRS, loadFixtures, SHARED } from './fixtures';

/**
 * tsx scripts/bench-view.ts [--runs N]: in Chromium with the e2e build (npm run build:e2e;
 * CARE_EXT_DIR overrides the folder), for every article fixture, the time from the toggle to
 * the painted care view, cold (first toggle in a fresh page: the content script is injected
 * then) and warm (the next toggle in the same page), beside the extraction time alone.
 *
 * - in page: from the content script receiving the toggle to the first frame painted with
 *   the view (the e2e build marks it on <care-mode-root data-care-ms>);
 * - end to end: from the command dispatched in the service worker to that frame (both
 *   clocks are epoch milliseconds: performance.timeOrigin + performance.now());
 * - extraction: readDocument on a clone of the live page, inside the first figure.
 *
 * Prints medians; asserts nothing.
 */
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

interface Sample {
  /** receipt → painted, ms */
  inPage: number;
  /** dispatch → painted, ms */
  endToEnd: number;
  /** extraction alone, ms */
  read: number;
}

const server = await startServer();
const browser = await launch();
// Only the local server: fixture pages name remote images and scripts that would only
// add network noise (or hang) here.
await browser.context.route(
  (url) => url.hostname !== '127.0.0.1' && url.protocol !== 'chrome-extension:',
  (route) => route.abort(),
);

/** Dispatches the real command for the page's tab; returns the dispatch time (epoch ms). */
async function toggle(pageUrl: string): Promise<number> {
  return browser.worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === url);
    const at = performance.timeOrigin + performance.now();
    (chrome.commands.onCommand as unknown as { dispatch(c: string, t: unknown): void }).dispatch(
      'toggle-care-mode',
      tab,
    );
    return at;
  }, pageUrl);
}

async function measure(page: import('playwright-core').Page): Promise<Sample> {
  const dispatched = await toggle(page.url());
  const handle = await page.waitForFunction(
    () => {
      const host = document.querySelector('care-mode-root') as HTMLElement | null;
      const d = host?.dataset;
      return d?.careMs ? [d.careMs, d.careReadMs, d.carePaintedAt] : null;
    },
    null,
    { timeout: 30_000 },
  );
  const [ms, readMs, paintedAt] = ((await handle.jsonValue()) as string[]).map(Number) as [
    number,
    number,
    number,
  ];
  return { inPage: ms, endToEnd: paintedAt - dispatched, read: readMs };
}

const rows: { name: string; cold: Sample; warm: Sample }[] = [];
const articles = loadFixtures(FIXTURE_DIRS).filter((f) => f.truth.kind === 'article');
for (const f of articles) {
  const area = f.dir.startsWith(SHARED) ? 'shared' : 'own';
  const url = `${server.url}/${area}/${f.name}/source.html`;
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.bringToFront();
    cold.push(await measure(page));
    await toggle(page.url());
    await waitForView(page, false);
    warm.push(await measure(page));
    await page.close();
  }
  const pick = (xs: Sample[]): Sample => ({
    inPage: median(xs.map((x) => x.inPage)),
    endToEnd: median(xs.map((x) => x.endToEnd)),
    read: median(xs.map((x) => x.read)),
  });
  rows.push({ name: f.name, cold: pick(cold), warm: pick(warm) });
}
await browser.close();
await server.close();

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number) => pad(n.toFixed(1), 9);
console.log(
  `care view in Chromium: toggle → painted view, median of ${RUNS} runs per page, ms (${rows.length} article fixtures)`,
);
console.log(
  `${pad('fixture', 24)} ${pad('cold', 9)}${pad('cold e2e', 9)}${pad('warm', 9)}${pad('warm e2e', 9)}${pad('extract', 9)}${pad('extract warm', 12)}`,
);
for (const r of rows) {
  console.log(
    `${pad(r.name, 24)} ${num(r.cold.inPage)}${num(r.cold.endToEnd)}${num(r.warm.inPage)}${num(r.warm.endToEnd)}${num(r.cold.read)}${num(r.warm.read)}`,
  );
}
const over = (k: 'cold' | 'warm', m: keyof Sample) => median(rows.map((r) => r[k][m]));
console.log(
  `${pad('MEDIAN', 24)} ${num(over('cold', 'inPage'))}${num(over('cold', 'endToEnd'))}${num(over('warm', 'inPage'))}${num(over('warm', 'endToEnd'))}${num(over('cold', 'read'))}${num(over('warm', 'read'))}`,
);
console.log(
  '\ncold/warm: content script receives the toggle → first painted frame of the view; e2e: command dispatched in the service worker (incl. injecting the script when cold) → that frame; extract: readDocument alone, inside those figures. Target: median under 150 ms.',
);
