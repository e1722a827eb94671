/**
 * Autocomplete while typing: titles whose words start with what was typed, and frequent terms.
 * MiniSearch indexes the titles (word segments by Intl.Segmenter) and answers prefix queries;
 * the frequent-term vocabulary is counted from titles and a bounded sample of article text.
 */
import MiniSearch from 'minisearch';
import { normalize } from '../text/normalize';
import type { Suggestion } from './types';

interface TitleDoc {
  id: number;
  title: string;
}

export { words } from './words';
import { words } from './words';

const MINI_OPTIONS = {
  fields: ['title'],
  idField: 'id',
  // Titles are stored already segmented (words joined by spaces): segmentation is the costly part.
  tokenize: (text: string): string[] => text.split(' '),
  processTerm: (term: string): string => term,
  searchOptions: {
    prefix: true,
    combineWith: 'AND' as const,
    tokenize: (text: string): string[] => words(text),
  },
};

/** How much article text the vocabulary is counted from: bounds the build time. */
const SAMPLE_CHARS = 300_000;

export interface SuggestData {
  /** Slot of each live title, and the title as word segments joined by spaces. */
  slots: number[];
  titles: string[];
  terms: [string, number][];
}

export class Suggester {
  /**
   * Built on first use from the segmented titles (segmentation is the costly part and is done
   * once, when the index is built): neither building nor opening an index pays for MiniSearch's
   * tree, and the persisted form stays small.
   */
  private mini: MiniSearch<TitleDoc> | null = null;
  private readonly slots: number[];
  private readonly titles: string[];
  /** Sorted by term, for prefix ranges. */
  private readonly terms: [string, number][];

  private constructor(slots: number[], titles: string[], terms: [string, number][]) {
    this.slots = slots;
    this.titles = titles;
    this.terms = terms;
  }

  /**
   * From normalised titles by slot (null for removed slots), the normalised text length of each
   * slot and a way to get its normalised text: only the sampled texts are normalised.
   */
  static build(
    titles: (string | null)[],
    textLength: (slot: number) => number,
    textOf: (slot: number) => string,
  ): Suggester {
    const counts = new Map<string, number>();
    const count = (segments: string[]): void => {
      for (const w of new Set(segments)) if (w.length >= 2) counts.set(w, (counts.get(w) ?? 0) + 1);
    };
    const live: number[] = [];
    const segmented: string[] = [];
    titles.forEach((title, slot) => {
      if (title === null) return;
      live.push(slot);
      const segments = words(title);
      segmented.push(segments.join(' '));
      count(segments);
    });
    const total = live.reduce((n, slot) => n + textLength(slot), 0);
    const stride = Math.max(1, Math.ceil(total / SAMPLE_CHARS));
    for (let k = 0; k < live.length; k += stride) count(words(textOf(live[k])));
    const terms = [...counts]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new Suggester(live, segmented, terms);
  }

  static fromData(data: SuggestData): Suggester {
    return new Suggester(data.slots, data.titles, data.terms);
  }

  toData(): SuggestData {
    return { slots: this.slots, titles: this.titles, terms: this.terms };
  }

  private miniSearch(): MiniSearch<TitleDoc> {
    if (!this.mini) {
      const mini = new MiniSearch<TitleDoc>(MINI_OPTIONS);
      mini.addAll(this.slots.map((id, k) => ({ id, title: this.titles[k] })));
      this.mini = mini;
    }
    return this.mini;
  }

  addTitle(slot: number, title: string): void {
    const doc = { id: slot, title: words(title).join(' ') };
    this.slots.push(doc.id);
    this.titles.push(doc.title);
    this.mini?.add(doc);
  }

  /** Titles (by slot) and terms starting with `prefix`, titles first; `alive` filters removed slots. */
  suggest(prefix: string, limit: number, titleOf: (slot: number) => string | null): Suggestion[] {
    const p = normalize(prefix);
    if (!p || limit <= 0) return [];
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid][0] < p) lo = mid + 1;
      else hi = mid;
    }
    const termHits: [string, number][] = [];
    for (let k = lo; k < this.terms.length && this.terms[k][0].startsWith(p); k++)
      termHits.push(this.terms[k]);
    termHits.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const titleBudget = Math.max(1, Math.ceil(limit / 2));
    for (const r of this.miniSearch().search(p)) {
      if (out.length >= titleBudget) break;
      const title = titleOf(Number(r.id));
      if (title === null || seen.has(title)) continue;
      seen.add(title);
      out.push({ kind: 'title', text: title, id: String(r.id) });
    }
    for (const [term, n] of termHits) {
      if (out.length >= limit) break;
      if (term === p || seen.has(term)) continue;
      seen.add(term);
      out.push({ kind: 'term', text: term, count: n });
    }
    return out;
  }
}
