// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkSentence,
  chunkSpans,
  isCjkLang,
  isMostlyCjk,
  sentenceSpans,
  splitSentences,
} from '../../lib/speech/sentences';

const noSpace = (s: string) => s.replace(/\s/g, '');

describe('splitSentences: Chinese', () => {
  it('splits after 。！？； and keeps the punctuation', () => {
    expect(splitSentences('今天天气很好。我们去公园吧！你去吗？我去；他不去。', 'zh-CN')).toEqual([
      '今天天气很好。',
      '我们去公园吧！',
      '你去吗？',
      '我去；',
      '他不去。',
    ]);
  });

  it('keeps a closing quote after the terminal with its sentence', () => {
    expect(splitSentences('他说：“我明天再来。”然后就走了。', 'zh')).toEqual([
      '他说：“我明天再来。”',
      '然后就走了。',
    ]);
    expect(splitSentences('「好啊！」她笑了。『真的？』（注：见上文。）完', 'ja')).toEqual([
      '「好啊！」',
      '她笑了。',
      '『真的？』',
      '（注：见上文。）',
      '完',
    ]);
  });

  it('does not split at a quote that is not preceded by a terminal', () => {
    expect(splitSentences('“你好”是常用的问候语。大家都说。', 'zh')).toEqual([
      '“你好”是常用的问候语。',
      '大家都说。',
    ]);
  });

  it('handles ellipses, including “……。” and a quoted ellipsis', () => {
    expect(splitSentences('他想了想……终于开口了。', 'zh')).toEqual(['他想了想……', '终于开口了。']);
    expect(splitSentences('“这个……。”他停住了。', 'zh')).toEqual(['“这个……。”', '他停住了。']);
    expect(splitSentences('真的吗？！太好了…', 'zh')).toEqual(['真的吗？！', '太好了…']);
  });

  it('never splits numbers such as 1.5万, 3.14 or 12:30', () => {
    expect(splitSentences('今年销量达到1.5万台。圆周率约为3.14。会议在12:30开始。', 'zh')).toEqual([
      '今年销量达到1.5万台。',
      '圆周率约为3.14。',
      '会议在12:30开始。',
    ]);
  });

  it('detects CJK text by script when the page lang is missing or wrong', () => {
    expect(splitSentences('第一句。第二句！', '')).toEqual(['第一句。', '第二句！']);
    expect(splitSentences('第一句。第二句！', 'en')).toEqual(['第一句。', '第二句！']);
  });

  it('treats line breaks as sentence ends and drops empty pieces', () => {
    expect(splitSentences('  标题\n\n正文第一句。   \n  ', 'zh')).toEqual(['标题', '正文第一句。']);
    expect(splitSentences('   ', 'zh')).toEqual([]);
    expect(splitSentences('', 'en')).toEqual([]);
  });
});

describe('splitSentences: English and other languages', () => {
  it('splits plain English sentences', () => {
    expect(splitSentences('The sun rose. Birds sang! Did you hear them? Yes.', 'en')).toEqual([
      'The sun rose.',
      'Birds sang!',
      'Did you hear them?',
      'Yes.',
    ]);
  });

  it('keeps abbreviations, initials and decimals inside a sentence', () => {
    expect(
      splitSentences(
        'Mr. Smith met Dr. J. K. Rowling in the U.S. last year. It cost 3.14 dollars.',
        'en',
      ),
    ).toEqual(['Mr. Smith met Dr. J. K. Rowling in the U.S. last year.', 'It cost 3.14 dollars.']);
    expect(splitSentences('See e.g. the No. 5 bus. I said no. Then left.', 'en-US')).toEqual([
      'See e.g. the No. 5 bus.',
      'I said no.',
      'Then left.',
    ]);
  });

  it('keeps a list number with its item', () => {
    expect(splitSentences('3. Item three. 4. Item four.', 'en')).toEqual([
      '3. Item three.',
      '4. Item four.',
    ]);
    expect(splitSentences('1. 第一条。2. 第二条。', 'zh')).toEqual(['1. 第一条。', '2. 第二条。']);
  });

  it('keeps closing quotes with the sentence', () => {
    expect(splitSentences('She said, "Stop." He stopped.', 'en')).toEqual([
      'She said, "Stop."',
      'He stopped.',
    ]);
  });

  it('survives malformed lang tags', () => {
    expect(splitSentences('One. Two.', 'en_US')).toEqual(['One.', 'Two.']);
    expect(splitSentences('One. Two.', 'not a tag!!')).toEqual(['One.', 'Two.']);
  });

  it('splits other languages with Intl.Segmenter', () => {
    expect(splitSentences('Guten Tag. Wie geht es Ihnen? Gut.', 'de')).toEqual([
      'Guten Tag.',
      'Wie geht es Ihnen?',
      'Gut.',
    ]);
  });

  it('falls back to the scanner when Intl.Segmenter is missing', () => {
    // Simulates an older runtime; the descriptor restores it exactly.
    const original = Object.getOwnPropertyDescriptor(Intl, 'Segmenter')!;
    Reflect.deleteProperty(Intl, 'Segmenter');
    expect(typeof Intl.Segmenter).toBe('undefined');
    try {
      expect(
        splitSentences('Mr. Smith arrived. It was 3.14 p.m. sharp! Really? Yes.', 'en'),
      ).toEqual(['Mr. Smith arrived.', 'It was 3.14 p.m. sharp!', 'Really?', 'Yes.']);
      expect(splitSentences('Visit example.com today. Wait... what? OK.', 'en')).toEqual([
        'Visit example.com today.',
        'Wait... what?',
        'OK.',
      ]);
    } finally {
      Object.defineProperty(Intl, 'Segmenter', original);
    }
  });
});

describe('splitSentences: mixed Chinese and English', () => {
  it('splits on Chinese terminals and keeps English abbreviations and versions', () => {
    expect(
      splitSentences(
        '我在用 Vue 3.4 开发。Dr. Wang 说 e.g. React 也行！你觉得呢？OK. 就这样。',
        'zh-CN',
      ),
    ).toEqual([
      '我在用 Vue 3.4 开发。',
      'Dr. Wang 说 e.g. React 也行！',
      '你觉得呢？',
      'OK.',
      '就这样。',
    ]);
  });

  it('splits on English terminals followed by Chinese', () => {
    expect(splitSentences('他说 Hello! 我回答 Hi.然后我们走了。', 'zh')).toEqual([
      '他说 Hello!',
      '我回答 Hi.',
      '然后我们走了。',
    ]);
  });
});

describe('sentenceSpans', () => {
  it('reports offsets into the original text', () => {
    const text = '  第一句。 第二句！';
    for (const span of sentenceSpans(text, 'zh')) {
      expect(text.slice(span.start, span.end)).toBe(span.text);
    }
    const en = 'Hello there.  General Kenobi!';
    expect(sentenceSpans(en, 'en').map((s) => [s.start, s.end])).toEqual([
      [0, 12],
      [14, 29],
    ]);
  });
});

describe('language detection', () => {
  it('recognises CJK tags and text', () => {
    expect(isCjkLang('zh')).toBe(true);
    expect(isCjkLang('zh_Hant')).toBe(true);
    expect(isCjkLang('ja-JP')).toBe(true);
    expect(isCjkLang('en')).toBe(false);
    expect(isCjkLang('zulu')).toBe(false);
    expect(isMostlyCjk('我喜欢用 JavaScript 写代码')).toBe(true);
    expect(isMostlyCjk('The Chinese word 你好 means hello in English')).toBe(false);
  });
});

describe('chunkSentence', () => {
  it('leaves short sentences alone', () => {
    expect(chunkSentence('短句。', 120)).toEqual(['短句。']);
    expect(chunkSentence('  ', 120)).toEqual([]);
  });

  it('hard-splits a 500-character sentence with no punctuation at the default CJK limit', () => {
    const sentence = '天'.repeat(500);
    const chunks = chunkSentence(sentence);
    expect(chunks.map((c) => c.length)).toEqual([120, 120, 120, 120, 20]);
    expect(chunks.join('')).toBe(sentence);
  });

  it('uses 200 as the default for non-CJK text and breaks at spaces', () => {
    const sentence = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkSentence(sentence);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(200);
    expect(chunks.every((c) => /^word\d+( word\d+)*$/.test(c))).toBe(true);
    expect(chunks.join(' ')).toBe(sentence);
  });

  it('prefers pause marks over spaces and keeps the mark with the chunk', () => {
    const sentence = `${'甲'.repeat(60)}，${'乙'.repeat(30)} ${'丙'.repeat(60)}。`;
    expect(chunkSentence(sentence, 100)).toEqual([
      `${'甲'.repeat(60)}，`,
      `${'乙'.repeat(30)} ${'丙'.repeat(60)}。`,
    ]);
  });

  it('ignores pause marks too early in the window, and commas inside numbers', () => {
    const early = `甲，${'乙'.repeat(200)}`;
    expect(chunkSentence(early, 100)[0]).toHaveLength(100);
    const money = `${'a'.repeat(95)}1,000,000${'b'.repeat(50)}`;
    expect(chunkSentence(money, 100)[0]).toHaveLength(100);
  });

  it('does not cut a surrogate pair in a hard split', () => {
    const sentence = `${'天'.repeat(9)}😀${'地'.repeat(10)}`;
    const chunks = chunkSentence(sentence, 10);
    expect(chunks[0]).toBe('天'.repeat(9));
    expect(chunks.join('')).toBe(sentence);
  });

  it('reports chunk offsets within the sentence', () => {
    const sentence = `${'甲'.repeat(50)}， ${'乙'.repeat(50)}`;
    for (const span of chunkSpans(sentence, 60)) {
      expect(sentence.slice(span.start, span.end)).toBe(span.text);
    }
  });
});

describe('properties', () => {
  const unit = fc.constantFrom(
    ...'天地人中文字的了是'.split(''),
    ...'abcXYZ'.split(''),
    ...'0123'.split(''),
    ...'。！？；…”’」』）)“「'.split(''),
    ...'.!?,，、:;'.split(''),
    ' ',
    '\n',
    '😀',
  );
  const text = fc.string({ unit, maxLength: 400 });
  const lang = fc.constantFrom('zh', 'zh-CN', 'ja', 'en', 'de', '', 'bogus tag');

  it('splitting keeps every non-space character in order', () => {
    fc.assert(
      fc.property(text, lang, (t, l) => {
        const pieces = splitSentences(t, l);
        expect(noSpace(pieces.join(''))).toBe(noSpace(t));
        for (const p of pieces) {
          expect(p).toBe(p.trim());
          expect(p).not.toBe('');
        }
      }),
    );
  });

  it('chunks are never longer than the limit and keep every non-space character', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 200 }), (t, max) => {
        const chunks = chunkSentence(t, max);
        for (const c of chunks) {
          expect(c.length).toBeLessThanOrEqual(max);
          expect(c).not.toBe('');
        }
        expect(noSpace(chunks.join(''))).toBe(noSpace(t));
      }),
    );
  });

  it('spans always point at their text', () => {
    fc.assert(
      fc.property(text, lang, (t, l) => {
        for (const s of sentenceSpans(t, l)) expect(t.slice(s.start, s.end)).toBe(s.text);
      }),
    );
  });
});
