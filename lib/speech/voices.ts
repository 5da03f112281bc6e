/**
 * Which language to read an article in, and which of the browser's voices can read it.
 * Pure logic over plain voice descriptions (the browser adapter copies SpeechSynthesisVoice
 * fields into VoiceInfo), so it runs in unit tests without a synthesizer.
 */

import { isCjkLang, isMostlyCjk } from './sentences';

/** The fields of SpeechSynthesisVoice that matter to us. */
export interface VoiceInfo {
  voiceURI: string;
  name: string;
  /** BCP 47 tag as the platform reports it ('zh-CN', 'zh_CN', 'cmn-Hans-CN', '' …). */
  lang: string;
  /** The platform's default voice. */
  default?: boolean;
  /** Synthesized on the machine (no network; Chrome's 15-second stall does not hit these). */
  localService?: boolean;
}

interface Tag {
  primary: string;
  script: string;
  region: string;
}

/** Lower-case subtags; Mandarin and Cantonese codes fold into 'zh' with their usual script. */
function parseTag(tag: string): Tag {
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-').filter(Boolean);
  let primary = parts[0] ?? '';
  let script = '';
  let region = '';
  for (const part of parts.slice(1)) {
    if (/^[a-z]{4}$/.test(part)) script = part;
    else if (/^(?:[a-z]{2}|\d{3})$/.test(part) && !region) region = part;
  }
  if (primary === 'cmn') primary = 'zh';
  if (primary === 'yue') {
    primary = 'zh';
    region ||= 'hk';
  }
  return { primary, script, region };
}

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** 'hans' or 'hant' for a Chinese tag: explicit script first, then the region's usual one. */
function chineseScript(tag: Tag): string {
  if (tag.script) return tag.script;
  return TRADITIONAL_REGIONS.has(tag.region) ? 'hant' : 'hans';
}

/**
 * How well a voice tagged `voiceLang` reads text in `lang`: 0 = it cannot; higher is better.
 * For Chinese, Mandarin voices of the same script come first and Cantonese (zh-HK) last,
 * unless the article itself is from Hong Kong.
 */
export function voiceScore(voiceLang: string, lang: string): number {
  const want = parseTag(lang);
  const have = parseTag(voiceLang);
  if (!want.primary || !have.primary || want.primary !== have.primary) return 0;
  if (want.primary !== 'zh') {
    if (want.region && want.region === have.region) return 100;
    return have.region ? 60 : 80;
  }
  const wantHk = want.region === 'hk' || want.region === 'mo';
  const haveHk = have.region === 'hk' || have.region === 'mo';
  if (want.region && want.region === have.region) return 100;
  if (wantHk !== haveHk) return 20;
  return chineseScript(want) === chineseScript(have) ? 80 : 40;
}

/**
 * Without the variants of a voice that is listed itself: espeak-ng (Linux, through
 * speech-dispatcher) lists ~100 per voice ("Chinese (Cantonese)+Adam espeak-ng" beside
 * "Chinese (Cantonese) espeak-ng"), which would bury the menu. `keep` stays whatever it is.
 */
export function withoutVariants<T extends { name: string; lang: string; voiceURI?: string }>(
  voices: readonly T[],
  keep = '',
): T[] {
  const bases = new Map<string, string[]>();
  for (const v of voices) {
    if (v.name.includes('+')) continue;
    bases.set(v.lang, [...(bases.get(v.lang) ?? []), v.name]);
  }
  return voices.filter((v) => {
    const plus = v.name.indexOf('+');
    if (plus < 0 || (keep && v.voiceURI === keep)) return true;
    const stem = v.name.slice(0, plus);
    return !(bases.get(v.lang) ?? []).some((b) => b === stem || b.startsWith(`${stem} `));
  });
}

/** Voices that can read `lang`, best first; all voices (default first) when `lang` is ''. */
export function matchingVoices(voices: readonly VoiceInfo[], lang: string): VoiceInfo[] {
  const known = lang.trim() !== '';
  // Unknown language: the system's default voice is most likely in the reader's language.
  const rank = (v: VoiceInfo) =>
    (known ? voiceScore(v.lang, lang) : 1) * 10 +
    (v.localService ? 2 : 0) +
    (v.default ? (known ? 1 : 4) : 0);
  return withoutVariants(voices)
    .map((voice, order) => ({ voice, order, score: rank(voice) }))
    .filter((entry) => entry.score >= 10)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((entry) => entry.voice);
}

/** The reader's chosen voice when it can read `lang`, else the best one that can; null if none. */
export function pickVoice(
  voices: readonly VoiceInfo[],
  lang: string,
  preferredURI = '',
): VoiceInfo | null {
  const candidates = matchingVoices(voices, lang);
  if (preferredURI) {
    const preferred = candidates.find((v) => v.voiceURI === preferredURI);
    if (preferred) return preferred;
  }
  return candidates[0] ?? null;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The language to speak an article in. Page tags are often wrong (Chinese sites built on
 * templates that say lang="en", English pages on Chinese hosts), so the text decides between
 * a CJK and a non-CJK voice; the tag only refines within that choice. '' = unknown.
 */
export function speechLang(pageLang: string, sample: string): string {
  const tag = pageLang.trim().replace(/_/g, '-');
  const cjkText = isMostlyCjk(sample);
  if (tag && isCjkLang(tag) === cjkText) return tag;
  if (cjkText) return KANA.test(sample) ? 'ja' : 'zh-CN';
  if (tag && isCjkLang(tag)) {
    // A CJK page whose article is in Latin letters is most likely English.
    return (sample.match(LATIN)?.length ?? 0) > 0 ? 'en' : '';
  }
  // Korean, Cyrillic, Arabic… pages are not CJK by our rules: their tag stands.
  return tag;
}
