/** Text helpers shared by detection, extraction and the block writer. */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/g;

/** Folds runs of white space (including U+3000 and nbsp) to one space and trims. */
export function fold(s: string): string {
  return s.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, ' ').trim();
}

export function countCjk(s: string): number {
  return s.match(CJK)?.length ?? 0;
}

/**
 * Reading weight of a text: CJK characters count like words (about three Latin letters
 * each), so a 60-character Chinese paragraph weighs like a 180-letter English one.
 */
export function textWeight(s: string): number {
  const cjk = countCjk(s);
  return s.replace(/\s+/g, '').length - cjk + cjk * 3;
}

/** Tokens for F1 scoring: each CJK character is one token, other runs of letters/digits one. */
export function tokens(s: string): string[] {
  return (
    s.match(
      /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\p{L}\p{N}]+/gu,
    ) ?? []
  );
}

/** Sentence-ending punctuation, full-width and Latin. */
export function countSentenceEnds(s: string): number {
  return s.match(/[。！？!?；]|\.(\s|$)/g)?.length ?? 0;
}
