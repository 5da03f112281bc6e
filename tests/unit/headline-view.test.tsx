import type { ComponentChild } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import {
  HeadlineList,
  type HeadlineListData,
  safeHref,
  sectionsOf,
} from '../../components/headlines/HeadlineList.tsx';
import { LIST_CSS } from '../../components/headlines/styles.ts';
import { PageModeBar } from '../../components/pagemode/PageModeBar.tsx';
import { PAGE_ZOOM, pageModeCss, pageZoom } from '../../components/pagemode/styles.ts';
import { ReaderView } from '../../components/reader/ReaderView.tsx';
import { isMessage } from '../../lib/messages.ts';
import { defaultSettings } from '../../lib/prefs/schema.ts';
import { sameSite, siteOf } from '../../lib/site.ts';
import { getTheme, THEME_IDS } from '../../lib/theme/themes.ts';
import { dispatchClick, keydown, loadMessages, makeT, mountNode } from './support.tsx';

/** The headline list view, the page-mode bar and stylesheet, and the same-site rule. */

const EN = loadMessages('en');
const ZH = loadMessages('zh_CN');
const t = makeT(EN);

const LIST: HeadlineListData = {
  title: '网易',
  lang: 'zh-CN',
  url: 'https://www.163.com/',
  items: [
    {
      title: '春运返程客流迎来高峰',
      url: 'https://www.163.com/a/1.html',
      section: '要闻',
      meta: '',
    },
    {
      title: '今年中央一号文件发布',
      url: 'https://www.163.com/a/2.html',
      section: '要闻',
      meta: '02-21 18:42',
    },
    { title: '长江禁渔进入第六年', url: 'https://www.163.com/a/3.html', section: '国内', meta: '' },
    {
      title: '<img src=x onerror=alert(1)>',
      url: 'javascript:alert(1)',
      section: '国内',
      meta: '<b>x</b>',
    },
  ],
  more: 'https://www.163.com/index_2.html',
};

/** Renders into the document (unmounted after the test); returns the container. */
const mount = (node: ComponentChild): HTMLElement => mountNode(node).container;

describe('HeadlineList', () => {
  it('shows the title, sections with the page\u2019s names, links, meta lines and one more link', () => {
    const c = mount(<HeadlineList list={LIST} t={t} />);
    expect(c.querySelector('h1')?.textContent).toBe('网易');
    expect(c.querySelector('.cm-meta')?.textContent).toBe('163.com · 4 stories');
    expect(Array.from(c.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
      '要闻',
      '国内',
    ]);
    const sections = c.querySelectorAll('section');
    expect(sections[0]?.getAttribute('aria-labelledby')).toBe(sections[0]?.querySelector('h2')?.id);
    const links = Array.from(c.querySelectorAll<HTMLAnchorElement>('a.cm-headline'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://www.163.com/a/1.html',
      'https://www.163.com/a/2.html',
      'https://www.163.com/a/3.html',
    ]);
    expect(c.querySelectorAll('.cm-headline-meta')[0]?.textContent).toBe('02-21 18:42');
    const more = c.querySelector<HTMLAnchorElement>('a.cm-more');
    expect(more?.getAttribute('href')).toBe('https://www.163.com/index_2.html');
    expect(more?.textContent).toBe(EN.listMore?.message);
  });

  it('renders page text as text, and never links a non-web address', () => {
    const c = mount(<HeadlineList list={LIST} t={t} />);
    expect(c.querySelector('img')).toBeNull();
    expect(c.querySelector('b')).toBeNull();
    const unsafe = Array.from(c.querySelectorAll('.cm-headline')).at(-1);
    expect(unsafe?.tagName).toBe('SPAN');
    expect(unsafe?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(c.querySelector('[href^="javascript"]')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
  });

  it('focuses its title when it opens', () => {
    const c = mount(<HeadlineList list={LIST} t={t} />);
    expect(document.activeElement).toBe(c.querySelector('h1'));
  });

  it('groups consecutive items by section, unnamed ones without a heading', () => {
    const items = [
      { title: 'a', url: 'https://x/1', section: '', meta: '' },
      { title: 'b', url: 'https://x/2', section: '国内', meta: '' },
      { title: 'c', url: 'https://x/3', section: '国内', meta: '' },
    ];
    expect(sectionsOf(items).map((s) => [s.name, s.items.length])).toEqual([
      ['', 1],
      ['国内', 2],
    ]);
    const c = mount(<HeadlineList list={{ ...LIST, items, more: undefined }} t={t} />);
    expect(c.querySelectorAll('h2')).toHaveLength(1);
    expect(c.querySelector('a.cm-more')).toBeNull();
  });

  it('headlines are 60 px targets and underlined in the theme\u2019s link colour', () => {
    expect(LIST_CSS).toMatch(/\.cm-headline \{[^}]*min-height: 60px/);
    expect(LIST_CSS).toMatch(/\.cm-headline \{[^}]*color: var\(--cm-link\)/);
    expect(LIST_CSS).toMatch(/\.cm-headline \{[^}]*text-decoration: underline/);
    expect(LIST_CSS).not.toMatch(/\brem\b/);
  });
});

describe('ReaderView with a list', () => {
  const actions = {
    exit: vi.fn(),
    setFontSize: vi.fn(),
    setTheme: vi.fn(),
    setShowImages: vi.fn(),
    openSettings: vi.fn(),
  };

  it('shows the list under the reader\u2019s toolbar, without the image switch', () => {
    const c = mount(
      <ReaderView
        article={null}
        body={null}
        error={null}
        settings={defaultSettings()}
        t={t}
        actions={actions}
        trustedOnly={false}
        list={<HeadlineList list={LIST} t={t} />}
      />,
    );
    expect(c.querySelector('.cm-root')?.getAttribute('data-state')).toBe('list');
    expect(
      Array.from(c.querySelectorAll('.cm-toolbar [data-cm-button]')).map((b) =>
        b.getAttribute('data-cm-button'),
      ),
    ).toEqual(['smaller', 'larger', 'theme', 'settings', 'exit']);
    expect(c.querySelector('main .cm-list h1')?.textContent).toBe('网易');
    expect(c.querySelector('article')).toBeNull();
    keydown(c.querySelector('.cm-root')!, 'Escape');
    expect(actions.exit).toHaveBeenCalledTimes(1);
  });
});

describe('page mode', () => {
  it('zoom follows the reader\u2019s font size, within limits', () => {
    expect(pageZoom(24)).toBe(1.5);
    expect(pageZoom(32)).toBe(2);
    expect(pageZoom(18)).toBe(PAGE_ZOOM.min);
    expect(pageZoom(72)).toBe(PAGE_ZOOM.max);
    expect(pageZoom(Number.NaN)).toBe(PAGE_ZOOM.min);
  });

  it('the page stylesheet zooms the body and forces every theme\u2019s colours', () => {
    for (const id of THEME_IDS) {
      const theme = getTheme(id);
      const css = pageModeCss(theme, 1.75);
      expect(css).toMatch(/body \{[^}]*zoom: 1\.75 !important/);
      expect(css).toContain(`color: ${theme.text} !important`);
      expect(css).toContain(`background-color: ${theme.bg} !important`);
      expect(css).toContain(`color: ${theme.link} !important`);
      expect(css).toContain(`outline: 4px solid ${theme.focus} !important`);
      expect(css).toContain('cursor: url("data:image/svg+xml,');
    }
    // Zoom is clamped, whatever it is given.
    expect(pageModeCss(getTheme('light'), 99)).toContain('zoom: 3 !important');
  });

  it('the bar steps the font size, and Esc or its button goes back', () => {
    const actions = { exit: vi.fn(), setFontSize: vi.fn() };
    const c = mount(
      <PageModeBar settings={defaultSettings()} t={t} actions={actions} trustedOnly={false} />,
    );
    expect(c.querySelector('section')?.getAttribute('aria-label')).toBe(EN.pageModeLabel?.message);
    expect(c.querySelector('.cm-pagebar-title')?.textContent).toBe('Page enlarged 150%');
    expect(document.activeElement).toBe(c.querySelector('section'));
    const press = (name: string) => dispatchClick(c.querySelector(`[data-cm-button="${name}"]`)!);
    press('larger');
    expect(actions.setFontSize).toHaveBeenLastCalledWith(28);
    press('smaller');
    expect(actions.setFontSize).toHaveBeenLastCalledWith(22);
    press('exit');
    expect(actions.exit).toHaveBeenCalledTimes(1);
    keydown(c.querySelector('section')!, 'Escape');
    expect(actions.exit).toHaveBeenCalledTimes(2);
  });

  it('ignores clicks a page script dispatches', () => {
    const actions = { exit: vi.fn(), setFontSize: vi.fn() };
    const c = mount(<PageModeBar settings={defaultSettings()} t={t} actions={actions} />);
    dispatchClick(c.querySelector('[data-cm-button="exit"]')!);
    expect(actions.exit).not.toHaveBeenCalled();
  });
});

describe('strings and messages', () => {
  it('both locales have the new strings', () => {
    for (const key of [
      'listCount',
      'listMore',
      'pageModeLabel',
      'pageModeTitle',
      'pageModeZoomNow',
    ]) {
      expect(EN[key]?.message, key).toBeTruthy();
      expect(ZH[key]?.message, key).toBeTruthy();
    }
  });

  it('accepts the follow and resume messages, exactly', () => {
    expect(isMessage({ type: 'care:follow' })).toBe(true);
    expect(isMessage({ type: 'care:resume' })).toBe(true);
    expect(isMessage({ type: 'care:follow', url: 'https://x/' })).toBe(false);
    expect(isMessage({ type: 'care:resume', site: '163.com' })).toBe(false);
  });
});

describe('same site', () => {
  it('is the registrable part of the host name', () => {
    expect(siteOf('news.163.com')).toBe('163.com');
    expect(siteOf('WWW.163.COM.')).toBe('163.com');
    expect(siteOf('www.qinglan.gov.cn')).toBe('qinglan.gov.cn');
    expect(siteOf('finance.sina.com.cn')).toBe('sina.com.cn');
    expect(siteOf('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('localhost')).toBe('localhost');
    expect(sameSite('www.163.com', 'news.163.com')).toBe(true);
    expect(sameSite('www.163.com', 'www.126.com')).toBe(false);
    expect(sameSite('a.gov.cn', 'b.gov.cn')).toBe(false);
    expect(sameSite('', '')).toBe(false);
  });
});
