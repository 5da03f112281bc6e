// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  matchingVoices,
  pickVoice,
  speechLang,
  type VoiceInfo,
  voiceScore,
  withoutVariants,
} from '../../lib/speech/voices';

const v = (voiceURI: string, lang: string, extra: Partial<VoiceInfo> = {}): VoiceInfo => ({
  voiceURI,
  name: voiceURI,
  lang,
  ...extra,
});

describe('voiceScore', () => {
  it('matches on the language, whatever the platform writes', () => {
    expect(voiceScore('zh-CN', 'zh-CN')).toBe(100);
    expect(voiceScore('zh_CN', 'zh-cn')).toBe(100);
    expect(voiceScore('cmn-Hans-CN', 'zh')).toBeGreaterThan(0);
    expect(voiceScore('en-GB', 'en-US')).toBeGreaterThan(0);
    expect(voiceScore('en-US', 'zh-CN')).toBe(0);
    expect(voiceScore('', 'zh-CN')).toBe(0);
    expect(voiceScore('ja-JP', 'zh-CN')).toBe(0);
  });

  it('prefers Mandarin in the same script; Cantonese last unless the page is from Hong Kong', () => {
    expect(voiceScore('zh-CN', 'zh')).toBeGreaterThan(voiceScore('zh-TW', 'zh'));
    expect(voiceScore('zh-TW', 'zh-CN')).toBeGreaterThan(voiceScore('zh-HK', 'zh-CN'));
    expect(voiceScore('yue-HK', 'zh-CN')).toBe(voiceScore('zh-HK', 'zh-CN'));
    expect(voiceScore('zh-HK', 'zh-HK')).toBeGreaterThan(voiceScore('zh-TW', 'zh-HK'));
    expect(voiceScore('zh-Hant', 'zh-TW')).toBeGreaterThan(voiceScore('zh-CN', 'zh-TW'));
  });
});

describe('matchingVoices and pickVoice', () => {
  const voices = [
    v('en', 'en-US', { default: true }),
    v('tw', 'zh-TW'),
    v('cn-net', 'zh-CN'),
    v('cn-local', 'zh-CN', { localService: true }),
    v('hk', 'zh-HK'),
  ];

  it('lists only voices that can read the language, best first, local before network', () => {
    expect(matchingVoices(voices, 'zh-CN').map((x) => x.voiceURI)).toEqual([
      'cn-local',
      'cn-net',
      'tw',
      'hk',
    ]);
    expect(matchingVoices(voices, 'fr')).toEqual([]);
    // Unknown language: every voice, the default first.
    expect(matchingVoices(voices, '')[0]?.voiceURI).toBe('en');
  });

  it("keeps the reader's voice when it can read the language, else the best one", () => {
    expect(pickVoice(voices, 'zh-CN', 'tw')?.voiceURI).toBe('tw');
    expect(pickVoice(voices, 'zh-CN', 'en')?.voiceURI).toBe('cn-local');
    expect(pickVoice(voices, 'zh-CN', 'gone')?.voiceURI).toBe('cn-local');
    expect(pickVoice([v('en', 'en-US')], 'zh-CN')).toBeNull();
  });
});

describe('speechLang', () => {
  it('trusts the page tag when the text agrees', () => {
    expect(speechLang('zh-CN', '国务院发布通知。')).toBe('zh-CN');
    expect(speechLang('zh_TW', '國務院發布通知。')).toBe('zh-TW');
    expect(speechLang('en-GB', 'The council met today.')).toBe('en-GB');
    expect(speechLang('ko', '정부가 발표했다.')).toBe('ko');
  });

  it('lets the text overrule a template tag that is wrong', () => {
    expect(speechLang('en', '国务院发布养老服务新政策，涉及1.5万家机构。')).toBe('zh-CN');
    expect(speechLang('', '国务院发布通知。')).toBe('zh-CN');
    expect(speechLang('', 'これは日本語の文です。')).toBe('ja');
    expect(speechLang('zh-CN', 'The minister said on Monday that prices would fall.')).toBe('en');
    expect(speechLang('', 'Plain English text.')).toBe('');
  });
});

describe('withoutVariants (espeak-ng lists ~100 variants of every voice)', () => {
  const v = (name: string, lang: string) => ({ name, lang, voiceURI: name });
  const voices = [
    v('Chinese (Mandarin, latin as English) espeak-ng', 'cmn'),
    v('Chinese (Mandarin, latin as English)+Adam espeak-ng', 'cmn'),
    v('Chinese (Mandarin, latin as English)+Alicia espeak-ng', 'cmn'),
    v('English (America) espeak-ng', 'en-US'),
    v('English (America)+Adam espeak-ng', 'en-US'),
    v('Google 普通话（中国大陆）', 'zh-CN'),
    v('C++ Voice', 'en-GB'),
  ];
  it('keeps each base voice and drops its variants; keeps names with + that are not variants', () => {
    expect(withoutVariants(voices).map((x) => x.name)).toEqual([
      'Chinese (Mandarin, latin as English) espeak-ng',
      'English (America) espeak-ng',
      'Google 普通话（中国大陆）',
      'C++ Voice',
    ]);
  });
  it('keeps the chosen voice even when it is a variant', () => {
    expect(withoutVariants(voices, 'English (America)+Adam espeak-ng')).toHaveLength(5);
  });
  it('the voices that can read Chinese are the base ones', () => {
    const info = voices.map((x) => ({ ...x, default: false, localService: true }));
    expect(matchingVoices(info, 'zh-CN').map((x) => x.name)).toEqual([
      'Google 普通话（中国大陆）',
      'Chinese (Mandarin, latin as English) espeak-ng',
    ]);
  });
});
