import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorAcross,
  anchorSelector,
  describeRange,
  emptyNotes,
  NotesStore,
  reanchorAnnotations,
  type ArticleText,
} from '../../src/main/core/notes/index';
import { createAnnotation } from '../../src/main/core/notes/annotations';
import { tempDir } from './helpers/tmp';

const P1 = '本报讯（记者 张明）1月5日，区委召开常委会议，研究部署全年经济工作。';
const P2 = '会议强调，要全力以赴稳住全区经济大盘，推动高质量发展取得新成效。';
const P3 = '会议还研究了防汛抗旱、安全生产等工作，要求各部门压实责任。';
const TEXT = [P1, P2, P3].join('\n\n');
const QUOTE = '稳住全区经济大盘，推动高质量发展';

/** The text a match covers ('' when there is none, so that the assertion shows the difference). */
function matched(text: string, match: { start: number; end: number } | null): string {
  return match ? text.slice(match.start, match.end) : '';
}

function selectorFor(text: string, quote: string) {
  const start = text.indexOf(quote);
  return describeRange(text, start, start + quote.length);
}

describe('anchoring with W3C selectors', () => {
  it('describes a range with a 32-character context and finds it again by position', () => {
    const sel = selectorFor(TEXT, QUOTE);
    expect(sel.quote.type).toBe('TextQuoteSelector');
    expect(sel.position.type).toBe('TextPositionSelector');
    expect(sel.quote.prefix.length).toBe(32);
    expect(TEXT.slice(sel.position.start - 32, sel.position.start)).toBe(sel.quote.prefix);
    expect(sel.quote.suffix).toBe(TEXT.slice(sel.position.end, sel.position.end + 32));
    expect(anchorSelector(TEXT, sel)).toMatchObject({ method: 'position', start: sel.position.start });
  });

  it('finds the passage after an insertion before it', () => {
    const sel = selectorFor(TEXT, QUOTE);
    const edited = `【编者按】本文有更新。\n\n${TEXT}`;
    const match = anchorSelector(edited, sel);
    expect(match?.method).toBe('exact');
    expect(matched(edited, match)).toBe(QUOTE);
    expect(match?.start).toBe(sel.position.start + '【编者按】本文有更新。\n\n'.length);
  });

  it('picks the occurrence whose context agrees when the quote appears more than once', () => {
    const text = `会议指出，经济大盘要稳。${P2}另据报道，邻区经济大盘也在回暖。`;
    const at = text.indexOf('经济大盘', text.indexOf('稳住'));
    const sel = describeRange(text, at, at + 4);
    const shifted = `插入。${text}`;
    const match = anchorSelector(shifted, sel);
    expect(match).toMatchObject({ method: 'exact', start: at + 3 });
  });

  it('finds the passage when punctuation changed width (，→ ,)', () => {
    const sel = selectorFor(TEXT, QUOTE);
    const halfWidth = TEXT.replace(/，/g, ',');
    const match = anchorSelector(halfWidth, sel);
    expect(match?.method).toBe('normalized');
    expect(matched(halfWidth, match)).toBe('稳住全区经济大盘,推动高质量发展');
  });

  it('finds the passage after a small change inside it (an OCR fix), fuzzily', () => {
    const sel = selectorFor(TEXT, QUOTE);
    const fixed = `前言。${TEXT.replace('稳住全区经济大盘', '稳住全市经济大盘')}`;
    const match = anchorSelector(fixed, sel);
    expect(match?.method).toBe('fuzzy');
    expect(matched(fixed, match)).toBe('稳住全市经济大盘，推动高质量发展');
  });

  it('does not re-anchor a deleted passage onto some other sentence', () => {
    const sel = selectorFor(TEXT, QUOTE);
    const without = [P1, P3].join('\n\n');
    expect(anchorSelector(without, sel)).toBeNull();
  });

  it('follows a passage that a re-split moved into another article', () => {
    const sel = selectorFor(TEXT, QUOTE);
    const candidates: ArticleText[] = [
      { id: 'old', title: '常委会议', text: P1 },
      { id: 'new-2', title: '稳住经济大盘', text: [P2, P3].join('\n\n') },
      { id: 'other', title: '别的文章', text: '完全无关的内容，讲述春运交通安排。' },
    ];
    const match = anchorAcross(sel, 'old', candidates);
    expect(match?.article.id).toBe('new-2');
    expect(match?.moved).toBe(true);
    expect(matched(match?.article.text ?? '', match)).toBe(QUOTE);
  });

  it('holds for random texts: an insertion outside the passage never loses it', () => {
    const han = fc.constantFrom(
      ...Array.from(
        '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研造',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(han, { minLength: 40, maxLength: 200 }),
        fc.array(han, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (chars, inserted, a, b, before) => {
          const text = chars.join('');
          const start = a % (text.length - 8);
          const end = start + 4 + (b % 5);
          const sel = describeRange(text, start, end);
          const at = before ? b % (start + 1) : end + (a % (text.length - end + 1));
          const edited = text.slice(0, at) + inserted.join('') + text.slice(at);
          const match = anchorSelector(edited, sel);
          expect(match).not.toBeNull();
          expect(matched(edited, match)).toBe(sel.quote.exact);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('re-anchoring stored annotations', () => {
  const ctx = { now: '2026-01-01T00:00:00.000Z', newId: () => 'n1' };

  it('updates positions, moves to the new article, or marks orphaned but keeps the quote', () => {
    const data = emptyNotes();
    const meta = { id: 'old', title: '常委会议', date: '2026-01-05', publication: '万州日报' };
    createAnnotation(
      data,
      ctx,
      { article: meta, start: TEXT.indexOf(QUOTE), end: TEXT.indexOf(QUOTE) + QUOTE.length },
      TEXT,
    );
    const p3Quote = '防汛抗旱、安全生产';
    createAnnotation(
      data,
      { ...ctx, newId: () => 'n2' },
      {
        article: meta,
        start: TEXT.indexOf(p3Quote),
        end: TEXT.indexOf(p3Quote) + p3Quote.length,
        note: '要点',
      },
      TEXT,
    );

    // Re-import split the article in two; the second one is new.
    const split: ArticleText[] = [
      { ...meta, text: `${P1}\n\n${P3}` },
      { id: 'new-2', title: '稳住经济大盘', date: '2026-01-05', publication: '万州日报', text: P2 },
    ];
    const report = reanchorAnnotations(data, '2026-02-01T00:00:00.000Z', split);
    expect(report).toMatchObject({ checked: 2, anchored: 1, moved: 1, orphaned: 0, changed: true });
    const [moved, stayed] = data.annotations;
    expect(moved.article.id).toBe('new-2');
    expect(moved.anchor).toMatchObject({ status: 'anchored', method: 'moved', previousArticleIds: ['old'] });
    expect(P2.slice(moved.selector.position.start, moved.selector.position.end)).toBe(QUOTE);
    expect(stayed.article.id).toBe('old');
    expect(stayed.anchor.method).toBe('exact');

    // The passage is then deleted from the archive: the annotation stays, orphaned, with its words.
    const deleted: ArticleText[] = [
      { ...meta, text: P1 },
      { ...split[1], text: '稳住经济。' },
    ];
    const again = reanchorAnnotations(data, '2026-03-01T00:00:00.000Z', deleted);
    expect(again.orphaned).toBe(2);
    expect(data.annotations).toHaveLength(2);
    expect(data.annotations.map((a) => a.anchor.status)).toEqual(['orphaned', 'orphaned']);
    expect(data.annotations[1]).toMatchObject({ note: '要点', selector: { quote: { exact: p3Quote } } });
    // And when the text comes back, so does the anchor.
    reanchorAnnotations(data, '2026-04-01T00:00:00.000Z', split);
    expect(data.annotations.map((a) => a.anchor.status)).toEqual(['anchored', 'anchored']);
  });

  it('through the store: re-anchoring after a re-import is persisted', async () => {
    const store = await NotesStore.open(tempDir());
    const meta = { id: 'a', title: '常委会议' };
    const start = TEXT.indexOf(QUOTE);
    const created = await store.annotate(
      { article: meta, start, end: start + QUOTE.length, color: 'blue' },
      TEXT,
    );
    const edited = `（本报综合）${TEXT.replace(/，/g, ',')}`;
    const report = await store.reanchor([{ ...meta, text: edited }]);
    expect(report).toEqual({ checked: 1, anchored: 1, moved: 0, orphaned: 0 });
    const [a] = await store.listAnnotations();
    expect(a.id).toBe(created.id);
    expect(a.anchor.method).toBe('normalized');
    expect(edited.slice(a.selector.position.start, a.selector.position.end)).toBe(a.selector.quote.exact);
    expect(a.selector.quote.exact).toBe('稳住全区经济大盘,推动高质量发展');
  });

  it("scope 'listed' checks only the listed articles and orphans nothing else", async () => {
    const store = await NotesStore.open(tempDir());
    const start = TEXT.indexOf(QUOTE);
    const range = { start, end: start + QUOTE.length };
    await store.annotate({ article: { id: 'a', title: '甲', date: '2026-01-05' }, ...range }, TEXT);
    await store.annotate({ article: { id: 'b', title: '乙', date: '2026-01-05' }, ...range }, TEXT);
    const onlyA = [{ id: 'a', title: '甲', date: '2026-01-05', text: `新增。${TEXT}` }];
    expect(await store.reanchor(onlyA, { scope: 'listed' })).toEqual({
      checked: 1,
      anchored: 1,
      moved: 0,
      orphaned: 0,
    });
    expect((await store.listAnnotations()).map((a) => a.anchor.status)).toEqual(['anchored', 'anchored']);
    // With the default scope the list is the whole archive: b's article is gone, and its
    // passage is found in a (same date), so it moves there rather than being dropped.
    expect(await store.reanchor(onlyA)).toEqual({ checked: 2, anchored: 1, moved: 1, orphaned: 0 });
  });
});
