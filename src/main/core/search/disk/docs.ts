/**
 * The documents of the on-disk index: per-slot numbers in typed arrays (a few bytes an article,
 * read from the segments' rows at start-up), titles and texts read from the catalogue by slot
 * when a query needs them, with small caches. The arrays are rebuilt by the engine when its
 * segments change; this store never changes the catalogue.
 */
import type { Article } from '../../../../shared/types';
import type { Catalog } from '../../catalog';
import { normalize } from '../../text/normalize';
import type { DocumentStore } from '../docstore';
import type { SegmentRow } from './tables';
import { indexedText } from '../../corrections/text';

/** A cache that forgets everything when full: cheap, and queries read few documents each. */
class Recent<V> {
  private readonly map = new Map<number, V>();
  constructor(private readonly size: number) {}
  get(key: number, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.size) this.map.clear();
      v = make();
      this.map.set(key, v);
    }
    return v;
  }
  peek(key: number): V | undefined {
    return this.map.get(key);
  }
  set(key: number, value: V): void {
    if (this.map.size >= this.size) this.map.clear();
    this.map.set(key, value);
  }
  clear(): void {
    this.map.clear();
  }
}

export class DiskDocumentStore implements DocumentStore {
  slotCount = 0;
  liveCount = 0;
  lengthSum = 0;
  dates = new Int32Array(0);
  lens = new Int32Array(0);
  pubOf = new Int32Array(0);
  facetOf = new Int32Array(0);
  titleLens = new Int32Array(0);
  readonly hashes = new Uint32Array(0);
  pubNames: string[] = [];
  pubNorm: string[] = [];
  private live = new Uint8Array(0);
  private readonly articles = new Recent<Article | null>(2_000);
  private readonly titles = new Recent<string>(50_000);
  private readonly texts = new Recent<string>(2_000);

  constructor(private readonly catalog: Catalog) {}

  /** Lays out the per-slot numbers of these segments, less the removed slots. */
  load(segments: SegmentRow[], removed: number[], publications: string[]): void {
    const size = segments.reduce((m, s) => Math.max(m, s.base + s.count), 0);
    this.slotCount = size;
    this.dates = new Int32Array(size);
    this.lens = new Int32Array(size);
    this.pubOf = new Int32Array(size);
    this.facetOf = new Int32Array(size);
    this.titleLens = new Int32Array(size);
    this.live = new Uint8Array(size);
    for (const seg of segments) {
      const { lengths, titleLengths, dates, pubs } = seg.docs;
      this.lens.set(lengths, seg.base);
      this.titleLens.set(titleLengths, seg.base);
      this.dates.set(dates, seg.base);
      for (let k = 0; k < seg.count; k++) {
        const slot = seg.base + k;
        // A slot that held no article when the segment was built has publication -1.
        if (pubs[k] < 0) continue;
        this.live[slot] = 1;
        this.pubOf[slot] = pubs[k];
        this.facetOf[slot] = pubs[k] * 0x4000 + Math.floor(dates[k] / 10000);
      }
    }
    for (const slot of removed) if (slot < size) this.live[slot] = 0;
    this.liveCount = 0;
    this.lengthSum = 0;
    for (let slot = 0; slot < size; slot++) {
      if (!this.live[slot]) continue;
      this.liveCount++;
      this.lengthSum += this.lens[slot];
    }
    this.pubNames = publications;
    this.pubNorm = publications.map((p) => normalize(p));
    this.articles.clear();
  }

  /**
   * The article in a slot as search needs it: summary and text, without paragraphs or structure
   * (hits, highlights and suggestions use no more; the reader reads the whole article from the
   * catalogue).
   */
  articleAt(slot: number): Article | null {
    if (!this.alive(slot)) return null;
    return this.articles.get(slot, () => this.catalog.hitAt(slot));
  }

  prefetch(slots: readonly number[]): void {
    const wanted = slots.filter((slot) => this.alive(slot) && this.articles.peek(slot) === undefined);
    if (wanted.length < 2) return;
    const read = this.catalog.hitsAt(wanted);
    for (const slot of wanted) this.articles.set(slot, read.get(slot) ?? null);
  }

  idAt(slot: number): string | null {
    return this.alive(slot) ? this.catalog.idAt(slot) : null;
  }

  slotOf(id: string): number | undefined {
    const slot = this.catalog.slotOf(id);
    return slot !== undefined && this.alive(slot) ? slot : undefined;
  }

  alive(slot: number): boolean {
    return this.live[slot] === 1;
  }

  liveIds(): string[] {
    const ids: string[] = [];
    for (let slot = 0; slot < this.slotCount; slot++) {
      const id = this.idAt(slot);
      if (id !== null) ids.push(id);
    }
    return ids;
  }

  normalisedTitle(slot: number): string {
    return this.titles.get(slot, () => (this.alive(slot) ? normalize(this.catalog.titleAt(slot) ?? '') : ''));
  }

  normalisedText(slot: number): string {
    return this.texts.get(slot, () => {
      if (!this.alive(slot)) return '';
      // A hit's article read ahead holds the text: no second read.
      const peeked = this.articles.peek(slot);
      const text = (peeked ? indexedText(peeked) : this.catalog.textAt(slot)) ?? '';
      return normalize(text);
    });
  }

  append(): number {
    throw new Error('the on-disk index reads its articles from the catalogue');
  }

  remove(): boolean {
    throw new Error('the on-disk index reads its articles from the catalogue');
  }

  setLength(): void {
    throw new Error('the on-disk index reads its articles from the catalogue');
  }
}
