import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderView, type ReaderViewProps } from '../../components/reader/ReaderView.tsx';
import { cssVars, READER_CSS } from '../../components/reader/styles.ts';
import {
  articleScript,
  failureText,
  metaParts,
  nextThemeId,
  resolveTheme,
} from '../../components/reader/view-model.ts';
import type { Article } from '../../lib/article/types.ts';
import { defaultSettings, FONT_SIZE_STEPS, type Settings } from '../../lib/prefs/schema.ts';
import { getTheme } from '../../lib/theme/themes.ts';
import { dispatchClick, keydown, loadMessages, makeT, mountNode } from './support.tsx';

// ------------------------------------------------------------------------------ i18n

const EN = loadMessages('en');
const ZH = loadMessages('zh_CN');
/** Every key the components asked for, to check both locales have it. */
const requested = new Set<string>();
const t = makeT(EN, requested);
const msg = (key: string) => EN[key]!.message;

// ------------------------------------------------------------------------------ fixtures

function sampleArticle(overrides: Partial<Article> = {}): Article {
  return {
    title: '国务院发布养老服务新政策',
    byline: '记者 张三',
    siteName: '新华网',
    lang: 'zh-CN',
    dir: 'ltr',
    publishedTime: '',
    content: '',
    text: '',
    images: [],
    url: 'https://www.news.cn/politics/2024-05/01/c_1.htm',
    ...overrides,
  };
}

/** A body fragment built with DOM calls (what the sanitizer hands over). */
function sampleBody(): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const p = document.createElement('p');
  p.textContent = '第一段正文。';
  p.id = 'first-paragraph';
  const figure = document.createElement('figure');
  const img = document.createElement('img');
  img.src = 'https://img.example.cn/photo.jpg';
  img.alt = '老人在公园散步';
  const caption = document.createElement('figcaption');
  caption.textContent = '图为公园一角';
  figure.append(img, caption);
  const table = document.createElement('table');
  const row = table.insertRow();
  row.insertCell().textContent = '项目';
  row.insertCell().textContent = '金额';
  const pre = document.createElement('pre');
  pre.textContent = 'const x = 1;';
  fragment.append(p, figure, table, pre);
  return fragment;
}

function makeActions() {
  return {
    exit: vi.fn(),
    setFontSize: vi.fn(),
    setTheme: vi.fn(),
    setShowImages: vi.fn(),
    openSettings: vi.fn(),
  };
}

afterEach(() => {
  for (const style of Array.from(document.querySelectorAll('style[data-test]'))) style.remove();
});

function mount(overrides: Partial<ReaderViewProps> = {}) {
  const actions = makeActions();
  let props: ReaderViewProps = {
    article: sampleArticle(),
    body: sampleBody(),
    error: null,
    settings: defaultSettings(),
    t,
    actions,
    trustedOnly: false,
    ...overrides,
  };
  const { container, q, rerender: replace } = mountNode(<ReaderView {...props} />);
  const rerender = (next: Partial<ReaderViewProps>) => {
    props = { ...props, ...next };
    replace(<ReaderView {...props} />);
  };
  const button = (name: string) => q<HTMLButtonElement>(`button[data-cm-button="${name}"]`)!;
  return {
    container,
    actions: props.actions as ReturnType<typeof makeActions>,
    rerender,
    q,
    button,
  };
}

/** The shadow root's stylesheet, applied to the test document (selectors are the same). */
function applyCss() {
  const style = document.createElement('style');
  style.setAttribute('data-test', '');
  style.textContent = READER_CSS;
  document.head.append(style);
}

// ------------------------------------------------------------------------------ article

describe('ReaderView: article', () => {
  it('renders the headline, a text meta line and the body nodes inside <article>', () => {
    const body = sampleBody();
    const first = body.firstChild;
    const { q } = mount({ body });
    const article = q('main article')!;
    expect(article).toBeTruthy();
    expect(article.getAttribute('lang')).toBe('zh-CN');
    expect(q('h1')!.textContent).toBe('国务院发布养老服务新政策');
    const meta = q('.cm-meta')!;
    expect(meta.textContent).toBe('新华网 · 记者 张三');
    expect(meta.children).toHaveLength(0);
    // The very same nodes, appended (not re-parsed from HTML).
    expect(article.querySelector('#first-paragraph')).toBe(first);
    expect(article.querySelector('.cm-body pre')!.textContent).toBe('const x = 1;');
  });

  it('renders page text literally: markup in title or meta creates no elements', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { q, container } = mount({
      article: sampleArticle({ title: evil, byline: evil, siteName: '<b>bold</b>' }),
      body: null,
    });
    expect(q('h1')!.textContent).toBe(evil);
    expect(q('.cm-meta')!.textContent).toBe(`<b>bold</b> · ${evil}`);
    expect(container.querySelectorAll('img, b')).toHaveLength(0);
  });

  it('falls back to the host for the source and formats ISO dates', () => {
    const parts = metaParts(
      sampleArticle({ siteName: '', byline: '', publishedTime: '2024-05-01', lang: 'en' }),
    );
    expect(parts[0]).toBe('news.cn');
    expect(parts[1]).toMatch(/2024/);
    expect(parts[1]).toMatch(/May/);
    expect(metaParts(sampleArticle({ publishedTime: '昨天 10:30' }))).toEqual([
      '新华网',
      '记者 张三',
      '昨天 10:30',
    ]);
  });

  it('moves focus to the headline when it opens', () => {
    const { q } = mount();
    expect(document.activeElement).toBe(q('h1'));
    expect(q('h1')!.getAttribute('tabindex')).toBe('-1');
  });

  it('keeps the body nodes when settings change', () => {
    const { q, rerender } = mount();
    const p = q('#first-paragraph');
    rerender({ settings: { ...defaultSettings(), fontSize: 40, theme: 'yellow' } });
    expect(q('#first-paragraph')).toBe(p);
    expect(q<HTMLElement>('.cm-root')!.style.getPropertyValue('--cm-font-size')).toBe('40px');
  });

  it('wraps tables in a focusable scroll region', () => {
    const { q } = mount();
    const wrap = q('.cm-table-wrap')!;
    expect(wrap.querySelector('table')).toBeTruthy();
    expect(wrap.getAttribute('tabindex')).toBe('0');
    expect(wrap.getAttribute('role')).toBe('region');
    expect(wrap.getAttribute('aria-label')).toBe(msg('tableRegion'));
  });
});

// ------------------------------------------------------------------------------ toolbar

describe('ReaderView: toolbar and keyboard', () => {
  it('has big buttons with visible labels as accessible names, in order', () => {
    const { container } = mount();
    const buttons = Array.from(container.querySelectorAll<HTMLButtonElement>('.cm-toolbar button'));
    const labels = buttons.map((b) => b.querySelector('.cm-btn__label')!.textContent);
    expect(labels).toEqual([
      msg('textSmaller'),
      msg('textLarger'),
      msg('theme'),
      msg('hideImages'),
      msg('settings'),
      msg('backToPage'),
    ]);
    for (const b of buttons) {
      expect(b.type).toBe('button');
      expect(b.hasAttribute('aria-label')).toBe(false);
      // Name from content: the label is in it; the glyph is hidden.
      expect(b.querySelector('[aria-hidden="true"]')).toBeTruthy();
      expect(b.textContent!.trim().length).toBeGreaterThan(0);
    }
  });

  it('buttons are at least 60×60 CSS px', () => {
    applyCss();
    const { button } = mount();
    const style = getComputedStyle(button('larger'));
    expect(style.minWidth).toBe('60px');
    expect(style.minHeight).toBe('60px');
  });

  it('exits on the back button and on Escape', () => {
    const { actions, button, q } = mount();
    dispatchClick(button('exit'));
    expect(actions.exit).toHaveBeenCalledTimes(1);
    keydown(q('h1')!, 'Escape');
    expect(actions.exit).toHaveBeenCalledTimes(2);
  });

  it('+ / = / − step the font size through FONT_SIZE_STEPS', () => {
    const { actions, q, button } = mount();
    const h1 = q('h1')!;
    const at = FONT_SIZE_STEPS.indexOf(24);
    keydown(h1, '+');
    expect(actions.setFontSize).toHaveBeenLastCalledWith(FONT_SIZE_STEPS[at + 1]);
    keydown(h1, '=');
    expect(actions.setFontSize).toHaveBeenLastCalledWith(FONT_SIZE_STEPS[at + 1]);
    keydown(h1, '-');
    expect(actions.setFontSize).toHaveBeenLastCalledWith(FONT_SIZE_STEPS[at - 1]);
    dispatchClick(button('larger'));
    expect(actions.setFontSize).toHaveBeenLastCalledWith(28);
    dispatchClick(button('smaller'));
    expect(actions.setFontSize).toHaveBeenLastCalledWith(22);
    expect(actions.setFontSize).toHaveBeenCalledTimes(5);
    // Ctrl/⌘ + and − stay the browser's zoom.
    keydown(h1, '+', { ctrlKey: true });
    expect(actions.setFontSize).toHaveBeenCalledTimes(5);
  });

  it('does nothing past the largest size', () => {
    const { actions, q } = mount({ settings: { ...defaultSettings(), fontSize: 72 } });
    keydown(q('h1')!, '+');
    expect(actions.setFontSize).not.toHaveBeenCalled();
  });

  it('cycles the theme, toggles images and opens settings', () => {
    const { actions, button } = mount();
    dispatchClick(button('theme'));
    expect(actions.setTheme).toHaveBeenLastCalledWith('dark');
    dispatchClick(button('images'));
    expect(actions.setShowImages).toHaveBeenLastCalledWith(false);
    dispatchClick(button('settings'));
    expect(actions.openSettings).toHaveBeenCalledTimes(1);
  });

  it('announces a new font size', () => {
    const { rerender, q } = mount();
    expect(q('[role="status"]')!.textContent).toBe('');
    rerender({ settings: { ...defaultSettings(), fontSize: 28 } });
    expect(q('[role="status"]')!.textContent).toBe('Text size 28 pixels');
  });

  it('renders toolbarExtra before Settings', () => {
    const { container } = mount({
      toolbarExtra: (
        <button type="button" data-cm-button="read-aloud">
          {msg('readAloud')}
        </button>
      ),
    });
    const names = Array.from(container.querySelectorAll('.cm-toolbar button')).map((b) =>
      b.getAttribute('data-cm-button'),
    );
    expect(names.slice(-3)).toEqual(['read-aloud', 'settings', 'exit']);
  });
});

describe('ReaderView: untrusted events', () => {
  it('ignores script-dispatched clicks and keys when trustedOnly (the default)', () => {
    const { actions, button, q } = mount({ trustedOnly: undefined });
    dispatchClick(button('exit'));
    dispatchClick(button('larger'));
    keydown(q('h1')!, 'Escape');
    keydown(q('h1')!, '+');
    expect(actions.exit).not.toHaveBeenCalled();
    expect(actions.setFontSize).not.toHaveBeenCalled();
  });
});

// ------------------------------------------------------------------------------ images

describe('ReaderView: images', () => {
  it('makes images zoomable buttons with a name', () => {
    const { q } = mount();
    const btn = q('.cm-img-btn')!;
    expect(btn.tagName).toBe('BUTTON');
    expect(btn.getAttribute('aria-label')).toBe('Enlarge picture: 老人在公园散步');
    expect(btn.querySelector('img')).toBeTruthy();
    // The caption stays in its figure.
    expect(btn.closest('figure')!.querySelector('figcaption')!.textContent).toBe('图为公园一角');
  });

  it('opens a zoom dialog; Escape closes it (not the view) and focus returns', () => {
    const { actions, q } = mount();
    const btn = q<HTMLButtonElement>('.cm-img-btn')!;
    btn.focus();
    dispatchClick(btn.querySelector('img')!);
    const dialog = q('[role="dialog"]')!;
    expect(dialog).toBeTruthy();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.querySelector('img')!.getAttribute('src')).toBe(
      'https://img.example.cn/photo.jpg',
    );
    expect(dialog.querySelector('figcaption')!.textContent).toBe('图为公园一角');
    const close = dialog.querySelector<HTMLButtonElement>('button[data-cm-button="close-zoom"]')!;
    expect(document.activeElement).toBe(close);
    expect(q('main')!.hasAttribute('inert')).toBe(true);
    keydown(close, 'Escape');
    expect(q('[role="dialog"]')).toBeNull();
    expect(actions.exit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(btn);
    expect(q('main')!.hasAttribute('inert')).toBe(false);
  });

  it('the close button closes the zoom', () => {
    const { q } = mount();
    dispatchClick(q('.cm-img-btn')!);
    dispatchClick(q('button[data-cm-button="close-zoom"]')!);
    expect(q('[role="dialog"]')).toBeNull();
  });

  it('showImages false hides every image', () => {
    applyCss();
    const { q, container, button } = mount({
      settings: { ...defaultSettings(), showImages: false },
    });
    expect(q('.cm-root')!.classList.contains('cm-no-images')).toBe(true);
    const imgs = Array.from(container.querySelectorAll('img'));
    expect(imgs.length).toBeGreaterThan(0);
    for (const img of imgs) expect(getComputedStyle(img).display).toBe('none');
    expect(getComputedStyle(q('.cm-img-btn')!).display).toBe('none');
    // The caption is still there to read.
    expect(getComputedStyle(q('figcaption')!).display).not.toBe('none');
    expect(button('images').textContent).toContain(msg('showImages'));
  });
});

// ------------------------------------------------------------------------------ failure

describe('ReaderView: failure', () => {
  it('a page that is not an article: plain words and a big back button', () => {
    const { q, actions, container } = mount({
      article: null,
      body: null,
      error: 'too little text',
    });
    expect(q('h1')!.textContent).toBe(msg('notArticle'));
    expect(document.activeElement).toBe(q('h1'));
    expect(container.querySelector('.cm-toolbar')).toBeNull();
    // The e2e harness waits for `.cm-failure` when a page has no article.
    expect(container.querySelector('.cm-failure h1')).toBe(q('h1'));
    const back = q<HTMLButtonElement>('button.cm-btn--big')!;
    expect(back.textContent).toContain(msg('backToPage'));
    dispatchClick(back);
    expect(actions.exit).toHaveBeenCalledTimes(1);
    keydown(q('h1')!, 'Escape');
    expect(actions.exit).toHaveBeenCalledTimes(2);
  });

  it('no article and no reason → not an article; unknown reason → could not read + detail', () => {
    expect(failureText(null, t)).toEqual({ message: msg('notArticle'), detail: '' });
    expect(failureText('too-many-elements', t).message).toBe(msg('pageTooLarge'));
    expect(failureText('constructor', t).message).toBe(msg('couldNotRead'));
    const { q } = mount({ article: null, body: null, error: 'boom' });
    expect(q('h1')!.textContent).toBe(msg('couldNotRead'));
    expect(q('.cm-message-detail')!.textContent).toBe('Technical detail: boom');
  });
});

// ------------------------------------------------------------------------------ styles and themes

describe('styles and themes', () => {
  const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });

  it('cssVars carries size, spacing, font, column and theme tokens', () => {
    const vars = cssVars(settings(), getTheme('yellow'), 'cjk');
    expect(vars['--cm-font-size']).toBe('24px');
    expect(vars['--cm-line-height']).toBe('1.8');
    expect(vars['--cm-letter-spacing']).toBe('0em');
    expect(vars['--cm-column-width']).toBe('36em');
    expect(vars['--cm-font-family']).toContain("'PingFang SC'");
    expect(vars['--cm-bg']).toBe('#000000');
    expect(vars['--cm-text']).toBe('#ffff00');
    expect(vars['--cm-focus']).toBe('#ffffff');
    expect(
      cssVars(settings({ columnWidth: 'wide' }), getTheme('light'), 'cjk')['--cm-column-width'],
    ).toBe('40em');
    expect(cssVars(settings(), getTheme('light'), 'latin')['--cm-column-width']).toBe('50.4ch');
    // Out-of-range values are clamped, never passed through.
    const wild = cssVars(settings({ fontSize: 5, lineHeight: 1 }), getTheme('light'));
    expect(wild['--cm-font-size']).toBe('18px');
    expect(wild['--cm-line-height']).toBe('1.5');
  });

  it('the stylesheet never uses rem or justified text, and has the required media blocks', () => {
    expect(READER_CSS).not.toMatch(/\d(\.\d+)?rem\b/);
    expect(READER_CSS).not.toMatch(/justify\b(?!-content)/);
    for (const needle of [
      '@media print',
      '@media (forced-colors: active)',
      '@media (prefers-reduced-motion: reduce)',
      'position: sticky',
      'z-index: 2147483647',
      'overflow-x: auto',
      'white-space: pre-wrap',
    ]) {
      expect(READER_CSS).toContain(needle);
    }
  });

  it('resolves auto, custom and the theme cycle', () => {
    expect(resolveTheme(settings({ theme: 'auto' }), true).id).toBe('dark');
    expect(resolveTheme(settings({ theme: 'auto' }), false).id).toBe('light');
    expect(
      resolveTheme(settings({ theme: 'custom', customText: '#111111', customBg: '#eeeeee' })).id,
    ).toBe('custom');
    expect(nextThemeId(settings({ theme: 'dim' }))).toBe('custom');
    expect(nextThemeId(settings({ theme: 'custom' }))).toBe('light');
    expect(
      nextThemeId(settings({ theme: 'dim', customText: '#777777', customBg: '#888888' })),
    ).toBe('light');
  });

  it('picks the column measure from the article language', () => {
    expect(articleScript(sampleArticle())).toBe('cjk');
    expect(articleScript(sampleArticle({ lang: 'en-US' }))).toBe('latin');
    expect(
      articleScript(sampleArticle({ lang: '', title: 'Hello world', text: 'Plain English.' })),
    ).toBe('latin');
    expect(articleScript(sampleArticle({ lang: '', title: '你好世界', text: '中文正文。' }))).toBe(
      'cjk',
    );
  });
});

// ------------------------------------------------------------------------------ locales (runs last)

describe('locales', () => {
  const REQUIRED = [
    'extName',
    'extDescription',
    'actionTitle',
    'commandToggle',
    'enterCareMode',
    'leaveCareMode',
    'notArticle',
    'couldNotRead',
    'backToPage',
    'pageTooLarge',
    'textSmaller',
    'textLarger',
    'theme',
    'themeLight',
    'themeDark',
    'themeYellow',
    'themeCream',
    'themeDim',
    'themeCustom',
    'themeAuto',
    'images',
    'showImages',
    'hideImages',
    'settings',
    'readAloud',
    'metaSeparator',
  ];

  it('zh_CN and en have the same keys, every required one, and every key the view used', () => {
    expect(Object.keys(ZH).sort()).toEqual(Object.keys(EN).sort());
    for (const k of [...REQUIRED, ...requested]) {
      expect(EN[k]?.message, `en ${k}`).toBeTruthy();
      expect(ZH[k]?.message, `zh_CN ${k}`).toBeTruthy();
    }
    expect(ZH.extName!.message).toBe('关怀模式');
    expect(EN.extName!.message).toBe('Care Mode');
    expect(requested.size).toBeGreaterThan(15);
  });

  it('keys are camelCase and placeholders are declared', () => {
    for (const messages of [EN, ZH]) {
      for (const [k, entry] of Object.entries(messages)) {
        expect(k).toMatch(/^[a-z][A-Za-z0-9]*$/);
        for (const [, name] of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
          expect(entry.placeholders?.[name!.toLowerCase()], `${k}: $${name}$`).toBeTruthy();
        }
      }
    }
  });
});
