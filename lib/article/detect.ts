import { countSentenceEnds, textWeight } from './text';

/**
 * Is the extracted text an article a reader would want in care mode? Counts CJK characters
 * as words and knows full-width punctuation, so short-paragraph Chinese news qualifies,
 * while lists of headlines, search results and video pages do not.
 */
export interface DetectInput {
  text: string;
  blocks: string[];
  /** Links in the extracted body whose text is headline-length. */
  headlineLinks: number;
  /** Share of the extracted body's text that is link text (0..1). */
  linkDensity: number;
  hasHeadline: boolean;
  /** The h1 opens the page's <title>/og:title: the page is about that one story. */
  headlineInTitle: boolean;
  /** Visible form fields on the page (before cleanup). */
  formControls: number;
  /** og:type and JSON-LD @type. */
  type: string;
  /** Headline-length links on the whole page, outside the body. */
  pageHeadlineLinks: number;
  /** Readability's isProbablyReaderable on Latin-script pages (always true on CJK pages). */
  readerable: boolean;
  cjk: boolean;
}

export interface Detection {
  isArticle: boolean;
  reason: string;
  signals: Record<string, number | boolean | string>;
}

export function detectArticle(input: DetectInput): Detection {
  const verdict = decide(input);
  const { text: _t, blocks: _b, ...rest } = input;
  return {
    ...verdict,
    signals: {
      ...rest,
      weight: textWeight(input.text),
      ends: countSentenceEnds(input.text),
      proseBlocks: countProse(input.blocks),
    },
  };
}

function countProse(blocks: string[]): number {
  return blocks.filter((b) => textWeight(b) >= 60 && countSentenceEnds(b) >= 1).length;
}

function decide(input: DetectInput): { isArticle: boolean; reason: string } {
  const weight = textWeight(input.text);
  const ends = countSentenceEnds(input.text);
  const proseBlocks = input.blocks.filter(
    (b) => textWeight(b) >= 60 && countSentenceEnds(b) >= 1,
  ).length;
  if (/video|VideoObject|movie|episode/i.test(input.type) && weight < 1500) {
    return { isArticle: false, reason: 'video page' };
  }
  if (!input.readerable) return { isArticle: false, reason: 'not readerable' };
  // Latin-script pages: Readability's readerable check has decided; only an empty body is refused.
  if (!input.cjk) {
    // Except where the body is plainly a form or a list of results.
    if (input.formControls >= 8 && proseBlocks < 3)
      return { isArticle: false, reason: 'a form or web app' };
    if (input.headlineLinks >= 8 && input.headlineLinks >= proseBlocks) {
      return { isArticle: false, reason: 'a list of headlines' };
    }
    return weight >= 60
      ? { isArticle: true, reason: '' }
      : { isArticle: false, reason: 'too little text' };
  }
  if (input.linkDensity > 0.5) return { isArticle: false, reason: 'mostly links' };
  if (input.headlineLinks >= 5 && input.headlineLinks * 2 >= proseBlocks) {
    return { isArticle: false, reason: 'a list of headlines' };
  }
  if (input.formControls >= 8 && proseBlocks < 5)
    return { isArticle: false, reason: 'a form or web app' };
  const articleType = /article|blogposting|newsarticle|report|posting/i.test(input.type);
  // Without a headline that names the page, a short text amid many story links is a list
  // (search results, a channel page), not a story.
  if (
    !articleType &&
    !input.headlineInTitle &&
    input.pageHeadlineLinks >= 10 &&
    textWeight(input.text) < input.pageHeadlineLinks * 40 &&
    proseBlocks < 5
  ) {
    return { isArticle: false, reason: 'a page of links' };
  }
  const minWeight = articleType || input.hasHeadline ? 240 : 600;
  if (weight < minWeight || ends < 2) return { isArticle: false, reason: 'too little text' };
  // A page with a short text block amid a large link directory is a portal or list page.
  if (
    !articleType &&
    input.pageHeadlineLinks > 40 &&
    weight < input.pageHeadlineLinks * 25 &&
    proseBlocks < 3
  ) {
    return { isArticle: false, reason: 'a page of links' };
  }
  return { isArticle: true, reason: '' };
}
