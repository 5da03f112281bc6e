import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { tabIdOf, toggleCareMode, useBrowser, waitFor, waitForView } from './harness';

/**
 * The view on pages that fight it: hostile CSS, a strict Content Security Policy, enforced
 * Trusted Types, a script that removes our root. The view must look the same, work, cause no
 * violation, and leave the page as it was.
 */

const PARAS = [
  '本市今天上午召开新闻发布会，介绍今年老旧小区改造工作的最新进展。市住房和城乡建设局有关负责人表示，全市计划改造老旧小区一百二十个，涉及居民四万多户，目前已有八十个小区完成主体工程，预计年底前全部完工。',
  '在改造过程中，各区坚持“居民点菜、政府配菜”的做法，通过入户走访、问卷调查和居民议事会等形式充分听取意见。不少老年居民反映，加装电梯后出门方便多了，小区里的休闲座椅和无障碍坡道也让日常生活更加安心。',
  '针对施工期间可能带来的噪声和出行不便，相关部门要求施工单位合理安排作业时间，设置临时通道和安全提示，并在小区门口公示项目负责人联系方式，居民遇到问题可以随时反映，做到件件有回音。',
  '负责人还介绍，明年将继续推进城市更新行动，重点解决停车难、充电难和养老托育服务不足等问题，同时探索引入社会资本参与小区长效管理，让改造成果真正惠及每一位居民。',
];

function article(head = '', bodyAttrs = '', extra = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>老旧小区改造工作取得新进展_测试日报</title>${head}</head><body${bodyAttrs}>
<article><h1>老旧小区改造工作取得新进展</h1>
<p>${PARAS[0]}详见<a href="/policy.html">政策解读</a>。</p>
<figure><img src="/shared/cn-163-article/forum.png" alt="小区广场" width="640" height="360"><figcaption>改造后的小区广场。</figcaption></figure>
${PARAS.slice(1)
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
</article>${extra}</body></html>`;
}

const HOSTILE_CSS = `<style>
html { font-size: 10px; }
* { color: red !important; font-family: serif !important; line-height: 1 !important; letter-spacing: 3px !important; }
body { zoom: 0.5; }
care-mode-root { display: none !important; opacity: 0 !important; position: static !important;
  transform: scale(0.2) !important; width: 10px !important; height: 10px !important;
  --cm-bg: red !important; --cm-text: red !important; --cm-font-size: 8px !important; }
html { --cm-bg: red; --cm-line-height: 1; direction: rtl; }
@media print { care-mode-root { display: none !important; } }
</style>`;

const STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'";
const TRUSTED_TYPES = "require-trusted-types-for 'script'";

/** Computed looks of the view's parts, to compare a hostile page with a plain one. */
async function looks(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('care-mode-root') as HTMLElement;
    const root = host.shadowRoot!;
    const pick = (sel: string) => {
      const el = root.querySelector(sel)!;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        fontSize: s.fontSize,
        lineHeight: s.lineHeight,
        letterSpacing: s.letterSpacing,
        fontFamily: s.fontFamily,
        color: s.color,
        background: s.backgroundColor,
        direction: s.direction,
        width: Math.round(r.width),
        height: Math.round(r.height),
        left: Math.round(r.left),
      };
    };
    const hs = getComputedStyle(host);
    const hr = host.getBoundingClientRect();
    return {
      host: {
        display: hs.display,
        position: hs.position,
        opacity: hs.opacity,
        transform: hs.transform,
        background: hs.backgroundColor,
        rect: [hr.left, hr.top, hr.width, hr.height],
      },
      title: pick('.cm-title'),
      meta: pick('.cm-meta'),
      paragraph: pick('.cm-body p'),
      link: pick('.cm-body a'),
      button: pick('.cm-toolbar button'),
      label: pick('.cm-toolbar .cm-btn__label'),
      image: pick('.cm-body img'),
    };
  });
}

describe('the care view on hostile pages', () => {
  const e2e = useBrowser(async ({ server, browser }) => {
    server.pages.set('/plain.html', { body: article() });
    server.pages.set('/hostile.html', { body: article(HOSTILE_CSS) });
    // The page's own inline style attribute is blocked by its CSP: proof that it is enforced.
    server.pages.set('/csp.html', {
      body: article('', '', '<p id="inline-probe" style="color: rgb(1, 2, 3)">probe</p>'),
      headers: { 'content-security-policy': STRICT_CSP },
    });
    server.pages.set('/tt.html', {
      body: article(),
      headers: { 'content-security-policy': TRUSTED_TYPES },
    });
    server.pages.set('/attrs.html', { body: article('', ' aria-hidden="false" class="page"') });
    // tsx keeps function names with a helper the page does not have (see view.test.ts).
    await browser.context.addInitScript('globalThis.__name = (f) => f;');
    // Every CSP / Trusted Types violation in any page, from the first script on.
    await browser.context.addInitScript(`
      globalThis.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        globalThis.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
      });
    `);
  });
  const url = (path: string) => `${e2e.server.url}${path}`;

  test('hostile CSS does not reach the view: sizes, colours and layout as on a plain page', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(url('/plain.html'));
    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    const plain = await looks(page);
    await page.goto(url('/hostile.html'));
    // The hostile CSS is live on the page itself.
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.querySelector('p')!).color),
      'rgb(255, 0, 0)',
    );
    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    const hostile = await looks(page);
    assert.deepEqual(hostile, plain);
    // And the plain values are ours: 24 px text, dark text on the light theme, full window.
    assert.equal(plain.paragraph.fontSize, '24px');
    assert.equal(plain.paragraph.color, 'rgb(0, 0, 0)');
    assert.equal(plain.host.display, 'block');
    assert.deepEqual(plain.host.rect, [0, 0, 1024, 800]);
    await page.emulateMedia({ media: 'print' });
    assert.equal(
      await page.evaluate(
        () => getComputedStyle(document.querySelector('care-mode-root')!).display,
      ),
      'block',
      'printed even when the page hides us in print',
    );
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await waitForView(page, false);
    await page.close();
  });

  for (const [label, path, proof] of [
    ['a strict Content Security Policy', '/csp.html', 'csp'],
    ['enforced Trusted Types', '/tt.html', 'tt'],
  ] as const) {
    test(`works on a page with ${label}, causing no violation`, async () => {
      const page = await e2e.browser.context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url(path));
      // The policy is enforced on this page (else the test could not fail).
      if (proof === 'csp') {
        assert.notEqual(
          await page.evaluate(
            () => getComputedStyle(document.getElementById('inline-probe')!).color,
          ),
          'rgb(1, 2, 3)',
          'inline styles are blocked',
        );
        assert.ok(
          (
            await page.evaluate(
              () => (globalThis as unknown as { __violations: string[] }).__violations,
            )
          ).some((v) => v.startsWith('style-src')),
          'the listener sees the page’s own violation',
        );
      } else {
        const blocked = await page.evaluate(() => {
          try {
            document.createElement('div').innerHTML = '<b>x</b>';
            return false;
          } catch {
            return true;
          }
        });
        assert.ok(blocked, 'a plain string into innerHTML is refused');
      }
      await page.evaluate(() => {
        (globalThis as unknown as { __violations: string[] }).__violations.length = 0;
      });
      errors.length = 0;

      await toggleCareMode(e2e.browser, page);
      await waitForView(page);
      const view = await page.evaluate(() => {
        const root = document.querySelector('care-mode-root')!.shadowRoot!;
        const p = root.querySelector('.cm-body p')!;
        return {
          paragraphs: root.querySelectorAll('.cm-body p').length,
          fontSize: getComputedStyle(p).fontSize,
          bg: getComputedStyle(root.querySelector('.cm-root')!).backgroundColor,
          image: (root.querySelector('.cm-body img') as HTMLImageElement | null)?.naturalWidth ?? 0,
        };
      });
      assert.ok(view.paragraphs >= 4);
      assert.equal(view.fontSize, '24px', 'our stylesheet applies');
      assert.equal(view.bg, 'rgb(255, 255, 255)', 'our colours apply');
      // Settings changes restyle the view live (custom properties set through the CSSOM).
      await page.locator('care-mode-root button[data-cm-button="larger"]').click();
      await page.waitForFunction(
        () =>
          getComputedStyle(
            document.querySelector('care-mode-root')!.shadowRoot!.querySelector('.cm-body p')!,
          ).fontSize === '28px',
      );
      await page.locator('care-mode-root .cm-img-btn').click();
      await page.locator('care-mode-root [role="dialog"]').waitFor();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await waitForView(page, false);
      const violations = await page.evaluate(
        () => (globalThis as unknown as { __violations: string[] }).__violations,
      );
      assert.deepEqual(violations, [], 'no violation caused by the view');
      assert.deepEqual(errors, [], 'no console errors');
      await e2e.browser.worker.evaluate(() => chrome.storage.sync.clear());
      await page.close();
    });
  }

  test('a page that removes our root: we leave cleanly, the page is as it was', async () => {
    const page = await e2e.browser.context.newPage();
    await page.goto(url('/attrs.html'));
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    const badge = async () => {
      const tabId = await tabIdOf(e2e.browser, page);
      return e2e.browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    };

    // Removed some time after opening.
    await toggleCareMode(e2e.browser, page);
    await waitForView(page);
    assert.equal(await page.evaluate(() => document.body.getAttribute('aria-hidden')), 'true');
    await page.evaluate(() => document.querySelector('care-mode-root')!.remove());
    await page.waitForFunction(() => !document.body.hasAttribute('inert'));
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);

    // Removed the moment it appears.
    await page.evaluate(() => {
      const w = globalThis as unknown as { __removed: number };
      w.__removed = 0;
      new MutationObserver(() => {
        const root = document.querySelector('care-mode-root');
        if (root) {
          root.remove();
          w.__removed++;
        }
      }).observe(document.documentElement, { childList: true });
    });
    await toggleCareMode(e2e.browser, page);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { __removed: number }).__removed === 1 &&
        !document.body.hasAttribute('inert'),
    );
    const after = await page.evaluate(() => ({
      root: !!document.querySelector('care-mode-root'),
      inert: document.body.hasAttribute('inert'),
      hidden: document.body.getAttribute('aria-hidden'),
      cls: document.body.className,
      style: document.documentElement.getAttribute('style'),
      sheets: document.adoptedStyleSheets.length,
    }));
    assert.deepEqual(after, {
      root: false,
      inert: false,
      hidden: 'false',
      cls: 'page',
      style: null,
      sheets: 0,
    });
    // The toolbar badge says care mode is off, and the next toggle tries again.
    await waitFor('the badge to clear', badge, (text) => text === '');
    await page.close();
  });
});
