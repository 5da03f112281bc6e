// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { checkLimits, MAX_DEPTH, MAX_ELEMENTS } from '../../lib/article/limits';
import { readDocument } from '../../lib/article/read';
import { createSanitizer, plainMetaText, sourceText } from '../../lib/article/sanitize';

/**
 * Hostile pages through the engine under jsdom (DOMPurify is only trustworthy on a real DOM).
 * A page that makes the engine loop would hang here: vitest's timeout catches it.
 */

const URL_ = 'https://news.example.cn/2024/05/01/article.html';
const sanitize = createSanitizer(window);

const P = [
  '本市今天上午召开新闻发布会，介绍今年老旧小区改造工作的最新进展。市住房和城乡建设局有关负责人表示，全市计划改造老旧小区一百二十个，涉及居民四万多户，目前已有八十个小区完成主体工程，预计年底前全部完工。',
  '在改造过程中，各区坚持“居民点菜、政府配菜”的做法，通过入户走访、问卷调查和居民议事会等形式充分听取意见。不少老年居民反映，过去上下楼梯十分吃力，加装电梯后出门方便多了。',
  '针对施工期间可能带来的噪声和出行不便，相关部门要求施工单位合理安排作业时间，设置临时通道和安全提示，并在小区门口公示项目负责人联系方式，居民遇到问题可以随时反映。',
];

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>老旧小区改造取得新进展_城市日报</title>${head}</head>
<body><div id="main"><h1>老旧小区改造取得新进展</h1><p>${P[0]}</p>${body}<p>${P[1]}</p><p>${P[2]}</p></div></body></html>`;
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/**
 * In Chromium a form's named fields (and ids) replace the form's own properties, on the page
 * and on our clone of it alike (`form.textContent` is then an <input>). jsdom does not do
 * this, so the tests put it back: own getters on each form, as Chromium's named properties.
 */
function clobberLikeChromium(doc: Document): number {
  let count = 0;
  for (const form of Array.from(doc.getElementsByTagName('form'))) {
    const names = new Set<string>();
    for (const el of Array.from(form.querySelectorAll('input, select, textarea, button, img'))) {
      for (const attr of ['name', 'id']) {
        const value = el.getAttribute(attr);
        if (value) names.add(value);
      }
    }
    for (const name of names) {
      const item = form.elements.namedItem(name) ?? form.querySelector(`[name="${name}"]`);
      Object.defineProperty(form, name, { configurable: true, get: () => item });
      count++;
    }
  }
  return count;
}

function read(html: string) {
  const doc = parse(html);
  clobberLikeChromium(doc);
  const started = performance.now();
  const out = readDocument(doc, { url: URL_, sanitize });
  return { ...out, ms: performance.now() - started };
}

/** Names of DOM properties the engine and Readability read; a form field by that name hides them. */
const CLOBBERED = (
  'parentNode tagName textContent nodeName children attributes childNodes nodeType ' +
  'firstChild firstElementChild nextSibling nextElementSibling parentElement ' +
  'ownerDocument innerHTML className id getAttribute querySelectorAll removeChild ' +
  'replaceWith remove'
).split(' ');

const EN_PAGE = (
  body: string,
) => `<!doctype html><html lang="en"><head><title>Council approves the renovation plan</title></head>
<body><article><h1>Council approves the renovation plan</h1>${body}${[
  'The city council approved on Tuesday a plan to renovate one hundred and twenty old residential compounds, home to more than forty thousand households, before the end of next year.',
  'Residents were consulted door to door and in neighbourhood meetings; many older people said that the new lifts and ramps would let them leave their homes without help for the first time in years.',
  'Building firms must keep noise to working hours, mark safe temporary paths and post a contact number at every gate, so that residents can report problems and get an answer within a day.',
]
  .map((p) => `<p>${p}</p>`)
  .join('')}</article></body></html>`;

describe('pages whose form fields clobber DOM properties', () => {
  test('the emulation does what Chromium does', () => {
    const doc = parse(
      '<form class="byline"><input name="textContent"><input name="parentNode"></form>',
    );
    expect(clobberLikeChromium(doc)).toBe(2);
    const form = doc.querySelector('form') as HTMLFormElement;
    expect((form.textContent as unknown as Element).tagName).toBe('INPUT');
  });

  const placements: [string, (name: string) => string][] = [
    [
      'a form in the body',
      (n) =>
        page(`<form><input name="${n}"><input name="${n}"><input id="${n}"><p>${P[2]}</p></form>`),
    ],
    [
      'the byline as a form',
      (n) => page(`<form class="byline"><input name="${n}">记者 张三</form>`),
    ],
    [
      'the author as a form',
      (n) => page(`<form itemprop="author" id="js_name"><input name="${n}"></form>`),
    ],
    [
      'the body container as a form',
      (n) =>
        page('')
          .replace('<div id="main">', `<form class="article-content"><input name="${n}">`)
          .replace('</div></body>', '</form></body>'),
    ],
    [
      'an English page with a form',
      (n) => EN_PAGE(`<form class="byline"><input name="${n}"><input name="${n}"></form>`),
    ],
  ];
  for (const name of CLOBBERED) {
    for (const [where, html] of placements) {
      test(`${where}, field named ${name}: the article is still read`, () => {
        const out = read(html(name));
        expect(out.result.kind).toBe('article');
        if (out.result.kind !== 'article') return;
        expect(out.result.article.text).toMatch(/政府配菜|lifts and ramps/);
        expect(out.fragment?.querySelector('input, form')).toBeNull();
      });
    }
  }

  test('a form holding the whole page, every field clobbering', () => {
    // As ASP.NET pages do (hidden fields: many visible ones would make it a web app).
    const fields = CLOBBERED.map((n) => `<input type="hidden" name="${n}">`).join('');
    const out = read(
      page('')
        .replace('<body>', `<body><form id="aspnetForm">${fields}`)
        .replace('</body>', '</form></body>'),
    );
    expect(out.result.kind).toBe('article');
  });
});

describe('size limits', () => {
  // jsdom's own tree code recurses per level (a 20,000-deep parse overflows its stack), so
  // here the depth is twice the limit; tests/e2e/hostile.test.ts builds 20,000 in Chromium.
  test(`${MAX_DEPTH * 2}-deep nesting gives the 'too-deep' error, without recursion`, () => {
    const depth = MAX_DEPTH * 2;
    const doc = parse(page(`${'<div>'.repeat(depth)}深${'</div>'.repeat(depth)}`));
    expect(checkLimits(doc)).toBe('too-deep');
    const out = readDocument(doc, { url: URL_, sanitize });
    expect(out.result).toEqual({ kind: 'error', reason: 'too-deep', lang: '' });
    expect(out.fragment).toBeNull();
  });

  test('nesting just under the limit is read', () => {
    const depth = MAX_DEPTH - 20;
    const doc = parse(page(`${'<div>'.repeat(depth)}<p>${P[2]}</p>${'</div>'.repeat(depth)}`));
    expect(checkLimits(doc)).toBeNull();
  });

  test(`more than ${MAX_ELEMENTS} elements gives the 'too-many-elements' error`, () => {
    const doc = parse(page(`<div>${'<i></i>'.repeat(MAX_ELEMENTS + 1)}</div>`));
    const out = readDocument(doc, { url: URL_, sanitize });
    expect(out.result).toEqual({ kind: 'error', reason: 'too-many-elements', lang: '' });
  });

  test('clobbered walking properties cannot hide a deep tree from the limit', () => {
    // A walk by element properties would go from the form back to its own field (the
    // form's nextElementSibling) and never reach the deep tree after the form.
    const fields = ['firstElementChild', 'nextElementSibling', 'parentElement', 'parentNode']
      .map((n) => `<input name="${n}">`)
      .join('');
    const shallow = parse(page(`<form>${fields}<div><div><p>x</p></div></div></form>`));
    expect(clobberLikeChromium(shallow)).toBe(4);
    expect(checkLimits(shallow)).toBeNull();
    const depth = MAX_DEPTH + 5;
    const deep = parse(
      page(`<form>${fields}</form>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`),
    );
    expect(clobberLikeChromium(deep)).toBe(4);
    expect(checkLimits(deep)).toBe('too-deep');
  });

  test('an empty document and a document without a body', () => {
    const empty = document.implementation.createDocument(null, '', null);
    expect(checkLimits(empty)).toBeNull();
    const out = readDocument(parse(''), { url: URL_, sanitize });
    expect(['not-article', 'error']).toContain(out.result.kind);
  });
});

describe('metadata is plain text and never names another host as the source', () => {
  test('site name or byline naming another host is dropped; the page host is kept', () => {
    expect(sourceText('evil.example', URL_)).toBe('');
    expect(sourceText('https://www.evil.example/news', URL_)).toBe('');
    expect(sourceText('WWW.EVIL.EXAMPLE', URL_)).toBe('');
    expect(sourceText('bank。example', URL_)).toBe('');
    expect(sourceText('\u202eelpmaxe.live', URL_)).toBe('');
    expect(sourceText('记者 张三 zhangsan@evil.example', URL_)).toBe('');
    expect(sourceText('news.example.cn', URL_)).toBe('news.example.cn');
    expect(sourceText('www.example.cn', URL_)).toBe('www.example.cn');
    expect(sourceText('城市日报', URL_)).toBe('城市日报');
    expect(sourceText('新华社记者 王五。摄影 李六', URL_)).toBe('新华社记者 王五。摄影 李六');
    expect(sourceText('Version 1.2 notes', URL_)).toBe('Version 1.2 notes');
  });

  test('invisible controls go, markup stays text, length is bounded', () => {
    expect(plainMetaText('\u202e公告\u200b\u2066测试\u2069')).toBe('公告测试');
    expect(plainMetaText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(plainMetaText('x'.repeat(10_000)).length).toBe(300);
    expect(sourceText('y'.repeat(10_000), URL_).length).toBe(120);
  });

  test('through the engine: og:site_name and author naming another host, bidi title', () => {
    const head =
      '<meta property="og:site_name" content="evil.example"><meta name="author" content="www.evil.example"><base href="https://evil.example/">';
    const html = page('<p><img src="photo.png" alt="图"></p>', head).replace(
      '<h1>老旧小区改造取得新进展</h1>',
      '<h1>\u202e老旧小区改造取得新进展</h1>',
    );
    const out = read(html);
    expect(out.result.kind).toBe('article');
    if (out.result.kind !== 'article') return;
    expect(out.result.article.siteName).toBe('');
    expect(out.result.article.byline).toBe('');
    expect(out.result.article.title).not.toMatch(/\u202e/);
    // Relative addresses resolve against the page, never against its <base>.
    for (const img of out.result.article.images) expect(img.src).not.toContain('evil');
  });
});

describe('the sanitized fragment', () => {
  test('holds fresh nodes: no handler attributes, no foreign document nodes', () => {
    const fragment = sanitize(
      '<p onclick="alert(1)">a<img src="https://a.example/x.png" onerror="alert(2)"></p><svg onload=alert(3)></svg><math><mi xlink:href="javascript:alert(4)">x</mi></math>',
    );
    for (const el of Array.from(fragment.querySelectorAll('*'))) {
      expect(el.getAttributeNames().filter((n) => n.startsWith('on'))).toEqual([]);
      expect(el.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    }
    expect(fragment.querySelector('img')?.getAttribute('src')).toBe('https://a.example/x.png');
  });
});
