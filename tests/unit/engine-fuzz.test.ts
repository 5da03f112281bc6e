// @vitest-environment jsdom
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readDocument } from '../../lib/article/read';
import { createSanitizer } from '../../lib/article/sanitize';

/**
 * Random and malformed documents through the whole engine (jsdom, so DOMPurify is real):
 * readDocument never throws, always answers with a known kind, and what it hands the view
 * holds nothing executable. A document that made the engine loop would hang this test: the
 * vitest timeout catches that; times are printed, and only a very generous per-document
 * budget is asserted.
 */

const sanitize = createSanitizer(window);
const URL_ = 'https://news.example.cn/a/1.html';

const TAGS = (
  'div p span a b i em strong font center h1 h2 h3 ul ol li dl dt dd table thead tbody tr ' +
  'td th caption form input select option textarea button label fieldset svg math mi ' +
  'foreignObject style script noscript template iframe object embed img picture source ' +
  'video br hr pre code blockquote figure figcaption article section header footer nav ' +
  'aside main title meta base link xmp textarea frameset marquee details summary dialog ' +
  'care-mode-root'
).split(' ');

/** Property names the engine and Readability read: as field names they clobber a form's own. */
const CLOBBER = (
  'parentNode tagName textContent nodeName children attributes childNodes nodeType ' +
  'firstChild firstElementChild nextElementSibling parentElement ownerDocument innerHTML ' +
  'getAttribute querySelectorAll remove replaceWith'
).split(' ');

const CLASSES = (
  'article-content content rich_media_content TRS_Editor comment share related footer nav ' +
  'ad byline author-name sidebar hot-news recommend article'
).split(' ');

const cjk = fc.string({
  unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
  minLength: 0,
  maxLength: 120,
});
const latin = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz      .,;:!?ABCDEFG0123'.split('')),
  maxLength: 150,
});
const punctuation = fc.constantFrom(
  '。',
  '，',
  '！',
  '？',
  '、',
  '：',
  '“',
  '”',
  '——',
  '…',
  '\u3000',
  '\u00a0',
  '\u200b',
  '\u202e',
);
const nasty = fc.constantFrom(
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;script&gt;',
  '<!--',
  '-->',
  ']]>',
  '</',
  '"',
  "'",
  '\0',
  '\ud800',
);
const text = fc
  .array(
    fc.oneof({ weight: 4, arbitrary: cjk }, { weight: 3, arbitrary: latin }, punctuation, nasty),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const attrValue = fc.oneof(
  text,
  fc.constantFrom(
    'javascript:alert(1)',
    ' jav&#x09;ascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/relative/path.png',
    '//evil.example/x.png',
    'https://img.example.cn/a.jpg',
    'x onerror=alert(1)',
    'visibility:hidden',
    'opacity:0',
    'background:url(https://evil.example/)',
  ),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'x'.repeat(n)),
);
const attrName = fc.constantFrom(
  'name',
  'id',
  'class',
  'style',
  'href',
  'src',
  'data-src',
  'srcset',
  'onerror',
  'onclick',
  'onload',
  'title',
  'alt',
  'lang',
  'dir',
  'itemprop',
  'hidden',
  'aria-hidden',
  'xlink:href',
  'action',
  'formaction',
  'srcdoc',
  'content',
  'property',
  'rel',
  'type',
  'value',
);
const attribute = fc.oneof(
  fc.tuple(attrName, attrValue),
  fc.tuple(fc.constant('name'), fc.constantFrom(...CLOBBER)),
  fc.tuple(fc.constant('id'), fc.constantFrom(...CLOBBER, 'js_content', 'content', 'main')),
  fc.tuple(fc.constant('class'), fc.constantFrom(...CLASSES)),
);

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

interface TreeNode {
  tag: string;
  attrs: [string, string][];
  children: (TreeNode | string)[];
  /** Malformations: leave the element open, or add a stray end tag. */
  unclosed: boolean;
  stray: boolean;
}

/** True about once in `n`. */
const rarely = (n: number) => fc.integer({ min: 1, max: n }).map((i) => i === 1);

const { node } = fc.letrec<{ node: TreeNode; child: TreeNode | string }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attrs: fc.array(attribute, { maxLength: 4 }),
    children: fc.array(tie('child'), { maxLength: 6 }),
    unclosed: rarely(10),
    stray: rarely(15),
  }),
  child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('node')),
}));

function serialize(n: TreeNode | string): string {
  if (typeof n === 'string') return n;
  const attrs = n.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  const inner = n.children.map(serialize).join('');
  const close = n.unclosed ? '' : `</${n.tag}>`;
  return `<${n.tag}${attrs}>${inner}${close}${n.stray ? '</p></table></form></svg>' : ''}`;
}

const documentArb = fc.record({
  lang: fc.constantFrom('zh-CN', 'en', '', 'ja', '"><img src=x onerror=alert(1)>', 'zh_CN'),
  title: text,
  head: fc.array(
    fc.constantFrom(
      '<meta property="og:site_name" content="evil.example">',
      '<meta name="author" content="<b>记者</b>">',
      '<base href="https://evil.example/">',
      '<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"张三"}}</script>',
      '<script type="application/ld+json">{broken',
      '<meta property="og:title" content="标题">',
      '<style>p{}</style>',
    ),
    { maxLength: 3 },
  ),
  body: fc.array(node, { minLength: 1, maxLength: 5 }),
  article: fc.boolean(),
});

const ARTICLE_TEXT =
  '<h1>市政府召开新闻发布会</h1><p>本市今天上午召开新闻发布会，介绍今年老旧小区改造工作的最新进展。市住房和城乡建设局有关负责人表示，全市计划改造老旧小区一百二十个，涉及居民四万多户，目前已有八十个小区完成主体工程，预计年底前全部完工。</p><p>在改造过程中，各区坚持居民点菜、政府配菜的做法，通过入户走访、问卷调查和居民议事会等形式充分听取意见，不少老年居民反映加装电梯后出门方便多了。</p>';

interface RandomDocument {
  lang: string;
  title: string;
  head: string[];
  body: TreeNode[];
  article: boolean;
}

function toHtml(d: RandomDocument): string {
  const body = d.body.map(serialize);
  // Half the documents carry real article text among the noise, so the later stages run too.
  if (d.article) body.splice(Math.floor(body.length / 2), 0, ARTICLE_TEXT);
  return `<!doctype html><html lang="${escapeAttr(d.lang)}"><head><title>${d.title}</title>${d.head.join('')}</head><body>${body.join('')}</body></html>`;
}

/** Chromium's named properties on forms (jsdom has none): see read-hostile.test.ts. */
function clobberLikeChromium(doc: Document): void {
  for (const form of Array.from(doc.getElementsByTagName('form'))) {
    for (const el of Array.from(form.querySelectorAll('input, select, textarea, button, img'))) {
      for (const attr of ['name', 'id']) {
        const name = el.getAttribute(attr);
        if (!name) continue;
        try {
          Object.defineProperty(form, name, { configurable: true, get: () => el });
        } catch {
          // A name jsdom itself defines as non-configurable: Chromium would shadow it, we cannot.
        }
      }
    }
  }
}

const KINDS = new Set(['article', 'list', 'not-article', 'error']);
const UNSAFE =
  'script, style, iframe, frame, object, embed, form, input, textarea, select, button, svg, math, template, base, meta, link, noscript';

describe('the engine on random and malformed documents', () => {
  test('never throws, answers with a known kind, and hands the view nothing executable', () => {
    const times: number[] = [];
    const kinds: Record<string, number> = {};
    fc.assert(
      fc.property(documentArb, (d) => {
        const html = toHtml(d);
        // FUZZ_DUMP=file keeps the document being read, to find one that hangs.
        if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, html);
        const doc = new DOMParser().parseFromString(html, 'text/html');
        clobberLikeChromium(doc);
        const started = performance.now();
        let out: ReturnType<typeof readDocument>;
        try {
          out = readDocument(doc, { url: URL_, sanitize });
        } catch (error) {
          throw new Error(`readDocument threw: ${String(error)}`);
        }
        times.push(performance.now() - started);
        const { result, fragment } = out;
        kinds[result.kind] = (kinds[result.kind] ?? 0) + 1;
        expect(KINDS.has(result.kind)).toBe(true);
        // 'error' is for the size limits only: any other reason is an exception inside lib/
        // that readDocument's last-resort catch turned into "could not read".
        if (result.kind === 'error')
          expect(['too-deep', 'too-many-elements']).toContain(result.reason);
        // The result crosses into the view as data: it must survive structured cloning.
        expect(() => structuredClone(result)).not.toThrow();
        if (result.kind === 'article') {
          const a = result.article;
          for (const field of [a.title, a.byline, a.siteName, a.text, a.publishedTime])
            expect(typeof field).toBe('string');
          expect(a.siteName).not.toMatch(/evil/);
          expect(a.lang).toMatch(/^([a-z]{2,3}(-[a-z0-9]{1,8}){0,3})?$/i);
          expect(fragment).not.toBeNull();
        }
        if (fragment) {
          expect(fragment.querySelector(UNSAFE)).toBeNull();
          for (const el of Array.from(fragment.querySelectorAll('*'))) {
            for (const name of el.getAttributeNames()) {
              expect(name).not.toMatch(/^on|^style$|^srcdoc$|^srcset$|^action$|^formaction$/i);
              // An empty address is inert; any other must be one of the allowed schemes.
              const value = el.getAttribute(name) ?? '';
              if (name === 'href' && value) expect(value).toMatch(/^(https?:|mailto:|tel:)/i);
              if (name === 'src' && value) expect(value).toMatch(/^https?:/i);
              // Text attributes (alt, title) may say anything; address attributes may not.
              if (
                /^(href|src|cite|poster|background|longdesc|data|codebase|xlink:href)$/.test(name)
              )
                expect(value).not.toMatch(/^\s*(javascript|vbscript|data):/i);
            }
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(
      `engine fuzz: ${times.length} documents, kinds ${JSON.stringify(kinds)}, ` +
        `median ${median.toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`,
    );
    // A generous per-document budget, counted after the run (a hang is caught by the test
    // timeout instead): these documents are small, and typically take tens of milliseconds.
    expect(times.filter((t) => t > 15_000)).toEqual([]);
    // Both branches of the pipeline were exercised, not only the early failures.
    expect(kinds.article ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
