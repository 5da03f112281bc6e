/**
 * Sentence splitting and chunking for read-aloud. Pure string logic: no DOM, no browser APIs
 * (Intl.Segmenter is used only when the runtime has it).
 */

/** A trimmed piece of a larger string with its offsets in that string (end exclusive). */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** Default chunk limits: Chrome's speechSynthesis tends to stall or cut off long utterances. */
export const CJK_MAX_CHARS = 120;
export const LATIN_MAX_CHARS = 200;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LETTERS = /\p{L}/gu;
const SPACE = /\s/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const DIGIT = /[0-9０-９]/;

/** CJK sentence terminals: always end a sentence, whatever follows. */
const CJK_TERMINALS = new Set(['。', '！', '？', '；', '…', '｡']);
/** Marks that can extend a terminal run, as in “？！”, “……。” or “?!”. */
const TERMINAL_RUN = new Set([...CJK_TERMINALS, '.', '!', '?']);
/** Closing quotes/brackets that belong to the sentence they close when they follow a terminal. */
const CLOSERS = new Set([
  '”',
  '’',
  '」',
  '』',
  '）',
  ')',
  '》',
  '】',
  '〕',
  '〉',
  '］',
  ']',
  '"',
  "'",
]);

/** Abbreviations that never end a sentence (compared lower-case, without the dot). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'vs',
  'cf',
  'fig',
  'figs',
  'approx',
  'dept',
  'gen',
  'gov',
  'sen',
  'rep',
  'capt',
  'col',
  'lt',
  'sgt',
]);
/** Abbreviations that only count as such before a number ("No. 5", "Jan. 3"), so "I said no." still ends. */
const NUMBER_ABBREVIATIONS = new Set([
  'no',
  'nr',
  'vol',
  'p',
  'pp',
  'ch',
  'art',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** True for Chinese and Japanese language tags (zh, zh-CN, zh_Hant, ja-JP, yue…). */
export function isCjkLang(lang: string): boolean {
  return /^(?:zh|ja|yue|cmn|wuu|lzh)(?:[-_]|$)/i.test(lang.trim());
}

/** True when CJK characters carry the text; each Han character is roughly a word, hence the 1:3 weight. */
export function isMostlyCjk(text: string): boolean {
  const cjk = text.match(CJK_CHARS)?.length ?? 0;
  if (cjk === 0) return false;
  const letters = text.match(LETTERS)?.length ?? 0;
  return cjk * 3 >= letters - cjk;
}

function useCjkRules(text: string, lang: string): boolean {
  return isCjkLang(lang) || isMostlyCjk(text);
}

/** Trims [start, end) of `text` into a span, or null when only whitespace remains. */
function trimSpan(text: string, start: number, end: number): TextSpan | null {
  let s = start;
  let e = end;
  while (s < e && SPACE.test(text[s]!)) s++;
  while (e > s && SPACE.test(text[e - 1]!)) e--;
  return s < e ? { text: text.slice(s, e), start: s, end: e } : null;
}

/** Whether the '.' at `dot` ends an abbreviation such as "Mr.", "U.S.", "e.g." or an initial "J.". */
function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1]!)) s--;
  const token = text.slice(s, dot).replace(/^\.+/, '');
  if (!token) return false;
  if (token.includes('.')) return /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(token);
  // A lone capital is an initial ("J. K. Rowling"); "I." is the pronoun ending a sentence.
  if (/^[A-Z]$/.test(token)) return token !== 'I';
  const lower = token.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (NUMBER_ABBREVIATIONS.has(lower)) return /^\s*[0-9]/.test(text.slice(dot + 1, dot + 4));
  return false;
}

/** "1." or "12." opening a sentence numbers a list item; it is not a sentence of its own. */
function isListNumber(piece: string): boolean {
  return /^\s*\d{1,3}\.\s*$/.test(piece);
}

function skipClosers(text: string, i: number): number {
  let j = i;
  while (j < text.length && CLOSERS.has(text[j]!)) j++;
  return j;
}

/**
 * Where the ASCII terminal run [i, runEnd) ends a sentence (after its closers), or -1 if it
 * does not: decimals (3.14, 1.5万), abbreviations, URLs and "a.b" never split.
 */
function asciiBreak(text: string, sentenceStart: number, i: number, runEnd: number): number {
  const ch = text[i]!;
  if (ch === '.' && runEnd - i === 1) {
    if (i > 0 && DIGIT.test(text[i - 1]!) && DIGIT.test(text[i + 1] ?? '')) return -1;
    if (isAbbreviation(text, i)) return -1;
    if (isListNumber(text.slice(sentenceStart, i + 1))) return -1;
  }
  const k = skipClosers(text, runEnd);
  if (k === text.length) return k;
  const next = text[k]!;
  // Text glued to the mark ("example.com", "v1.2", "a?b") is not a sentence end; CJK may be glued.
  if (!SPACE.test(next) && !CJK_CHAR.test(next)) return -1;
  if (ch === '.') {
    // Like Unicode's sentence rules: ". lowercase" continues the sentence.
    let m = k;
    while (m < text.length && SPACE.test(text[m]!) && !LINE_BREAK.test(text[m]!)) m++;
    if (m < text.length && /\p{Ll}/u.test(text[m]!)) return -1;
  }
  return k;
}

/** The hand-written scanner: CJK rules plus conservative ASCII rules, also the Segmenter fallback. */
function scanSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const push = (start: number, end: number) => {
    const span = trimSpan(text, start, end);
    if (span) spans.push(span);
  };
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (LINE_BREAK.test(ch)) {
      push(start, i);
      start = i + 1;
      i++;
      continue;
    }
    if (!TERMINAL_RUN.has(ch)) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < text.length && TERMINAL_RUN.has(text[runEnd]!)) runEnd++;
    let hasCjk = false;
    for (let j = i; j < runEnd; j++) if (CJK_TERMINALS.has(text[j]!)) hasCjk = true;
    const end = hasCjk ? skipClosers(text, runEnd) : asciiBreak(text, start, i, runEnd);
    if (end < 0) {
      i = runEnd;
      continue;
    }
    push(start, end);
    start = end;
    i = end;
  }
  push(start, text.length);
  return spans;
}

function segmenterFor(lang: string): Intl.Segmenter | null {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return null;
  const tag = lang.trim().replace(/_/g, '-');
  try {
    return new Intl.Segmenter(tag || undefined, { granularity: 'sentence' });
  } catch {
    // Malformed page lang tags are common; the runtime default still segments sensibly.
    return new Intl.Segmenter(undefined, { granularity: 'sentence' });
  }
}

/** Intl.Segmenter has no abbreviation list, so re-join pieces it cut after "Mr.", "1." and friends. */
function segmentSpans(text: string, segmenter: Intl.Segmenter): TextSpan[] {
  const spans: TextSpan[] = [];
  let pendingStart = -1;
  for (const { segment, index } of segmenter.segment(text)) {
    const end = index + segment.length;
    const start = pendingStart >= 0 ? pendingStart : index;
    const span = trimSpan(text, start, end);
    if (!span) continue;
    const last = span.end - 1;
    const joinNext = isAbbreviation(text, last) || isListNumber(span.text);
    if (end < text.length && text[last] === '.' && joinNext) {
      pendingStart = start;
      continue;
    }
    pendingStart = -1;
    spans.push(span);
  }
  if (pendingStart >= 0) {
    const span = trimSpan(text, pendingStart, text.length);
    if (span) spans.push(span);
  }
  return spans;
}

/** Sentences of `text` with their offsets, trimmed, empty pieces dropped. */
export function sentenceSpans(text: string, lang: string): TextSpan[] {
  if (useCjkRules(text, lang)) return scanSpans(text);
  const segmenter = segmenterFor(lang);
  return segmenter ? segmentSpans(text, segmenter) : scanSpans(text);
}

/** Splits `text` into trimmed, non-empty sentences that keep their punctuation and closing quotes. */
export function splitSentences(text: string, lang: string): string[] {
  return sentenceSpans(text, lang).map((s) => s.text);
}

/** The default chunk limit for a sentence in `lang` (or judged by its script when lang is vague). */
export function defaultMaxChars(sentence: string, lang = ''): number {
  return useCjkRules(sentence, lang) ? CJK_MAX_CHARS : LATIN_MAX_CHARS;
}

const PAUSE_MARKS = new Set(['，', '、', ',', ';', '；', ':', '：']);

/** Whether a chunk may end right after index `i` (a pause mark not inside 1,000 or 12:30). */
function isPauseBreak(text: string, i: number): boolean {
  const ch = text[i]!;
  if (!PAUSE_MARKS.has(ch)) return false;
  if (ch === ',' || ch === ':') {
    return !(DIGIT.test(text[i - 1] ?? '') && DIGIT.test(text[i + 1] ?? ''));
  }
  return true;
}

/** Chunks of `sentence` no longer than `maxChars`, with offsets within the sentence. */
export function chunkSpans(sentence: string, maxChars?: number, lang = ''): TextSpan[] {
  const max = Math.max(1, Math.floor(maxChars ?? defaultMaxChars(sentence, lang)));
  const spans: TextSpan[] = [];
  // Breaking much before the limit makes choppy speech; below this, prefer a later, weaker break.
  const minCut = Math.ceil(max * 0.4);
  let first = trimSpan(sentence, 0, sentence.length);
  while (first) {
    const { start, end } = first;
    if (end - start <= max) {
      spans.push(first);
      break;
    }
    let cut = -1;
    for (let i = start + max - 1; i >= start + minCut - 1 && cut < 0; i--) {
      if (isPauseBreak(sentence, i)) cut = i + 1;
    }
    for (let i = start + max; i >= start + minCut && cut < 0; i--) {
      if (SPACE.test(sentence[i]!)) cut = i;
    }
    if (cut < 0) {
      cut = start + max;
      // Do not split a surrogate pair (emoji, rare Han) unless the limit leaves no choice.
      const code = sentence.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff && cut - 1 > start) cut--;
    }
    const chunk = trimSpan(sentence, start, cut);
    if (chunk) spans.push(chunk);
    first = trimSpan(sentence, cut, end);
  }
  return spans;
}

/** Splits a long sentence into chunks of at most `maxChars` (default 120 for CJK, 200 otherwise). */
export function chunkSentence(sentence: string, maxChars?: number, lang = ''): string[] {
  return chunkSpans(sentence, maxChars, lang).map((s) => s.text);
}
