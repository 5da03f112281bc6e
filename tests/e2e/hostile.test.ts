import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type Browser,
  launch,
  ROOT,
  startServer,
  type TestServer,
  toggleCareMode,
  waitForView,
} from './harness';

/**
 * Hostile and heavy pages in the real browser with the real extension: pages that clobber
 * DOM properties, huge and deep pages, pages that override built-ins, enforce Trusted Types
 * or a strict CSP, fight our root element, click our buttons from script or post us
 * messages. Each must end with the view working, the plain "could not read" message, or a
 * clean exit, and the tab must stay alive. Times are measured and printed, never asserted.
 */

const P = [
  '本市今天上午召开新闻发布会，介绍今年老旧小区改造工作的最新进展。市住房和城乡建设局有关负责人表示，全市计划改造老旧小区一百二十个，涉及居民四万多户，目前已有八十个小区完成主体工程，预计年底前全部完工，改造内容包括屋面防水、外墙保温、管线更新和加装电梯等。',
  '在改造过程中，各区坚持“居民点菜、政府配菜”的做法，通过入户走访、问卷调查和居民议事会等形式充分听取意见。不少老年居民反映，过去上下楼梯十分吃力，加装电梯后出门方便多了，小区里的休闲座椅和无障碍坡道也让日常生活更加安心。',
  '针对施工期间可能带来的噪声和出行不便，相关部门要求施工单位合理安排作业时间，设置临时通道和安全提示，并在小区门口公示项目负责人联系方式，居民遇到问题可以随时反映，做到件件有回音、事事有着落。',
];
const HEADLINE = '我市老旧小区改造工作取得新进展';

/** An ordinary article page; `extra` goes between the paragraphs, `head` and `tail` around. */
function article(extra = '', head = '', tail = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${HEADLINE}_城市日报</title>${head}</head>
<body><div class="article-content"><h1>${HEADLINE}</h1><p class="info">2024-05-01 来源：城市日报</p>
<p>${P[0]}</p><p>${P[1]}</p>${extra}<p>${P[2]}</p></div><footer>版权所有 城市日报社</footer>${tail}</body></html>`;
}

/** Our host element, found without trusting the page's document methods (plain JS). */
const HOST =
  "Array.from(Document.prototype.querySelectorAll.call(document, 'care-mode-root')).find((e) => e.shadowRoot)";

/** The "too large" message in every UI language the view may use. */
const TOO_LARGE = ['zh_CN', 'en'].map(
  (lang) =>
    JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8'))
      .pageTooLarge.message as string,
);

interface Outcome {
  state: string;
  title: string;
  ms: number;
}

describe('hostile and heavy pages (real Chromium, real extension)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let crashed = false;
  let count = 0;
  const tried: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await launch();
    page = await browser.context.newPage();
    page.on('crash', () => {
      crashed = true;
    });
  });
  after(async () => {
    console.log(`hostile pages tried: ${tried.length} (${tried.join(', ')})`);
    await browser?.close();
    await server?.close();
  });

  async function load(name: string, html: string, headers?: Record<string, string>) {
    const path = `/hostile/${count++}.html`;
    server.pages.set(path, { body: html, headers });
    tried.push(name);
    await page.goto(`${server.url}${path}`, { waitUntil: 'load', timeout: 60_000 });
  }

  /** Toggles with the real command; waits (up to 5 s, or `limit`) for the view or its message. */
  async function toggleAndWait(limit = 5_000): Promise<Outcome> {
    const started = Date.now();
    await toggleCareMode(browser, page);
    // Locators run in Playwright's own world: page overrides of built-ins cannot touch them.
    const root = page.locator('care-mode-root .cm-root');
    await root.waitFor({ timeout: limit });
    const ms = Date.now() - started;
    const state = (await root.getAttribute('data-state')) ?? '';
    const title = ((await page.locator('care-mode-root h1').first().textContent()) ?? '').trim();
    return { state, title, ms };
  }

  /** The tab still answers (a frozen or crashed renderer would not). */
  async function alive(): Promise<void> {
    assert.equal(crashed, false, 'the tab crashed');
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      page.evaluate(() => 1),
      new Promise((r) => {
        timer = setTimeout(() => r('no answer within 30 s'), 30_000);
      }),
    ]);
    clearTimeout(timer);
    assert.equal(answer, 1, 'the page answers');
  }

  /** Leaves with a real (trusted) click on the view's back button. */
  async function exitByClick(): Promise<void> {
    await page.locator('care-mode-root [data-cm-button="exit"]').first().click();
    await waitForView(page, false);
  }

  describe('form fields named after DOM properties', () => {
    const names = 'parentNode tagName textContent nodeName children attributes childNodes'.split(
      ' ',
    );
    for (const name of names) {
      test(`fields named ${name}: the article is read`, async () => {
        // As the byline (metadata is read first of all) and in the body, with a <select> too.
        await load(
          `form-${name}`,
          article(
            `<form class="byline"><input name="${name}"><input name="${name}">记者 张三</form><form><input name="${name}"><select name="${name}"></select><p>${P[2]}</p></form>`,
          ),
        );
        const out = await toggleAndWait();
        console.log(`fields named ${name}: ${out.state} in ${out.ms} ms`);
        assert.equal(out.state, 'article');
        assert.equal(out.title, HEADLINE);
        await alive();
        await exitByClick();
      });
    }
  });

  describe('heavy pages: no crash, the tab answers, the view or the clear message', () => {
    test('a 10 MB page is read', async () => {
      const comment = `<div class="comment"><p>${P[1]}</p></div>`;
      const n = Math.ceil(10_000_000 / Buffer.byteLength(comment));
      await load(
        '10 MB',
        article('', '', `<section class="comments">${comment.repeat(n)}</section>`),
      );
      const out = await toggleAndWait(60_000);
      console.log(`10 MB page: ${out.state} in ${out.ms} ms`);
      await alive();
      assert.equal(out.state, 'article');
      await exitByClick();
    });

    test('200,000 elements: the "too large" message', async () => {
      await load('200,000 elements', article(`<div>${'<span>字</span>'.repeat(200_000)}</div>`));
      const out = await toggleAndWait(60_000);
      console.log(`200,000 elements: ${out.state} in ${out.ms} ms`);
      await alive();
      assert.equal(out.state, 'failed');
      assert.ok(TOO_LARGE.includes(out.title), out.title);
      await exitByClick();
    });

    test('20,000-deep nesting in the markup (the parser flattens it past 512)', async () => {
      await load(
        '20,000-deep markup',
        article(`${'<div>'.repeat(20_000)}深${'</div>'.repeat(20_000)}`),
      );
      const out = await toggleAndWait(60_000);
      console.log(`20,000-deep markup: ${out.state} in ${out.ms} ms`);
      await alive();
      assert.ok(
        out.state === 'article' || TOO_LARGE.includes(out.title),
        `${out.state}: ${out.title}`,
      );
      await exitByClick();
    });

    test('20,000-deep nesting built by script: the "too large" message', async () => {
      // Hidden: Chromium's own layout of a visible tree this deep crashes the tab, with or
      // without us. Our clone and reading of it must not.
      const build = `<script>let n = document.createElement('div'); n.hidden = true; document.body.append(n);
        for (let i = 0; i < 20000; i++) { const d = document.createElement('div'); n.append(d); n = d; }
        n.textContent = '深';</script>`;
      await load('20,000-deep DOM', article('', '', build));
      const depth = await page.evaluate(() => {
        let d = 0;
        for (
          let n = document.querySelector('[hidden]');
          n?.firstElementChild;
          n = n.firstElementChild
        )
          d++;
        return d;
      });
      assert.equal(depth, 20_000);
      const out = await toggleAndWait(60_000);
      console.log(`20,000-deep DOM: ${out.state} in ${out.ms} ms`);
      await alive();
      assert.equal(out.state, 'failed');
      assert.ok(TOO_LARGE.includes(out.title), out.title);
      await exitByClick();
    });
  });

  describe('pages that change the environment', () => {
    test('overridden Array.prototype, JSON, Element.prototype and more: the view works', async () => {
      const hostile = `<script>(() => {
        const boom = () => { throw new Error('hostile override'); };
        const saved = [];
        const kill = (obj, names) => { for (const n of names) { saved.push([obj, n, Object.getOwnPropertyDescriptor(obj, n)]); try { Object.defineProperty(obj, n, { value: boom, configurable: true, writable: true }); } catch (e) {} } };
        kill(Array.prototype, ['map', 'filter', 'forEach', 'push', 'includes', 'some', 'every', 'indexOf', 'join', 'slice', 'splice', 'find', 'reduce', 'sort', 'concat', Symbol.iterator]);
        kill(Array, ['from', 'isArray', 'of']);
        kill(JSON, ['parse', 'stringify']);
        kill(Object, ['keys', 'entries', 'assign', 'freeze', 'getPrototypeOf']);
        kill(Element.prototype, ['querySelector', 'querySelectorAll', 'getAttribute', 'setAttribute', 'removeAttribute', 'closest', 'matches', 'attachShadow', 'append', 'remove', 'getBoundingClientRect']);
        kill(Node.prototype, ['cloneNode', 'appendChild', 'removeChild', 'insertBefore', 'contains']);
        kill(Document.prototype, ['createElement', 'createTreeWalker', 'querySelectorAll', 'getElementsByTagName']);
        kill(EventTarget.prototype, ['addEventListener', 'removeEventListener', 'dispatchEvent']);
        kill(String.prototype, ['replace', 'trim', 'split', 'slice', 'match']);
        kill(RegExp.prototype, ['test', 'exec']);
        kill(Promise.prototype, ['then']);
        kill(Function.prototype, ['call', 'apply', 'bind']);
        kill(window, ['MutationObserver', 'CSSStyleSheet', 'requestAnimationFrame', 'setTimeout', 'DOMParser', 'Map', 'Set', 'WeakMap']);
        window.__restore = () => { for (const [obj, n, d] of saved.reverse()) { if (d) Object.defineProperty(obj, n, d); else delete obj[n]; } };
      })();</script>`;
      await load('overridden built-ins', article('', hostile));
      const out = await toggleAndWait();
      console.log(`overridden built-ins: ${out.state} in ${out.ms} ms`);
      assert.equal(out.state, 'article');
      assert.equal(out.title, HEADLINE);
      // Put the page's world back for Playwright's own page-side helpers, then leave.
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Runtime.evaluate', { expression: 'window.__restore()' });
      await cdp.detach();
      await alive();
      await exitByClick();
    });

    /** Records CSP and Trusted Types violations in the page (installed before page scripts). */
    const VIOLATIONS = `<script nonce="n0nce">window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));</script>`;

    test('a page enforcing Trusted Types: the view works, no violation', async () => {
      const csp =
        "require-trusted-types-for 'script'; trusted-types 'none'; script-src 'nonce-n0nce'";
      const messages: string[] = [];
      const onConsole = (m: { text(): string }) => messages.push(m.text());
      page.on('console', onConsole);
      await load('Trusted Types', article('', VIOLATIONS), { 'content-security-policy': csp });
      const out = await toggleAndWait();
      console.log(`Trusted Types: ${out.state} in ${out.ms} ms`);
      assert.equal(out.state, 'article');
      // Opening images and controls, changing the text size: every path that builds DOM.
      await page.locator('care-mode-root [data-cm-button="larger"]').click();
      const violations = await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      );
      page.off('console', onConsole);
      assert.deepEqual(violations, []);
      assert.deepEqual(
        messages.filter((m) => /trusted/i.test(m)),
        [],
      );
      await exitByClick();
    });

    test('a page with a strict CSP: the view works and is styled, no violation', async () => {
      const csp = "default-src 'none'; img-src 'self'; script-src 'nonce-n0nce'";
      await load(
        'strict CSP',
        article(`<p><img src="/own/nothing.png" alt="图"></p>`, VIOLATIONS),
        {
          'content-security-policy': csp,
        },
      );
      const out = await toggleAndWait();
      console.log(`strict CSP: ${out.state} in ${out.ms} ms`);
      assert.equal(out.state, 'article');
      const look = await page.evaluate(`(() => {
        const host = ${HOST};
        const button = host.shadowRoot.querySelector('[data-cm-button="exit"]');
        return { position: getComputedStyle(host).position, buttonHeight: button.getBoundingClientRect().height };
      })()`);
      assert.deepEqual(look, {
        position: 'fixed',
        buttonHeight: (look as { buttonHeight: number }).buttonHeight,
      });
      assert.ok((look as { buttonHeight: number }).buttonHeight >= 44, 'the view is styled');
      const violations = await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      );
      assert.deepEqual(violations, []);
      await exitByClick();
    });

    test('a page that removes <care-mode-root>: care mode exits cleanly', async () => {
      const remover = `<script>new MutationObserver(() => {
          for (const el of document.querySelectorAll('care-mode-root')) el.remove();
        }).observe(document.documentElement, { childList: true });</script>`;
      await load('removes our root', article('', '', remover));
      const before = await page.evaluate(() => document.documentElement.outerHTML);
      await toggleCareMode(browser, page);
      // The page removes the root at once; we must put everything back (inert, overflow...).
      await page.waitForFunction((html) => document.documentElement.outerHTML === html, before, {
        timeout: 5_000,
      });
      assert.equal(await page.locator('care-mode-root').count(), 0);
      assert.equal(await page.evaluate(() => document.body.hasAttribute('inert')), false);
      // And care mode still answers the next toggle (it knows it is off).
      await toggleCareMode(browser, page);
      await page.waitForFunction((html) => document.documentElement.outerHTML === html, before);
      await alive();
    });

    test('a page that restyles <care-mode-root>: the view stays on top and usable', async () => {
      // Everything a page can say about our element (its ancestors are another matter).
      const style = `<style>care-mode-root, html > care-mode-root, :root > care-mode-root:last-child, care-mode-root[style] {
        display: none !important; opacity: 0 !important; visibility: hidden !important; transform: scale(0) !important;
        position: static !important; width: 0 !important; height: 0 !important; clip-path: inset(50%) !important;
        z-index: -1 !important; pointer-events: none !important; filter: blur(20px) !important; zoom: 0.1 !important; }</style>`;
      const restyler = `<script>new MutationObserver(() => {
          const root = document.querySelector('care-mode-root');
          if (root && !root.dataset.hit) { root.dataset.hit = '1';
            root.setAttribute('style', 'display:none!important;opacity:0!important;visibility:hidden!important');
            root.style.setProperty('transform', 'translateX(-100vw)', 'important'); }
        }).observe(document.documentElement, { childList: true });</script>`;
      await load('restyles our root', article('', style, restyler));
      const out = await toggleAndWait();
      assert.equal(out.state, 'article');
      const shown = await page.evaluate(`(() => {
        const host = ${HOST};
        const cs = getComputedStyle(host);
        const atCentre = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
        return { display: cs.display, opacity: cs.opacity, visibility: cs.visibility, position: cs.position,
          transform: cs.transform, onTop: atCentre === host };
      })()`);
      assert.deepEqual(shown, {
        display: 'block',
        opacity: '1',
        visibility: 'visible',
        position: 'fixed',
        transform: 'none',
        onTop: true,
      });
      await exitByClick();
    });
  });

  describe('a page stacking its own layer above ours', () => {
    test('an element at the highest z-index added after we open stays beneath the view', async () => {
      // What an ad or a "download our app" overlay does: fixed, full screen, z-index max,
      // appended after everything else (including our root).
      const coverer = `<script>new MutationObserver(() => {
          if (!document.querySelector('care-mode-root') || document.getElementById('cover')) return;
          for (const parent of [document.body, document.documentElement]) {
            const cover = document.createElement('div');
            cover.id = parent === document.body ? 'cover' : 'cover2';
            cover.textContent = 'Download our app';
            cover.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;background:red');
            parent.append(cover);
          }
        }).observe(document.documentElement, { childList: true });</script>`;
      await load('covers the view', article('', '', coverer));
      const out = await toggleAndWait();
      assert.equal(out.state, 'article');
      await page.waitForFunction(() => document.getElementById('cover2'));
      const onTop = await page.evaluate(`(() => {
        const host = ${HOST};
        return [[0.5, 0.5], [0.1, 0.1], [0.9, 0.9]].every(([x, y]) =>
          document.elementFromPoint(innerWidth * x, innerHeight * y) === host);
      })()`);
      assert.equal(onTop, true, 'the view is what the reader sees and clicks');
      await exitByClick();
    });
  });

  describe('script cannot operate the view', () => {
    test('synthetic clicks and keys from the page do nothing; real ones work', async () => {
      await load('synthetic clicks', article());
      const out = await toggleAndWait();
      assert.equal(out.state, 'article');
      const fontSize = () =>
        page.evaluate(
          `getComputedStyle(${HOST}.shadowRoot.querySelector('.cm-root')).getPropertyValue('--cm-font-size')`,
        );
      const before = await fontSize();
      const pages = browser.context.pages().length;
      // The page's own world: everything a script can reach through the open shadow root.
      await page.evaluate(`(() => {
        const shadow = document.querySelector('care-mode-root').shadowRoot;
        for (const name of ['larger', 'smaller', 'theme', 'images', 'exit', 'settings']) {
          const b = shadow.querySelector('[data-cm-button="' + name + '"]');
          if (!b) continue;
          b.click();
          b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
          b.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
          b.focus();
          b.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        }
        for (const target of [shadow.querySelector('.cm-root'), document, window, document.body])
          for (const key of ['Escape', '+', '-'])
            target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      })()`);
      await page.waitForTimeout(300);
      assert.equal(
        await page.locator('care-mode-root .cm-root').getAttribute('data-state'),
        'article',
      );
      assert.equal(await fontSize(), before, 'the text size did not change');
      assert.equal(browser.context.pages().length, pages, 'no settings page was opened');
      // A real click does work: the same buttons are not simply dead.
      await page.locator('care-mode-root [data-cm-button="larger"]').click();
      await page.waitForFunction(
        `getComputedStyle(${HOST}.shadowRoot.querySelector('.cm-root')).getPropertyValue('--cm-font-size') !== ${JSON.stringify(before)}`,
      );
      await exitByClick();
      // Put the size back for the rest of the file.
      await load('synthetic clicks (reset)', article());
      await toggleAndWait();
      await page.locator('care-mode-root [data-cm-button="smaller"]').click();
      await exitByClick();
    });
  });

  describe('messages', () => {
    test('a page cannot send our messages; malformed ones from us change nothing', async () => {
      await load('messages', article());
      const out = await toggleAndWait();
      assert.equal(out.state, 'article');
      const id = browser.extensionId;
      const fromPage = await page.evaluate(`(async () => {
        const runtime = window.chrome && window.chrome.runtime;
        const result = { runtime: Boolean(runtime), sendMessage: Boolean(runtime && runtime.sendMessage), sent: [] };
        for (const message of [{ type: 'care:exit' }, { type: 'care:toggle' }]) {
          window.postMessage(message, '*');
          window.dispatchEvent(new CustomEvent('care:exit', { detail: message }));
          document.dispatchEvent(new CustomEvent(message.type, { detail: message }));
          if (runtime && runtime.sendMessage) {
            try { await runtime.sendMessage(${JSON.stringify(id)}, message); result.sent.push('delivered'); }
            catch (e) { result.sent.push('refused'); }
          }
        }
        await new Promise((r) => setTimeout(r, 300));
        return result;
      })()`);
      console.log(`a page's chrome.runtime: ${JSON.stringify(fromPage)}`);
      assert.ok(!(fromPage as { sent: string[] }).sent.includes('delivered'));
      assert.equal(
        await page.locator('care-mode-root .cm-root').getAttribute('data-state'),
        'article',
      );

      // From the extension itself: malformed messages are ignored, the well-formed one works.
      const send = (message: unknown) =>
        browser.worker.evaluate(
          async ([url, m]) => {
            const [tab] = await chrome.tabs.query({ url: url as string });
            if (tab?.id === undefined) return 'no tab';
            try {
              return JSON.stringify(await chrome.tabs.sendMessage(tab.id, m));
            } catch (e) {
              return `error ${String(e)}`;
            }
          },
          [page.url(), message] as const,
        );
      for (const bad of [
        { type: 'care:exit', extra: 1 },
        { type: 'care:toggle', on: true },
        { type: 'CARE:EXIT' },
        { type: ['care:exit'] },
        'care:exit',
        null,
        [{ type: 'care:exit' }],
        { type: 'care:state', on: 'yes' },
        { __proto__: { type: 'care:exit' } },
      ])
        await send(bad);
      await page.waitForTimeout(200);
      assert.equal(
        await page.locator('care-mode-root .cm-root').getAttribute('data-state'),
        'article',
      );
      await send({ type: 'care:exit' });
      await waitForView(page, false);
    });
  });
});
