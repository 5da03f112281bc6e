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
}

export function detectArticle(input: DetectInput): Detection {
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
    return weight >= 60
      ? { isArticle: true, reason: '' }
      : { isArticle: false, reason: 'too little text' };
  }
  if (input.linkDensity > 0.5) return { isArticle: false, reason: 'mostly links' };
  if (input.headlineLinks >= 5 && input.headlineLinks * 2 >= proseBlocks) {
    return { isArticle: false, reason: 'a list of headlines' };
  }
  const articleType = /article|blogposting|newsarticle|report|posting/i.test(input.type);
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
