import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViewViolations, toggleCareMode, useBrowser, waitFor, waitForView } from './harness';

/**
 * Read aloud in real Chromium, driving the real controls. Page scripts cannot replace the
 * content script's speechSynthesis, so the e2e build swaps in a test engine (see
 * entrypoints/content/speech.ts): it logs every call as JSON on <care-mode-root
 * data-care-speech-log> and finishes an utterance only when we dispatch
 * 'care-speech-test-end' on the host.
 */

const HEADLINE = '社区食堂让老人吃上热乎饭';
const first = (n: number) => `第${n}段第一句，社区食堂的工作人员每天早上六点就开始准备饭菜。`;
const second = (n: number) => `第${n}段第二句，老人们说饭菜软烂可口，价格也很实惠！`;
const PARAGRAPHS = Array.from({ length: 12 }, (_, i) => `<p>${first(i + 1)}${second(i + 1)}</p>`);
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${HEADLINE}</title></head>
<body><article><h1>${HEADLINE}</h1>
${PARAGRAPHS.slice(0, 6).join('\n')}
<pre><code>const menu = ['米饭', '青菜'];</code></pre>
<table><tr><th>菜品</th><th>价格</th></tr><tr><td>米饭</td><td>1元</td></tr><tr><td>青菜</td><td>3元</td></tr></table>
${PARAGRAPHS.slice(6).join('\n')}
</article></body></html>`;

interface LogEntry {
  op: 'speak' | 'cancel' | 'pause' | 'resume';
  text?: string;
  lang?: string;
  rate?: number;
  voiceURI?: string;
}

const root = (page: Page) => page.locator('care-mode-root');
const control = (page: Page, name: string) => root(page).locator(`[data-cm-button="${name}"]`);

/** The host is kept on window, so its log can be read after the view is gone. */
async function log(page: Page): Promise<LogEntry[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __careHost?: Element };
    w.__careHost ??= document.querySelector('care-mode-root') ?? undefined;
    return JSON.parse(w.__careHost?.getAttribute('data-care-speech-log') ?? '[]');
  });
}
const spoken = async (page: Page) =>
  (await log(page)).filter((e) => e.op === 'speak').map((e) => e.text);
const lastSpoken = async (page: Page) => (await spoken(page)).at(-1);
/** Waits until `text` is the last thing the engine was asked to speak. */
const untilSpoken = (page: Page, text: string, what: string) =>
  waitFor(
    what,
    () => lastSpoken(page),
    (t) => t === text,
  );

/** The engine finishes the utterance it is speaking. */
async function finishUtterance(page: Page): Promise<void> {
  await page.evaluate(() =>
    document
      .querySelector('care-mode-root')
      ?.dispatchEvent(new CustomEvent('care-speech-test-end')),
  );
}

/** The sentence in the CSS highlight (the registry is the document's, so the page sees it). */
async function highlighted(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    const highlight = registry?.get('cm-speaking');
    if (!highlight) return null;
    return [...highlight].map((r) => r.toString()).join('');
  });
}

/** Whether the highlighted sentence is on screen, below the sticky toolbar. */
async function highlightInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    const range = [...(registry?.get('cm-speaking') ?? [])][0];
    const toolbar = document
      .querySelector('care-mode-root')
      ?.shadowRoot?.querySelector('.cm-toolbar');
    if (!range || !toolbar) return false;
    const rect = range.getBoundingClientRect();
    return rect.top >= toolbar.getBoundingClientRect().bottom && rect.bottom <= innerHeight;
  });
}

describe('read aloud', () => {
  const e2e = useBrowser(({ server }) => {
    server.pages.set('/canteen.html', { body: PAGE });
  });

  test('highlight and scroll follow the queue, pause holds, 指读 starts anywhere, exit stops', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(`${e2e.server.url}/canteen.html`);
    await toggleCareMode(e2e.browser, page);
    await waitForView(page);

    // One labelled Play button, at least 60 × 60 px; no speech yet.
    const play = control(page, 'speech-play');
    const box = await play.boundingBox();
    assert.ok(box && box.width >= 60 && box.height >= 60, `play button is ${JSON.stringify(box)}`);
    assert.deepEqual(await log(page), []);

    await play.click();
    assert.deepEqual(await spoken(page), [HEADLINE], 'the headline is read first');
    assert.equal((await log(page)).at(-1)?.lang, 'zh-CN');
    assert.equal(await highlighted(page), HEADLINE);
    const status = root(page).locator('.cm-speech [role="status"]');
    assert.ok((await status.textContent())?.trim(), 'the state is announced');
    const pauseName = (await play.textContent())?.trim();
    assert.notEqual(pauseName, '', 'the button now pauses');

    // The queue moves on when the engine finishes; the highlight follows.
    await finishUtterance(page);
    await untilSpoken(page, first(1), 'second utterance');
    assert.equal(await highlighted(page), first(1));
    await finishUtterance(page);
    await untilSpoken(page, second(1), 'third utterance');
    assert.equal(await highlighted(page), second(1));

    // Far enough down that the sentence starts below the window: it is scrolled into view.
    for (let n = 2; n <= 5; n++) {
      await finishUtterance(page);
      await untilSpoken(page, first(n), `paragraph ${n}`);
      await finishUtterance(page);
      await untilSpoken(page, second(n), `paragraph ${n}, second`);
    }
    assert.equal(await highlighted(page), second(5));
    // Smooth scrolling takes its time on a busy machine: wait for it rather than sample once.
    await waitFor(
      'the view scrolled',
      () => page.evaluate(() => document.querySelector('care-mode-root')!.scrollTop),
      (top) => top > 0,
    );
    await waitFor('the sentence is in view', () => highlightInView(page), Boolean);

    // Pause cancels the sentence and holds: late end events start nothing new.
    await play.click();
    assert.equal((await log(page)).at(-1)?.op, 'cancel');
    const count = (await spoken(page)).length;
    await finishUtterance(page);
    await finishUtterance(page);
    assert.equal((await spoken(page)).length, count, 'nothing new is spoken while paused');
    assert.equal(await highlighted(page), second(5), 'the highlight stays put');
    // Resume says the same sentence again from its start (engines' own pause/resume are
    // unreliable: on Linux a paused synthesizer never speaks again), then the next.
    await play.click();
    assert.deepEqual((await log(page)).at(-1), {
      ...(await log(page)).filter((e) => e.op === 'speak').at(-2),
    });
    assert.equal((await log(page)).at(-1)?.text, second(5));
    assert.ok(!(await log(page)).some((e) => e.op === 'pause' || e.op === 'resume'));
    await finishUtterance(page);
    await untilSpoken(page, first(6), 'after resume');

    // Code is skipped; the table is summarised.
    await finishUtterance(page);
    await untilSpoken(page, second(6), 'paragraph 6, second');
    await finishUtterance(page);
    await untilSpoken(page, '表格，共 3 行', 'table summary');
    assert.ok(!(await spoken(page)).some((t) => t?.includes('const menu')), 'code is not read');

    // 指读: a click on a later paragraph reads from there.
    const paragraphs = root(page).locator('.cm-body p');
    await paragraphs.nth(10).click();
    await untilSpoken(page, first(11), 'click on paragraph 11');
    assert.equal(await highlighted(page), first(11));
    // Enter on a paragraph (focusable while reading) reads from there too.
    assert.equal(await paragraphs.nth(2).getAttribute('tabindex'), '0');
    await paragraphs.nth(2).focus();
    await page.keyboard.press('Enter');
    await untilSpoken(page, first(3), 'Enter on paragraph 3');
    await waitFor('paragraph 3 is in view', () => highlightInView(page), Boolean);

    // Space pauses and resumes while the view has focus.
    await page.keyboard.press('Space');
    assert.equal((await log(page)).at(-1)?.op, 'cancel');
    await page.keyboard.press('Space');
    assert.equal((await log(page)).at(-1)?.text, first(3));

    // Accessible while reading: the controls, the focusable paragraphs, the live region.
    assert.deepEqual(await axeViewViolations(page), [], 'axe violations while reading');
    const next = control(page, 'speech-next');
    const nextBox = await next.boundingBox();
    assert.ok(nextBox && nextBox.width >= 60 && nextBox.height >= 60, 'next is ≥ 60 × 60');

    // Esc leaves care mode: speech is cancelled and the highlight is gone.
    await log(page); // remember the host before it goes
    await page.keyboard.press('Escape');
    await waitForView(page, false);
    const entries = await log(page);
    assert.equal(entries.at(-1)?.op, 'cancel', 'leaving cancels speech');
    assert.equal(await highlighted(page), null, 'no highlight is left behind');
    await page.close();
  });

  test('no voice for the language: a plain-words message, nothing spoken, nothing broken', async () => {
    const page = await e2e.browser.context.newPage();
    // Its own URL: the harness finds the tab to toggle by URL.
    await page.goto(`${e2e.server.url}/canteen.html?no-voice`);
    // The test engine reads its voice list from here: an English voice only.
    await page.evaluate(() =>
      document.documentElement.setAttribute(
        'data-care-speech-voices',
        JSON.stringify([{ voiceURI: 'en', name: 'English', lang: 'en-US' }]),
      ),
    );
    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    await control(page, 'speech-play').click();
    const notice = root(page).locator('[data-cm-notice="no-voice"]');
    await notice.waitFor();
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.match((await notice.textContent()) ?? '', /中文|Chinese/);
    assert.deepEqual(await spoken(page), []);
    // The rest of the view still works: the way back.
    await page.keyboard.press('Escape');
    await waitForView(page, false);
    await page.close();
  });
});
