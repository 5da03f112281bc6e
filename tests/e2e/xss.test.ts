import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ROOT, tabIdOf, useBrowser, waitForView } from './harness';

/**
 * XSS through the care view, in the real browser with the real extension.
 *
 * Payloads sit in the body of ordinary Chinese article pages, between full paragraphs. The
 * page's own copy runs while the page loads (and gets every event it waits for); then the
 * counters start afresh, care mode is toggled with the real command, the view gets every
 * event too, and every execution and every request from then on is counted. A handler that
 * runs for an element of the page's light DOM is the page reacting to us (reported); anything
 * else (a handler in our shadow tree, a script) ran through the view: a failure.
 *
 * Negative controls, per payload: the same payloads written raw into a page (srcdoc frames)
 * and inserted with innerHTML must fire for a good share, or this file measures nothing.
 *
 * Payloads are data (../shared/corpus/xss and tests/fixtures-xss): never pasted into source.
 */

interface Vector {
  title: string;
  payload?: string;
  /** Extra markup for <head> (meta tags, base, JSON-LD). */
  head?: string;
  /** Raw text of <title>. */
  docTitle?: string;
  /** Raw inner markup of the page's <h1>. */
  h1?: string;
  /** Raw attributes of <html>. */
  htmlAttrs?: string;
  /** Length of a huge attribute value replacing the word LONG in the payload. */
  longAttr?: number;
}

const DOMPURIFY: Vector[] = JSON.parse(
  readFileSync(join(ROOT, '../shared/corpus/xss/dompurify-vectors.json'), 'utf8'),
);
const READER: Vector[] = JSON.parse(
  readFileSync(join(ROOT, 'tests/fixtures-xss/reader-payloads.json'), 'utf8'),
);

const PARAGRAPHS = [
  '本市今天上午召开新闻发布会，介绍今年老旧小区改造工作的最新进展。市住房和城乡建设局有关负责人表示，全市计划改造老旧小区一百二十个，涉及居民四万多户，目前已有八十个小区完成主体工程，预计年底前全部完工，改造内容包括屋面防水、外墙保温、管线更新和加装电梯等。',
  '在改造过程中，各区坚持“居民点菜、政府配菜”的做法，通过入户走访、问卷调查和居民议事会等形式充分听取意见。不少老年居民反映，过去上下楼梯十分吃力，加装电梯后出门方便多了，小区里的休闲座椅和无障碍坡道也让日常生活更加安心。',
  '针对施工期间可能带来的噪声和出行不便，相关部门要求施工单位合理安排作业时间，设置临时通道和安全提示，并在小区门口公示项目负责人联系方式，居民遇到问题可以随时反映，做到件件有回音、事事有着落。',
  '负责人还介绍，明年将继续推进城市更新行动，重点解决停车难、充电难和养老托育服务不足等问题，同时探索引入社会资本参与小区长效管理，让改造成果真正惠及每一位居民。市民如有意见和建议，可拨打政务服务热线反映。',
];

const HEADLINE = '我市老旧小区改造工作取得新进展';

/** The paragraph after the k-th payload of a page starts with this mark. */
const mark = (k: number) => `（第${k + 1}项）`;

/** A vector that changes the page around the body (head, title, h1, <html>) has a page alone. */
const solo = (v: Vector) => Boolean(v.head || v.docTitle || v.h1 || v.htmlAttrs);

function payloadOf(v: Vector): string {
  return (v.payload ?? '').replace('LONG', 'x'.repeat(v.longAttr ?? 4));
}

/**
 * An ordinary article page: headline, info line, three paragraphs (an article even when the
 * first payload swallows all that follows, as an unclosed <style> does), then each payload
 * followed by a marked full paragraph (which tells whether the parser got past the payload),
 * then the last paragraph. Page metadata comes from the first vector.
 */
function articlePage(vs: Vector[], index: number): string {
  const v = vs[0] as Vector;
  // Half the pages use a known body container (our scoped path), half leave it to Readability.
  const container = index % 2 === 0 ? 'class="article-content"' : 'id="main"';
  const body = vs
    .map((p, k) => `${payloadOf(p)}\n<p>${mark(k)}${PARAGRAPHS[k % PARAGRAPHS.length]}</p>`)
    .join('\n');
  return `<!doctype html>
<html ${v.htmlAttrs ?? 'lang="zh-CN"'}><head><meta charset="utf-8">
<title>${v.docTitle ?? `${HEADLINE}_城市日报`}</title>
${v.head ?? ''}
</head><body>
<header><nav><a href="/">首页</a> <a href="/news">新闻</a> <a href="/gov">政务</a></nav></header>
<div ${container}>
<h1>${v.h1 ?? HEADLINE}</h1>
<p class="info">2024-05-01 09:30 来源：城市日报</p>
<p>${PARAGRAPHS[0]}</p>
<p>${PARAGRAPHS[1]}</p>
<p>${PARAGRAPHS[2]}</p>
${body}
<p>${PARAGRAPHS[3]}</p>
</div>
<footer><p>版权所有 城市日报社</p></footer>
</body></html>`;
}

/**
 * Runs in the page's MAIN world before any page script: alert/confirm/prompt/print become
 * counters. Each call records where it ran: for an event of an element the page had before
 * the toggle ('light': the page's own copy reacting), or anywhere else ('other': a handler
 * in our shadow tree, where window.event is undefined, a script, or an element that appeared
 * after the toggle).
 * Plain JS in a string: tsx would wrap a compiled function with helpers the page lacks.
 */
const INSTALL_COUNTERS = `(() => {
  const log = [];
  let phase = 'load';
  let original = null;
  const record = (fn, arg) => {
    const ev = window.event;
    const target = ev && ev.target;
    const own = Boolean(target && (original === null || original.has(target)));
    log.push({ fn, arg: String(arg).slice(0, 60), phase, where: own ? 'light' : 'other', event: ev ? ev.type : '' });
  };
  window.alert = (a) => record('alert', a);
  window.confirm = (a) => { record('confirm', a); return false; };
  window.prompt = (a) => { record('prompt', a); return null; };
  window.print = () => record('print', '');
  const snapshot = () => {
    const all = Document.prototype.querySelectorAll.call(document, '*');
    return new WeakSet([document, window, ...Array.from(all)]);
  };
  Object.defineProperty(window, '__xssProbe', {
    value: Object.freeze({
      setPhase: (p) => { phase = p; original = snapshot(); },
      take: () => log.slice(),
    }),
  });
})();`;

interface Hit {
  fn: string;
  arg: string;
  phase: string;
  where: 'light' | 'other';
  event: string;
}

interface ViewReport {
  state: string;
  title: string;
  titleElements: number;
  meta: string;
  metaElements: number;
  text: string;
  problems: string[];
}

const FORBIDDEN_TAGS = new Set(
  (
    'SCRIPT IFRAME FRAME FRAMESET OBJECT EMBED FORM INPUT TEXTAREA SELECT BASE META LINK ' +
    'STYLE TEMPLATE NOSCRIPT SVG MATH VIDEO AUDIO SOURCE PICTURE APPLET PARAM DIALOG'
  ).split(' '),
);

/** Static audit of the care view's shadow root (plain JS run in the page). */
const AUDIT_VIEW = `(() => {
  const bad = new Set(${JSON.stringify([...FORBIDDEN_TAGS])});
  // Through the prototype: a page may clobber document.querySelectorAll with a named <img>.
  const all = Document.prototype.querySelectorAll.call(document, 'care-mode-root');
  const host = Array.from(all).find((e) => e.shadowRoot);
  const shadow = host && host.shadowRoot;
  if (!shadow) return { state: 'none', title: '', titleElements: 0, meta: '', metaElements: 0, text: '', problems: [] };
  const problems = [];
  const root = shadow.querySelector('.cm-root');
  for (const el of shadow.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (bad.has(tag.toUpperCase())) problems.push('<' + tag + '>');
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push('namespace ' + el.namespaceURI);
    if (el.shadowRoot) problems.push('nested shadow root on <' + tag + '>');
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(name + ' on <' + tag + '>');
      // Only the view's own root carries a style attribute (our custom properties).
      if (name === 'style' && el !== root) problems.push('style on <' + tag + '>');
      if (/^(srcset|srcdoc|formaction|action|background|ping|poster|xlink:href|target|lowsrc|dynsrc)$/.test(name))
        problems.push(name + ' on <' + tag + '>');
      if (/^\\s*(java|vb)script\\s*:|^\\s*data\\s*:|^\\s*blob\\s*:/i.test(attr.value))
        problems.push(name + '="' + attr.value.slice(0, 40) + '"');
    }
    if (tag === 'a') {
      const href = el.getAttribute('href');
      if (href !== null && !/^(https?:|mailto:|tel:)/i.test(href)) problems.push('a href=' + href.slice(0, 40));
    }
    if (tag === 'img' && !/^https?:/i.test(el.getAttribute('src') || ''))
      problems.push('img src=' + (el.getAttribute('src') || '').slice(0, 40));
  }
  const title = shadow.querySelector('.cm-title, .cm-message-title');
  const meta = shadow.querySelector('.cm-meta');
  return {
    state: ((root || shadow.querySelector('[data-state]')) || { getAttribute: () => 'unknown' }).getAttribute('data-state'),
    title: title ? title.textContent : '',
    titleElements: title ? title.childElementCount : 0,
    meta: meta ? meta.textContent : '',
    metaElements: meta ? meta.childElementCount : 0,
    text: (root ? root.textContent : '').slice(0, 50000),
    problems,
  };
})()`;

/** Events a payload's handlers wait for; the sweep below fires them all, untrusted. */
const SWEEP_EVENTS = (
  'mouseover mouseout mouseenter mouseleave mousemove mousedown mouseup dblclick ' +
  'contextmenu pointerover pointerdown pointerup wheel scroll focus blur focusin focusout ' +
  'keydown keyup keypress input change select submit reset invalid toggle beforetoggle ' +
  'load error abort loadstart play canplay animationstart animationend transitionend ' +
  'begin end repeat copy cut paste drag dragstart drop close cancel'
).split(' ');

/**
 * Plain JS run in a document: dispatches every event above, plus the type of each on*
 * attribute an element carries, at every element under a root (bubbling, not composed: events
 * in our shadow tree stay in it). Handlers run for untrusted events, so a listener hidden
 * anywhere (even one whose attribute is gone) fires. Clicks only where they cannot navigate.
 */
function sweepScript(root: string, clicks: boolean): string {
  // Every DOM call through the prototypes: payloads clobber attributes, body, querySelectorAll.
  return `(() => {
  const types = ${JSON.stringify(SWEEP_EVENTS)};
  const root = ${root};
  if (!root) return 0;
  const query = (root instanceof ShadowRoot ? DocumentFragment : Element).prototype.querySelectorAll;
  let n = 0;
  for (const el of Array.from(query.call(root, '*'))) {
    const own = Element.prototype.getAttributeNames.call(el).map((a) => a.toLowerCase())
      .filter((a) => a.startsWith('on')).map((a) => a.slice(2));
    const all = new Set([...types, ...own]);
    if (${clicks} && !Element.prototype.closest.call(el, 'a, form, button')) all.add('click');
    for (const type of all) {
      try {
        EventTarget.prototype.dispatchEvent.call(el, new Event(type, { bubbles: true, composed: false }));
        n++;
      } catch (e) {}
    }
  }
  return n;
})()`;
}

const BODY = "Object.getOwnPropertyDescriptor(Document.prototype, 'body').get.call(document)";
const VIEW_ROOT =
  "Array.from(Document.prototype.querySelectorAll.call(document, 'care-mode-root')).map((e) => e.shadowRoot).find(Boolean)";

interface Outcome {
  vectors: Vector[];
  /** How many of the vectors the page's parser got past (their marked paragraph is in the view). */
  passed: number;
  raw: Hit[];
  view: Hit[];
  pageReacted: Hit[];
  leaks: string[];
  report: ViewReport;
  host: string;
}

/** Payloads per page: a page that swallows the rest (an unclosed <style>) is detected and retried. */
const BATCH = 8;

describe('XSS through the care view (real Chromium, real extension)', () => {
  let serverHost: string;
  let pageCount = 0;
  const totals = { tried: 0, pages: 0, rawFired: 0, innerFired: 0, executions: 0, leaks: 0 };

  const e2e = useBrowser(async ({ server, browser }) => {
    serverHost = new URL(server.url).host;
    await browser.context.addInitScript(INSTALL_COUNTERS);
  });
  after(() => {
    console.log(`xss totals: ${JSON.stringify(totals)}`);
  });

  /**
   * A new tab and its id. Payloads rewrite the address (history.pushState), so the toggle
   * finds the tab by id, not by URL as the harness does.
   */
  async function newTab(): Promise<{ page: Page; tabId: number }> {
    const page = await e2e.browser.context.newPage();
    const path = `/tab/${pageCount++}.html`;
    e2e.server.pages.set(path, { body: '<!doctype html><title>tab</title>' });
    await page.goto(`${e2e.server.url}${path}`);
    return { page, tabId: await tabIdOf(e2e.browser, page) };
  }

  /** Fires the real `toggle-care-mode` command listener for one tab. */
  async function toggle(tabId: number): Promise<void> {
    await e2e.browser.worker.evaluate(async (id) => {
      const tab = await chrome.tabs.get(id);
      // dispatch() runs the real listeners; it exists on Chrome's events but not in their types.
      (chrome.commands.onCommand as unknown as { dispatch(c: string, t: unknown): void }).dispatch(
        'toggle-care-mode',
        tab,
      );
    }, tabId);
  }

  /** Loads one page of payloads, lets its own copy run, then toggles care mode and audits it. */
  async function run(
    { page, tabId }: { page: Page; tabId: number },
    vs: Vector[],
    html?: string,
  ): Promise<Outcome> {
    const index = pageCount++;
    const path = `/xss/${index}.html`;
    e2e.server.pages.set(path, { body: html ?? articlePage(vs, index) });
    const requests: { url: string; phase: string }[] = [];
    let phase = 'load';
    const onRequest = (r: { url(): string }) => requests.push({ url: r.url(), phase });
    page.on('request', onRequest);
    await page.goto(`${e2e.server.url}${path}`, { waitUntil: 'load' });
    // The page's own copy has run by now (load waits for images). It also gets every event
    // it waits for (no clicks: the page must stay put), then loses focus so that no page
    // handler reacts later to the view taking it; only then do the counters start afresh.
    phase = 'view';
    await page.evaluate(`(() => {
      ${sweepScript(BODY, false)};
      const active = document.activeElement;
      if (active && typeof active.blur === 'function') active.blur();
      window.__xssProbe.setPhase('view');
    })()`);
    await toggle(tabId);
    await waitForView(page);
    // Let everything the view holds load or fail (images), fire every event at it, audit it.
    const { hits, report, marks } = (await page.evaluate(`(async () => {
      const shadow = ${VIEW_ROOT};
      const imgs = Array.from(shadow ? shadow.querySelectorAll('img') : []);
      const deadline = Date.now() + 3000;
      while (imgs.some((i) => !i.complete) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      // An error or load event follows 'complete' in a task of its own.
      await new Promise((r) => setTimeout(r, 20));
      // Handlers run synchronously inside dispatchEvent: no wait needed after the sweep.
      ${sweepScript(VIEW_ROOT, true)};
      const marks = Array.from(shadow ? shadow.querySelectorAll('p') : [])
        .map((p) => (p.textContent || '').trim()).filter((t) => t.startsWith('（第'));
      return { hits: window.__xssProbe.take(), report: ${AUDIT_VIEW}, marks };
    })()`)) as { hits: Hit[]; report: ViewReport; marks: string[] };
    page.off('request', onRequest);
    // The first payload whose marked paragraph is missing swallowed what followed it.
    let passed = 0;
    while (passed < vs.length && marks.some((m) => m.startsWith(mark(passed)))) passed++;
    const leaks = requests
      .filter((r) => r.phase === 'view' && /^(https?|wss?|ftp):/i.test(r.url))
      .filter((r) => new URL(r.url).host !== serverHost)
      .map((r) => r.url);
    return {
      vectors: vs,
      passed,
      raw: hits.filter((h) => h.phase === 'load'),
      view: hits.filter((h) => h.phase === 'view' && h.where !== 'light'),
      pageReacted: hits.filter((h) => h.phase === 'view' && h.where === 'light'),
      leaks,
      report,
      host: new URL(page.url()).hostname,
    };
  }

  /**
   * Runs every vector through the view, a few tabs at once. A page holds up to BATCH body
   * payloads; those after one that swallowed the rest of the page go round again, so every
   * payload is parsed as markup in some page. Vectors that change the page's head get a page
   * each.
   */
  async function runAll(vectors: Vector[], tabs = 3): Promise<Outcome[]> {
    // Each tab works through its own share in a fixed order, so every run builds the same
    // pages (a shared queue would batch differently with timing).
    const ordered = [...vectors.filter(solo), ...vectors.filter((v) => !solo(v))];
    const shares = Array.from({ length: tabs }, (_, t) =>
      ordered.slice(
        Math.floor((t * ordered.length) / tabs),
        Math.floor(((t + 1) * ordered.length) / tabs),
      ),
    );
    const results = await Promise.all(
      shares.map(async (pending) => {
        const outcomes: Outcome[] = [];
        const tab = await newTab();
        while (pending.length) {
          const first = pending.shift() as Vector;
          const batch = [first];
          while (!solo(first) && batch.length < BATCH && pending[0] && !solo(pending[0]))
            batch.push(pending.shift() as Vector);
          const outcome = await run(tab, batch);
          outcomes.push(outcome);
          // Payloads after the one that swallowed the page were never parsed as markup.
          pending.unshift(...batch.slice(outcome.passed + 1));
        }
        await tab.page.close();
        return outcomes;
      }),
    );
    return results.flat();
  }

  function check(outcomes: Outcome[], label: string): void {
    const failures: string[] = [];
    for (const o of outcomes) {
      totals.pages++;
      totals.executions += o.view.length;
      totals.leaks += o.leaks.length;
      const name = `${label} [${o.vectors.map((v) => v.title).join(' | ')}]`;
      if (o.view.length) failures.push(`${name}: executed ${JSON.stringify(o.view)}`);
      if (o.leaks.length) failures.push(`${name}: requests to ${o.leaks.join(', ')}`);
      if (o.report.state !== 'article') failures.push(`${name}: view state ${o.report.state}`);
      if (o.report.problems.length)
        failures.push(`${name}: view holds ${o.report.problems.join('; ')}`);
      if (o.report.titleElements || o.report.metaElements)
        failures.push(`${name}: metadata created elements`);
      if (o.pageReacted.length)
        console.log(
          `${name}: the page's own copy reacted after toggle: ${JSON.stringify(o.pageReacted)}`,
        );
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  }

  let innerFired: boolean[] = [];

  test('negative control: the payloads fire when written raw into a page or with innerHTML', async () => {
    const page = await e2e.browser.context.newPage();
    e2e.server.pages.set('/control.html', { body: '<!doctype html><html><body></body></html>' });
    await page.goto(`${e2e.server.url}/control.html`);
    // innerHTML: one same-origin frame per payload, so each execution is its payload's.
    await page.evaluate((payloads) => {
      const hits = payloads.map(() => 0);
      (window as unknown as { __hits: number[] }).__hits = hits;
      payloads.forEach((payload, i) => {
        const frame = document.createElement('iframe');
        document.body.append(frame);
        const w = frame.contentWindow as unknown as Record<string, unknown> & Window;
        for (const fn of ['alert', 'confirm', 'prompt', 'print'])
          w[fn] = () => {
            hits[i] = (hits[i] ?? 0) + 1;
          };
        w.document.body.innerHTML = payload;
      });
    }, DOMPURIFY.map(payloadOf));
    await page.waitForTimeout(1000);
    // Then every event each payload waits for, clicks included, frame by frame.
    await Promise.all(
      page
        .frames()
        .slice(1)
        .map((f) => f.evaluate(sweepScript(BODY, true))),
    );
    await page.waitForTimeout(300);
    const inner: number[] = await page.evaluate(
      () => (window as unknown as { __hits: number[] }).__hits,
    );
    await page.close();

    // Raw markup: the whole article page with one payload, as srcdoc frames of one page
    // (the counters are installed in every frame before its scripts run).
    const rawPage = await e2e.browser.context.newPage();
    const attr = (html: string) => html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    e2e.server.pages.set('/control-raw.html', {
      body: `<!doctype html><html><body>${DOMPURIFY.map(
        (v, i) => `<iframe data-i="${i}" srcdoc="${attr(articlePage([v], i))}"></iframe>`,
      ).join('')}</body></html>`,
    });
    await rawPage.goto(`${e2e.server.url}/control-raw.html`, { waitUntil: 'load' });
    const raw: number[] = DOMPURIFY.map(() => 0);
    await Promise.all(
      rawPage
        .frames()
        .slice(1)
        .map(async (frame) => {
          const i = Number(await (await frame.frameElement()).getAttribute('data-i'));
          raw[i] = (await frame.evaluate(
            `(() => { ${sweepScript(BODY, false)}; return window.__xssProbe.take().length; })()`,
          )) as number;
        }),
    );
    await rawPage.close();

    innerFired = inner.map((n) => n > 0);
    const innerCount = innerFired.filter(Boolean).length;
    const rawCount = raw.filter((n) => n > 0).length;
    const either = DOMPURIFY.filter((_, i) => (inner[i] ?? 0) > 0 || (raw[i] ?? 0) > 0).length;
    totals.innerFired = innerCount;
    totals.rawFired = rawCount;
    console.log(
      `negative control: ${innerCount}/${DOMPURIFY.length} fire with innerHTML, ${rawCount} as raw markup, ${either} in either`,
    );
    // Many vectors target browsers of the past (IE, old Opera and Firefox) and fire in none today.
    assert.ok(innerCount >= 30, `only ${innerCount} payloads fired with innerHTML`);
    assert.ok(rawCount >= 30, `only ${rawCount} payloads fired as raw markup`);
  });

  test('all DOMPurify vectors: zero executions and zero foreign requests through the view', async () => {
    const outcomes = await runAll(DOMPURIFY);
    const tried = outcomes.reduce((n, o) => n + Math.min(o.passed + 1, o.vectors.length), 0);
    totals.tried += tried;
    console.log(
      `dompurify: ${tried} payloads over ${outcomes.length} pages, ` +
        `${outcomes.reduce((n, o) => n + o.view.length, 0)} executions through the view, ` +
        `${outcomes.reduce((n, o) => n + o.leaks.length, 0)} foreign requests`,
    );
    assert.equal(tried, DOMPURIFY.length, 'every payload went through a page');
    check(outcomes, 'dompurify');
  });

  test('reader payloads: links, images, SVG, MathML, base, meta, forms, frames, CSS, metadata', async () => {
    const outcomes = await runAll(READER);
    const tried = outcomes.reduce((n, o) => n + Math.min(o.passed + 1, o.vectors.length), 0);
    totals.tried += tried;
    console.log(`reader: ${tried} payloads over ${outcomes.length} pages`);
    assert.equal(tried, READER.length, 'every payload went through a page');
    check(outcomes, 'reader');
    const spoofs: string[] = [];
    for (const o of outcomes) {
      const name = o.vectors.map((v) => v.title).join(' | ');
      // The meta line names the tab's own host or a plain site name, never another host.
      for (const h of o.report.meta.match(/[a-z0-9-]+(\.[a-z0-9-]+)+/gi) ?? []) {
        if (/^\d/.test(h)) continue; // dates and times
        if (h.toLowerCase() !== o.host) spoofs.push(`${name}: meta shows ${h}`);
      }
      if (/evil|elpmaxe/i.test(o.report.meta)) spoofs.push(`${name}: meta "${o.report.meta}"`);
      // Metadata renders as text: the page's markup shows as characters, never as elements.
      const v = o.vectors[0] as Vector;
      if (v.docTitle?.includes('<img') || v.h1?.includes('<img'))
        assert.equal(o.report.titleElements, 0, `${name}: title is text`);
    }
    assert.deepEqual(spoofs, [], spoofs.join('\n'));
  });

  test('a headline list page: titles are text, only http(s) links, nothing runs', async () => {
    // Payloads where a list view reads: link texts, their markup, hrefs, title attributes.
    const items = [
      `<a href="javascript:alert('list-js')">市政府召开常务会议研究部署近期重点工作任务安排</a>`,
      `<a href="data:text/html,&lt;script&gt;alert('list-data')&lt;/script&gt;">全市老旧小区改造工程今年计划完成一百二十个</a>`,
      `<a href="/n/3.html"><img src="x" onerror="alert('list-img')">交通部门发布端午假期出行提示请市民合理安排</a>`,
      `<a href="/n/4.html" title="&lt;img src=x onerror=alert('list-title')&gt;">教育局公布今年中小学招生入学政策解读全文…</a>`,
      `<a href="/n/5.html">&lt;img src=x onerror=alert('list-text')&gt;医保局调整门诊报销比例惠及退休人员</a>`,
      `<a href="/n/6.html" onclick="alert('list-onclick')" onmouseover="alert('list-over')">气象台发布暴雨蓝色预警提醒注意防范</a>`,
      `<a href="/n/7.html"><svg onload="alert('list-svg')"></svg>公安局提醒警惕冒充客服退款类电信诈骗</a>`,
      `<a href="  JaVaScRiPt:alert('list-js2')">卫健委发布夏季食品安全消费提示注意事项</a>`,
    ];
    const filler = Array.from(
      { length: 16 },
      (_, i) =>
        `<a href="/n/${10 + i}.html">第${i + 1}条新闻：本市推进城市更新行动提升居民生活品质</a>`,
    );
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>要闻_城市日报</title></head>
<body><h1>要闻</h1><ul class="news-list">${[...items, ...filler]
      .map((a, i) => `<li>${a}<span class="time">05-${String(i + 1).padStart(2, '0')}</span></li>`)
      .join('')}</ul></body></html>`;
    const tab = await newTab();
    const o = await run(tab, [{ title: 'headline list' }], html);
    await tab.page.close();
    totals.pages++;
    totals.executions += o.view.length;
    totals.leaks += o.leaks.length;
    assert.equal(o.report.state, 'list');
    // The hostile items are listed, their markup as plain characters.
    assert.ok(
      o.report.text.includes('医保局调整门诊报销比例'),
      'the item with markup text is listed',
    );
    assert.ok(
      o.report.text.includes('交通部门发布端午假期出行提示'),
      'the item with an image is listed',
    );
    assert.deepEqual(o.view, []);
    assert.deepEqual(o.leaks, []);
    assert.deepEqual(o.report.problems, []);
  });
});
