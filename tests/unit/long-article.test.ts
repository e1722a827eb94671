import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveService } from '../../src/main/core/service';
import { MAX_SEGMENT_PIECE, words } from '../../src/main/core/search/words';
import { PD1998_PAGES, SAMPLE_ARCHIVE, tempDir } from './helpers/tmp';

/** Lengths of every text Intl.Segmenter is asked to segment while `run` runs. */
async function segmentedLengths<T>(run: () => Promise<T>): Promise<{ result: T; lengths: number[] }> {
  const proto = Intl.Segmenter.prototype;
  const original = proto.segment;
  const lengths: number[] = [];
  proto.segment = function (this: Intl.Segmenter, input: string) {
    lengths.push(input.length);
    return original.call(this, input);
  };
  try {
    return { result: await run(), lengths };
  } finally {
    proto.segment = original;
  }
}

let service: ArchiveService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

describe('a long article without paragraph breaks', () => {
  it('is segmented in bounded pieces (whole, ICU takes minutes over it) and found to its end', async () => {
    // 30,000 characters of real text in one line: one article, no paragraph break.
    // People's Daily when the corpus is there, else the sample pages over and over.
    const source = existsSync(PD1998_PAGES) ? PD1998_PAGES : SAMPLE_ARCHIVE;
    const files = readdirSync(source)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    let text = '';
    for (let k = 0; text.length <= 30_000; k++)
      text += readFileSync(path.join(source, files[k % files.length]), 'utf8').replace(/\s+/gu, '');
    text += '结尾处的独有词语琥珀研究所。';
    const dir = tempDir();
    writeFileSync(path.join(dir, '2024-01-01_长文报_01.txt'), `长文章标题\n\n${text}\n`);
    const { result, lengths } = await segmentedLengths(async () => {
      service = new ArchiveService({ archiveDirs: [dir], dataDir: tempDir() });
      return service.search('琥珀研究所');
    });
    expect(result.total).toBe(1);
    expect(result.hits[0].snippet).toContain('琥珀研究所');
    expect(Math.max(0, ...lengths)).toBeLessThanOrEqual(MAX_SEGMENT_PIECE);
  });

  it('property: cutting long text at punctuation gives the words the whole text gives', () => {
    const sentence = fc
      .array(fc.constantFrom(...'经济发展中国人民政府企业科技创新改革开放研究所'), {
        minLength: 5,
        maxLength: 60,
      })
      .map((chars) => `${chars.join('')}。`);
    const whole = (s: string): string[] =>
      Array.from(new Intl.Segmenter('zh', { granularity: 'word' }).segment(s))
        .filter((x) => x.isWordLike)
        .map((x) => x.segment);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 40, maxLength: 120 }), (sentences) => {
        const s = sentences.join('');
        expect(words(s)).toEqual(whole(s));
      }),
      { numRuns: 20 },
    );
  });
});
