/**
 * The documents an index answers about, by slot. Slots are handed out in order and never reused
 * until a rebuild, so postings can name documents by number; a removed article leaves its slot
 * empty. The index reads documents only through DocumentStore, never through an array of every
 * Article, so that an implementation can keep the per-slot numbers in memory (a few bytes an
 * article, read by every query) and fetch titles and texts from a database when a query needs
 * them (verifying a phrase, making a snippet). MemoryDocumentStore holds the articles themselves.
 */
import type { Article } from '../../../shared/types';
import { normalize } from '../text/normalize';
import { indexedText } from '../corrections/text';

export interface DocumentStore {
  /** Slots handed out so far, empty ones included. */
  readonly slotCount: number;
  /** Slots that hold an article. */
  readonly liveCount: number;
  /** Normalised length (title + text) summed over live slots: BM25's average length. */
  readonly lengthSum: number;
  // Per-slot numbers, for the loops over every hit. The arrays may be longer than slotCount and
  // are replaced when the store grows: read them again after an append.

  /** YYYYMMDD (0 when undated; day or month 00 when unknown). */
  readonly dates: Int32Array;
  /** Normalised length (title + text); 0 until setLength. */
  readonly lens: Int32Array;
  /** Publication id, into `pubNames` and `pubNorm`. */
  readonly pubOf: Int32Array;
  /** Publication id << 14 | year (0 when undated): one lookup per hit for the facets. */
  readonly facetOf: Int32Array;
  /** articleHash of the article the slot was indexed from, to notice changed articles. */
  readonly hashes: Uint32Array;
  /** Publication names by id ('' for none), and their normalised forms for publication: filters. */
  readonly pubNames: readonly string[];
  readonly pubNorm: readonly string[];

  /** The article in a slot, or null when it was removed (or never loaded). */
  articleAt(slot: number): Article | null;
  /** Reads ahead the articles of these slots (a page of hits), where reading them together is cheaper. */
  prefetch?(slots: readonly number[]): void;
  idAt(slot: number): string | null;
  slotOf(id: string): number | undefined;
  alive(slot: number): boolean;
  /** Ids of every live article, in slot order. */
  liveIds(): string[];
  /** Normalised title, cached: short, and read by most queries. */
  normalisedTitle(slot: number): string;
  /** Normalised text, cached once asked for: only the texts that queries verify are kept. */
  normalisedText(slot: number): string;

  /** Puts articles in new slots, emptying the slot of any article with the same id; returns the first new slot. */
  append(articles: Article[]): number;
  /** Empties the slot of an article; false when the id is not held. */
  remove(id: string): boolean;
  /** Records a slot's normalised length once its postings are built. */
  setLength(slot: number, length: number): void;
}

/** A cheap content fingerprint per article, to notice changed articles when an index is loaded. */
export function articleHash(a: Article): number {
  let h = 0x811c9dc5;
  const s = `${a.title}\u0000${a.text}\u0000${a.publication ?? ''}\u0000${a.date ?? ''}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** YYYYMMDD of an article's date (0 when it has none), for date filters and sorting. */
export function dateKey(date: string | undefined): number {
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/u.exec(date ?? '');
  if (!m) return 0;
  return Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/** `array` with room for `size` entries: doubled when full, so appends one at a time stay linear. */
function room<T extends Int32Array | Uint32Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2, 64));
  next.set(array);
  return next;
}

/** The articles held in memory, as the index has always kept them. */
export class MemoryDocumentStore implements DocumentStore {
  private articles: (Article | null)[] = [];
  private readonly slots = new Map<string, number>();
  private normTitles: (string | undefined)[] = [];
  private normTexts: (string | undefined)[] = [];
  private readonly pubIds = new Map<string, number>();
  dates = new Int32Array(0);
  lens = new Int32Array(0);
  pubOf = new Int32Array(0);
  facetOf = new Int32Array(0);
  hashes = new Uint32Array(0);
  pubNames: string[] = [];
  pubNorm: string[] = [];
  liveCount = 0;
  lengthSum = 0;

  get slotCount(): number {
    return this.articles.length;
  }

  /**
   * A store for a persisted index: the article ids and hashes it was built from, by slot, with
   * the lengths its postings hold. A slot whose article is no longer in `articles` stays empty,
   * keeping its old hash, so that the index's update finds what changed since.
   */
  static restore(
    ids: readonly (string | null)[],
    hashes: readonly number[],
    lengthOf: (slot: number) => number,
    articles: Article[],
  ): MemoryDocumentStore {
    const store = new MemoryDocumentStore();
    const byId = new Map(articles.map((a) => [a.id, a]));
    ids.forEach((id, slot) => {
      const a = id === null ? undefined : byId.get(id);
      store.push(a ?? null, hashes[slot]);
      store.lens[slot] = lengthOf(slot);
      if (a) store.lengthSum += store.lens[slot];
    });
    return store;
  }

  private push(a: Article | null, hash: number): void {
    const slot = this.articles.length;
    const size = slot + 1;
    this.dates = room(this.dates, size, (n) => new Int32Array(n));
    this.lens = room(this.lens, size, (n) => new Int32Array(n));
    this.pubOf = room(this.pubOf, size, (n) => new Int32Array(n));
    this.facetOf = room(this.facetOf, size, (n) => new Int32Array(n));
    this.hashes = room(this.hashes, size, (n) => new Uint32Array(n));
    this.articles.push(a);
    this.normTitles.push(undefined);
    this.normTexts.push(undefined);
    this.hashes[slot] = hash;
    this.dates[slot] = dateKey(a?.date);
    this.lens[slot] = 0;
    this.pubOf[slot] = this.pubId(a?.publication);
    this.facetOf[slot] = this.pubOf[slot] * 0x4000 + Math.floor(this.dates[slot] / 10000);
    if (a) {
      this.slots.set(a.id, slot);
      this.liveCount++;
    }
  }

  private pubId(publication: string | undefined): number {
    const name = publication ?? '';
    let id = this.pubIds.get(name);
    if (id === undefined) {
      id = this.pubNames.length;
      this.pubIds.set(name, id);
      this.pubNames.push(name);
      this.pubNorm.push(normalize(name));
    }
    return id;
  }

  append(articles: Article[]): number {
    const from = this.articles.length;
    for (const a of articles) {
      this.remove(a.id);
      this.push(a, articleHash(a));
    }
    return from;
  }

  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.lengthSum -= this.lens[slot];
    this.articles[slot] = null;
    this.normTitles[slot] = undefined;
    this.normTexts[slot] = undefined;
    this.slots.delete(id);
    this.liveCount--;
    return true;
  }

  setLength(slot: number, length: number): void {
    if (this.articles[slot]) this.lengthSum += length - this.lens[slot];
    this.lens[slot] = length;
  }

  articleAt(slot: number): Article | null {
    return this.articles[slot] ?? null;
  }

  idAt(slot: number): string | null {
    return this.articles[slot]?.id ?? null;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  alive(slot: number): boolean {
    return this.articles[slot] != null;
  }

  liveIds(): string[] {
    return [...this.slots.keys()];
  }

  normalisedTitle(slot: number): string {
    let t = this.normTitles[slot];
    if (t === undefined) t = this.normTitles[slot] = normalize(this.articles[slot]?.title ?? '');
    return t;
  }

  normalisedText(slot: number): string {
    let t = this.normTexts[slot];
    if (t === undefined) {
      const a = this.articles[slot];
      t = this.normTexts[slot] = a ? normalize(indexedText(a)) : '';
    }
    return t;
  }
}
