/**
 * The articles of one page of hits, fetched from PostgreSQL, as the DocumentStore that makeHit
 * (hits.ts) reads snippets and title highlights from. It answers about those slots only: the
 * per-slot arrays that evaluating a query needs stay in the database.
 */
import type { Article } from '../../../../shared/types';
import type { DocumentStore } from '../docstore';

export interface PageArticle {
  article: Article;
  ntitle: string;
  ntext: string;
}

export class PageDocs implements DocumentStore {
  readonly slotCount = 0;
  readonly liveCount = 0;
  readonly lengthSum = 0;
  readonly dates = new Int32Array(0);
  readonly lens = new Int32Array(0);
  readonly pubOf = new Int32Array(0);
  readonly facetOf = new Int32Array(0);
  readonly hashes = new Uint32Array(0);
  readonly pubNames: readonly string[] = [];
  readonly pubNorm: readonly string[] = [];

  constructor(private readonly bySlot: Map<number, PageArticle>) {}

  articleAt(slot: number): Article | null {
    return this.bySlot.get(slot)?.article ?? null;
  }

  idAt(slot: number): string | null {
    return this.articleAt(slot)?.id ?? null;
  }

  slotOf(id: string): number | undefined {
    for (const [slot, page] of this.bySlot) if (page.article.id === id) return slot;
    return undefined;
  }

  alive(slot: number): boolean {
    return this.bySlot.has(slot);
  }

  liveIds(): string[] {
    return [...this.bySlot.values()].map((p) => p.article.id);
  }

  normalisedTitle(slot: number): string {
    return this.bySlot.get(slot)?.ntitle ?? '';
  }

  normalisedText(slot: number): string {
    return this.bySlot.get(slot)?.ntext ?? '';
  }

  append(): number {
    throw new Error('PageDocs is read-only');
  }

  remove(): boolean {
    throw new Error('PageDocs is read-only');
  }

  setLength(): void {
    throw new Error('PageDocs is read-only');
  }
}
