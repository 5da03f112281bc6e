/** The serializable result of reading one page. Everything in it is untrusted page data. */

export interface ArticleImage {
  /** Absolute http(s) URL (lazy-load attributes already resolved). */
  src: string;
  alt: string;
}

export interface Article {
  title: string;
  byline: string;
  siteName: string;
  /** BCP 47 tag from the page, '' when unknown. */
  lang: string;
  dir: 'ltr' | 'rtl';
  publishedTime: string;
  /** Article body as HTML, cleaned but NOT sanitized: always pass it through lib/article/sanitize. */
  content: string;
  /** Body as text blocks (the truth format of fixtures/README.md), computed from the sanitized body. */
  text: string;
  images: ArticleImage[];
  /** The page URL the article was read from (for the host shown in the meta line). */
  url: string;
}

export interface ListItem {
  title: string;
  url: string;
  section: string;
  meta: string;
}

export type ReadResult =
  | { kind: 'article'; article: Article }
  | { kind: 'list'; title: string; lang: string; url: string; items: ListItem[]; more?: string }
  | { kind: 'not-article'; reason: string; lang: string }
  | { kind: 'error'; reason: string; lang: string };
