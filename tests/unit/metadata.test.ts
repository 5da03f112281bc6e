// @vitest-environment node
import { Window as HappyWindow } from 'happy-dom';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  infoLineDate,
  type PageMeta,
  readMetadata,
  settleSource,
  siteFromTitle,
} from '../../lib/article/metadata.ts';
import { readDocument } from '../../lib/article/read.ts';
import { createSanitizer } from '../../lib/article/sanitize.ts';

/** Site name, published time and byline on pages shaped like real Chinese news pages. */

const URL_ = 'https://news.example.cn/2023/11/17/c_1.htm';
const HEADLINE = '短缺药品保供稳价 全力保障临床用药需求';
const BODY = `<p>${'记者17日从国家卫生健康委获悉，近阶段相关部门持续依托会商联动机制保障临床用药需求。'.repeat(4)}</p>`;

function html(head: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

function jsdom(head: string, body: string, url = URL_): Document {
  return new JSDOM(html(head, body), { url }).window.document;
}

/** Source and time as the engine hands them to the view (headline known). */
function source(doc: Document, url = URL_): PageMeta & { siteName: string; byline: string } {
  const meta = readMetadata(doc, url);
  const headline = doc.querySelector('h1')?.textContent ?? '';
  return { ...meta, ...settleSource(meta, headline, url) };
}

describe('site name from the <title> tail', () => {
  it('takes the name after the headline, whatever the separator', () => {
    expect(siteFromTitle(`${HEADLINE}-新华网`, [HEADLINE])).toBe('新华网');
    expect(siteFromTitle(`${HEADLINE} - 中国日报网`, [HEADLINE])).toBe('中国日报网');
    expect(siteFromTitle(`${HEADLINE}_新闻_新华网`, [HEADLINE])).toBe('新华网');
    expect(siteFromTitle(`${HEADLINE}_滚动新闻_网易新闻`, [HEADLINE])).toBe('网易新闻');
    expect(siteFromTitle(`${HEADLINE}--地方--人民网`, [HEADLINE])).toBe('人民网');
    expect(siteFromTitle(`${HEADLINE} | Older people | The Guardian`, [HEADLINE])).toBe(
      'The Guardian',
    );
  });

  it('prefers the part that reads as a site name over a section after it', () => {
    const title = `${HEADLINE} - BBC中文网 - 两岸三地`;
    expect(siteFromTitle(title, [HEADLINE], 'http://www.bbc.co.uk/zhongwen/simp/x.shtml')).toBe(
      'BBC中文网',
    );
    // A Chinese name followed by its Latin twin: the Chinese one.
    expect(
      siteFromTitle(
        `${HEADLINE}_10%公司_澎湃新闻-The Paper`,
        [HEADLINE],
        'https://www.thepaper.cn/',
      ),
    ).toBe('澎湃新闻');
  });

  it('gives nothing when the head is not the headline, or the tail is keywords or long', () => {
    expect(siteFromTitle(`另一条新闻-新华网`, [HEADLINE])).toBe('');
    expect(siteFromTitle(`${HEADLINE}-新华网`, [''])).toBe('');
    expect(siteFromTitle(`${HEADLINE}_服务_志愿者_智能手机`, [HEADLINE])).toBe('');
    expect(siteFromTitle(`${HEADLINE} - ${'很长的栏目名称'.repeat(4)}`, [HEADLINE])).toBe('');
    // A hyphen inside a word is not a separator.
    expect(siteFromTitle('Free Wi-Fi for older readers', ['Free Wi'])).toBe('');
  });

  it('through the page: h1 or og:title is the head; meta names win; no name from the URL', () => {
    const body = `<h1>${HEADLINE}</h1>${BODY}`;
    expect(source(jsdom(`<title>${HEADLINE}-新华网</title>`, body)).siteName).toBe('新华网');
    expect(
      source(
        jsdom(
          `<title>${HEADLINE}-新华网</title><meta property="og:site_name" content="新华网客户端">`,
          body,
        ),
      ).siteName,
    ).toBe('新华网客户端');
    expect(
      source(
        jsdom(
          `<title>${HEADLINE} - 中国日报网</title><meta property="og:title" content="${HEADLINE}">`,
          BODY,
        ),
      ).siteName,
    ).toBe('中国日报网');
    expect(source(jsdom(`<title>${HEADLINE}</title>`, body)).siteName).toBe('');
  });

  it('uses the engine headline on pages without an h1, and a Dublin Core publisher last', () => {
    const doc = jsdom(
      '<title>午间公告：天奇股份中标项目_证券时报网</title><meta name="author" content="证券时报网">',
      `<div class="title">午间公告：天奇股份中标项目</div>${BODY}`,
    );
    const meta = readMetadata(doc, URL_);
    expect(meta.siteName).toBe('');
    // The site's own name is not an author.
    expect(settleSource(meta, '午间公告：天奇股份中标项目', URL_)).toEqual({
      siteName: '证券时报网',
      byline: '',
    });
    const publisherOnly = jsdom(
      `<title>${HEADLINE}</title><meta name="dc.publisher" content="British Broadcasting Corporation">`,
      `<h1>${HEADLINE}</h1>${BODY}`,
    );
    expect(source(publisherOnly).siteName).toBe('British Broadcasting Corporation');
  });
});

describe('published time', () => {
  it('reads the info-line date forms as YYYY-MM-DDTHH:MM(:SS), without a zone', () => {
    expect(infoLineDate('2023-11-17 20:52:15 来源：新华网')).toBe('2023-11-17T20:52:15');
    expect(infoLineDate('2023/11/17 20:52')).toBe('2023-11-17T20:52');
    expect(infoLineDate('2023年11月17日 20:52 来源：人民网')).toBe('2023-11-17T20:52');
    expect(infoLineDate('2016年10月14日07:17')).toBe('2016-10-14T07:17');
    expect(infoLineDate('2023.11.17')).toBe('2023-11-17');
    expect(infoLineDate('发布时间：2023年1月5日')).toBe('2023-01-05');
    expect(infoLineDate('于 2024-05-14 21:06:43 发布')).toBe('2024-05-14T21:06:43');
  });

  it('refuses mixed separators, impossible days, a header "today" and prose', () => {
    expect(infoLineDate('2023-11/17')).toBe('');
    expect(infoLineDate('2023-13-01 10:00')).toBe('');
    expect(infoLineDate('2024年5月14日 星期二')).toBe('');
    expect(
      infoLineDate(
        '2019年2月27日下午，佛山顺德区大良街道党工委委员一行八人到众创金融街进行实地考察调研。',
      ),
    ).toBe('');
  });

  it('takes the line next to the headline (Xinhua: .info after the h1)', () => {
    const doc = jsdom(
      `<title>${HEADLINE}-新华网</title>`,
      `<div class="header-time"><span>2023</span><span>11/17</span> <span>20:52:15</span></div>
       <h1><span class="title">${HEADLINE}</span></h1>
       <div class="share">字体：小 中 大 分享到：</div>
       <div class="info">2023-11-17 20:52:15 <span>来源：新华网</span></div>${BODY}`,
    );
    expect(readMetadata(doc, URL_).publishedTime).toBe('2023-11-17T20:52:15');
  });

  it('more meta keys, in any case; a page-given zone is kept', () => {
    const body = `<h1>${HEADLINE}</h1>${BODY}`;
    expect(
      readMetadata(jsdom('<meta name="dcterms.created" content="2012-12-10T09:24:01+00:00">', body))
        .publishedTime,
    ).toBe('2012-12-10T09:24:01+00:00');
    expect(
      readMetadata(jsdom('<meta name="DC.Date.Issued" content="2014-12-15">', body)).publishedTime,
    ).toBe('2014-12-15');
    expect(
      readMetadata(
        jsdom('<meta name="weibo: article:create_at" content="2024-05-14 07:42:31">', body),
      ).publishedTime,
    ).toBe('2024-05-14T07:42:31');
    // Existing sources are unchanged: article:published_time as the page wrote it.
    expect(
      readMetadata(
        jsdom(
          '<meta property="article:published_time" content="2023-12-02T10:23:45+08:00"><meta name="dcterms.created" content="2001-01-01">',
          body,
        ),
      ).publishedTime,
    ).toBe('2023-12-02T10:23:45+08:00');
  });

  it('an info-named element when no line is next to the headline; not other stories’ dates', () => {
    const doc = jsdom(
      '<title>法国全国大罢工再次严重影响交通-新华网</title>',
      `<ul class="related"><li><a href="/a">另一条新闻的标题在这里</a><p class="date">2012年12月6日</p></li></ul>
       <div class="h-title">法国全国大罢工再次严重影响交通</div>
       <span class="h-time"> 2019-12-10 07:57:40</span>${BODY}`,
    );
    expect(readMetadata(doc, URL_).publishedTime).toBe('2019-12-10T07:57:40');
  });

  it('nothing rather than a wrong day: header today, the story’s first sentence, infobox rows', () => {
    const today = jsdom(
      `<title>${HEADLINE}</title>`,
      `<div class="top-date">2024年5月14日 星期二</div><h1>${HEADLINE}</h1>${BODY}`,
    );
    expect(readMetadata(today).publishedTime).toBe('');
    const prose = jsdom(
      `<title>${HEADLINE}</title>`,
      `<h1>${HEADLINE}</h1><p>2019年2月27日下午，佛山顺德区大良街道党工委委员、街道经济和科技促进局局长一行八人到众创金融街进行实地考察调研，市金融局副局长陪同调研。</p>${BODY}`,
    );
    expect(readMetadata(prose).publishedTime).toBe('');
    const infobox = jsdom(
      '<title>Mozilla</title>',
      `<h1>Mozilla</h1><table><tr><th>Founded</th><td><span class="published">1998-02-28</span></td></tr></table>${BODY}`,
    );
    expect(readMetadata(infobox).publishedTime).toBe('');
  });
});

describe('byline', () => {
  const page = (head: string, body: string) =>
    source(jsdom(`<title>${HEADLINE}</title>${head}`, `<h1>${HEADLINE}</h1>${body}`));

  it('drops the editor: named so in the page text, or by <meta name="editor">', () => {
    expect(
      page('<meta name="author" content="严玉洁">', `${BODY}<p>【责任编辑：严玉洁】</p>`).byline,
    ).toBe('');
    expect(
      page('<meta name="author" content="王辉">', `${BODY}<p>（编辑：严玉洁 王辉）</p>`).byline,
    ).toBe('');
    expect(
      page('<meta name="author" content="严玉洁"><meta name="editor" content="严玉洁">', BODY)
        .byline,
    ).toBe('');
  });

  it('keeps real authors: another person edits, or the name is the reporter', () => {
    expect(page('<meta name="author" content="张三">', `${BODY}<p>责任编辑：李四</p>`).byline).toBe(
      '张三',
    );
    expect(page('<meta name="author" content="记者 张三">', BODY).byline).toBe('记者 张三');
    expect(
      page('<meta name="author" content="张三">', `${BODY}<p>编辑部主任 张三</p>`).byline,
    ).toBe('张三');
    expect(
      page('<meta name="author" content="Martin Untersinger (avec Damien Leloup)">', BODY).byline,
    ).toBe('Martin Untersinger (avec Damien Leloup)');
  });

  it('drops what is not a person: a URL, only digits, a sentence', () => {
    expect(page('<meta name="author" content="104363">', BODY).byline).toBe('');
    expect(page('<meta name="author" content="https://news.example.cn/about">', BODY).byline).toBe(
      '',
    );
    expect(
      page(`<meta name="author" content="${'这是一段很长的文字'.repeat(5)}">`, BODY).byline,
    ).toBe('');
  });
});

describe('through the engine', () => {
  const sanitize = createSanitizer(new JSDOM('').window as unknown as Window);

  it('an article shows the site, the time and no editor as author', () => {
    const doc = jsdom(
      `<title>${HEADLINE} - 中国日报网</title><meta name="author" content="严玉洁"><meta name="source" content="新华社">`,
      `<h1>${HEADLINE}</h1><div class="info">2023-11-17 20:52:15 来源：新华社</div>
       <div id="detail">${BODY}${BODY}${BODY}<p>【责任编辑：严玉洁】</p></div>`,
    );
    const out = readDocument(doc, { url: URL_, sanitize });
    expect(out.result.kind).toBe('article');
    if (out.result.kind !== 'article') return;
    const a = out.result.article;
    // meta "source" names the wire service of a reprint, not this site: never the site name.
    expect({ siteName: a.siteName, byline: a.byline, publishedTime: a.publishedTime }).toEqual({
      siteName: '中国日报网',
      byline: '',
      publishedTime: '2023-11-17T20:52:15',
    });
  });
});

describe('in happy-dom too (a second DOM engine)', () => {
  it('reads the same site name and info-line time', () => {
    const win = new HappyWindow({ url: URL_ });
    const doc = new win.DOMParser().parseFromString(
      html(
        `<title>${HEADLINE}-新华网</title>`,
        `<h1>${HEADLINE}</h1><div class="info">2023年11月17日 20:52 来源：新华网</div>${BODY}`,
      ),
      'text/html',
    ) as unknown as Document;
    const meta = readMetadata(doc, URL_);
    expect(meta.siteName).toBe('新华网');
    expect(meta.publishedTime).toBe('2023-11-17T20:52');
  });
});
