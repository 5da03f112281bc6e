/**
 * Clutter rules for Chinese (and general) news pages: what around or inside an article body
 * never reaches the reader. Two kinds: containers recognised by class/id/role, and short
 * lines recognised by their words (editor lines, source lines, disclaimers, share bars...).
 * Rules name page furniture in general terms, never one site, so they hold on unseen pages.
 */

/** Class/id words of page furniture. Matched against each class token and the id. */
const FURNITURE =
  /(^|[-_])(share|sharebar|social|bdshare|jiathis|recommends?|recom|rec|related|relate|relative|xiangguan|hot|hotnews|rank|ranking|paihang|tuijian|zan|dianzan|digg|like|vote|comments?|cmt|reply|replies|pinglun|ads?|advert|advertisement|adv|gg|guanggao|sponsor|promo|footer|foot|copyright|breadcrumbs?|crumbs?|weizhi|nav|navbar|menu|sidebar|side|aside|statement|disclaimer|declare|shengming|qrcode|erweima|ewm|download|openapp|app-?download|login|toolbar|tools|print|jubao|tags?|keywords|pager|pagination|subscribe|newsletter|follow|author-card|care|oldman|elder|wza|barrier|accessib|abstract|summary|digest|zhaiyao|standfirst|subtitle|sub-title|kicker)([-_]|\d|$)/i;

/** Furniture words that mean "not the article" even when the block is long. */
export const ALWAYS_FURNITURE =
  /comment|reply|replies|pinglun|cmt|recommend|related|footer|copyright/i;

/**
 * Names that mean furniture on any site, checked on class, id and the data-component /
 * data-testid hooks that sites with hashed class names still carry.
 */
const STRONG_FURNITURE =
  /(newsletter|signup|sign-up|subscribe|subscription|promo|contributions?-?epic|related|share-?(tools|bar|buttons?)|social|comments?-?(section|list|container)?$|ad-?slot|advert|sponsor|outbrain|taboola|recirc|most-?(read|popular|viewed)|byline|more-?on-?this)/i;

function hookNames(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('data-component') ?? ''} ${el.getAttribute('data-testid') ?? ''}`.trim();
}

/** Furniture recognisable on any site, Latin-script ones included. */
export function isStrongFurniture(el: Element): boolean {
  const names = hookNames(el);
  return names !== '' && names.split(/\s+/).some((token) => STRONG_FURNITURE.test(token));
}

export function isFurniture(el: Element): boolean {
  const role = el.getAttribute('role');
  if (
    role &&
    /^(navigation|banner|contentinfo|complementary|menu|menubar|search|dialog|alertdialog)$/.test(
      role,
    )
  )
    return true;
  const tag = el.tagName;
  if (tag === 'NAV' || tag === 'ASIDE' || tag === 'FOOTER' || tag === 'DIALOG') return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.trim();
  if (!names) return false;
  return names.split(/\s+/).some((token) => FURNITURE.test(token));
}

/** Section headings that introduce lists of other stories; the heading and its list go. */
export const RELATED_HEADING =
  /^(相关(推荐|新闻|阅读|文章|报道|链接|专题|视频)|文章目录|目录|热点推荐|热门推荐|热门文章|热点新闻|往期(推荐|回顾|精选)|推荐阅读|延伸阅读|猜你喜欢|精彩推荐|更多精彩|为你推荐|大家都在看|今日推荐|热门评论|最新评论|全部评论|网友评论|评论|更多(新闻|阅读|推荐)|Related( stories| articles| content)?|More (on this story|from|stories)|Most (read|viewed|popular)|Read more|Recommended|You (may|might) also like)\s*[:：]?$/i;

/** Short lines that are page furniture by their words alone. */
const CLUTTER_LINE = new RegExp(
  [
    // Editor, reviewer and source lines.
    '^[(（【\\[]?\\s*(责任编辑|责编|编辑|文字|排版|文案|视觉|设计|审核|审校|校对|终审|初审|复审|二审|三审|监制|值班编辑|实习编辑|统筹|策划|编审|本期编辑|文字编辑|美编|来源|文章来源|稿件来源|新闻来源|信息来源|来源于|原标题|原文标题|本文来源|出处|转自|本文转自|转载自|发布时间|发布日期|发布机构|作者|文\\s*/|文/|撰文|供稿)\\s*[：:|丨]',
    '^(特别声明|平台声明|免责声明|郑重声明|版权声明|声明|风险提示)\\s*[：:]',
    // Editor lines without a colon: "（责任编辑 王五）", "编辑/张三", "【编辑 | 赵六】".
    '^[(（【\\[]?\\s*(责任编辑|责编|编辑|审核|校对|审校|终审|来源|稿源)\\s*[/｜ ]\\s*[^\\s，。]{1,16}\\s*[)）】\\]]?$',
    '^[【\\[]?(免责声明|版权声明|特别声明)[】\\]]',
    '^[(（]?\\s*(原题为|原题[：:])',
    // A document number standing alone under a notice's title ("国办发〔2024〕27号").
    '^[\\u4e00-\\u9fa5]{1,10}[〔\\[［(（]\\d{4}[〕\\]］)）]\\s*\\d{1,4}\\s*号$',
    // A reporter line ("本报记者 王 欣"); a photo credit ending in 摄 is content and stays.
    '^(?!.*摄$)(本报|本台|本刊|本网)?(特约|实习)?记者(\\s*[\\u4e00-\\u9fa5·]{1,4}){1,4}$',
    // A bare numeric timestamp line ("2019-09-30 07:42"); a signature date written
    // "2024年5月10日" is content and stays.
    '^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\s*(\\d{1,2}:\\d{2}(:\\d{2})?)?$',
    '^(图集|组图|【详细】|详细>>|\\+1)$',
    '^(本文(来自|转载自|转自|经授权转载自)|原文链接|原文地址)',
    '^特别声明',
    // The info line under a headline: a date followed by source, author or view counts.
    '^\\d{4}\\s*[-年/.]\\s*\\d{1,2}\\s*[-月/.]\\s*\\d{1,2}.{0,60}(来源|作者|编辑|发布|浏览|阅读|点击|字号)',
    '^(分享到|分享至|分享：|分享:)',
    '^(举报|纠错|【纠错】|打印|打印本页|关闭窗口|关闭|收藏|扫一扫|扫一扫在手机打开当前页|返回顶部|回到顶部|上一张|下一张|上一篇|下一篇|阅读原文|阅读全文|展开全文|点击查看全文|查看原文|点赞|在看|赞赏|登录后复制|复制代码|copy|收起|展开)$',
    '^(关怀版|长者模式|无障碍浏览|无障碍|适老化)$',
    '^(Share( this| on)?|Share this article|Follow us|Sign up|Subscribe|Advertisement|ADVERTISEMENT|Image caption|Copy link|Read more:?)$',
  ].join('|'),
);

/**
 * Phrases that mark a line as furniture wherever they sit in it — judged only on short lines,
 * so a real paragraph that happens to mention them is never dropped.
 */
const CLUTTER_PHRASE = new RegExp(
  [
    '返回搜狐[，,]\\s*查看更多',
    '点击(上方)?蓝字',
    '关注我们$',
    '预览时标签不可点',
    '长按(识别)?(二维码|图片)',
    '微信扫一扫',
    '扫码(下载|关注|阅读)',
    '(打开|下载|安装)[^，。,.]{0,10}(APP|App|app|客户端)',
    '当前位置\\s*[：:]',
    '(您|你)(当前)?所?在的?位置\\s*[：:]',
    '^点击(进入|查看|阅读|这里)',
    // A credit line naming two or more roles: "供稿 摄影/张艳 编辑/苏芳".
    '(供稿|摄影|编辑|责编|校对|审核|审校|撰稿|采写|制图|排版|美编)\\s*[/／：:|丨]\\s*[^\\s，。/／]{1,8}.{0,20}?(供稿|摄影|编辑|责编|校对|审核|审校|撰稿|采写|制图|排版|美编)\\s*[/／：:|丨]',
    'ICP备',
    '网公安备',
    '(进入|切换到?)\\s*(关怀版|长者模式|适老版|无障碍|老年模式|大字版)',
    '本文(系|为).{0,20}(原创|独家)',
    '未经(授权|许可).{0,10}(不得|禁止)转载',
    '字号\\s*[：:]\\s*[大中小T]|^字号$|【字号\\s*[大中小]',
    '扫描.{0,8}二维码|^.{0,10}(公众号|官方微博)$',
    '仅供.{0,12}参考.{0,12}不构成',
    '^[-—–_\\s]*END[-—–_\\s]*$',
    '点(个|亮)?\\s*[“"]?在看|分享给更多',
    '(点击|扫描)下方|觉得(好看|不错).{0,8}(点|转发)',
    '意见反馈|欢迎批评指正|违法和不良信息举报|举报(电话|邮箱)',
    '^《\\s*[^》]{2,12}\\s*》\\s*[（(][^）)]*版\\s*[）)]$',
    '^(skip past|after) newsletter promotion$',
  ].join('|'),
);

/** True when a short text line is clutter (long paragraphs are never judged by words). */
export function isClutterLine(text: string): boolean {
  if (!text || text.length > 160) return false;
  return CLUTTER_LINE.test(text) || (text.length <= 60 && CLUTTER_PHRASE.test(text));
}

/** Government info table (索引号/发文字号...): metadata, not content. */
export function isGovInfoTable(text: string): boolean {
  let hits = 0;
  for (const w of [
    '索引号',
    '主题分类',
    '发文机关',
    '成文日期',
    '发文字号',
    '发布日期',
    '主题词',
    '所属机构',
    '公开方式',
    '有效性',
  ]) {
    if (text.includes(w)) hits++;
  }
  return hits >= 3;
}

export const AD_LABEL = /^(广告|推广|赞助|Advertisement|Sponsored|AD)$/i;
