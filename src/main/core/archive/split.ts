/**
 * Splits the text of one newspaper page into articles, as an editor reading the page would.
 * Pure: text in, drafts out. Every draft covers a span of original lines; spans never overlap,
 * and every non-blank line is either inside exactly one span or listed as page furniture.
 *
 * The reading, in order: decide the layout and make units (reflow.ts); name each unit (headline,
 * lead, byline, caption, box label, slogan, body); join paragraphs broken by the page (across
 * blank lines and across captions printed mid-paragraph); then walk the units. A headline block
 * starts an article when nothing is open, when the open article has been closed by its byline
 * or a 相关新闻 box, or when a lead or byline follows it; otherwise it is a section subhead of the
 * open article (强产业 / 打造高质量发展新引擎). A headline block with no body after it titles
 * the untitled article before it: pages 001 and 004 print their headline last.
 */
import { splitBlocks } from './blocks';
import { derivedTitle, readHeadline, type HeadlineLine } from './headline';
import { authorsOf, boxLabel, isChineseName, isInstitutionalByline, isSlogan } from './patterns';
import { detectLayout, lineUnits, reflowWrapped, splitLines, type Layout, type Unit } from './reflow';
import { articleLevel, findCaptionsByGap, joinBroken, nameUnit, type Named } from './units';

export interface DraftSection {
  title: string;
  /** Index of the first paragraph under this subhead. */
  paragraph: number;
}

export interface ArticleDraft {
  title: string;
  /** True when the page printed no headline and the title was made from the first sentence. */
  untitled?: boolean;
  kicker?: string;
  subtitle?: string;
  /** Box label the article was printed under (相关新闻). */
  column?: string;
  byline?: string;
  authors?: string[];
  paragraphs: string[];
  sections?: DraftSection[];
  captions?: string[];
  /** 1-based inclusive lines of the page that the article covers. */
  lineStart: number;
  lineEnd: number;
}

export interface Furniture {
  line: number;
  text: string;
  kind: 'slogan' | 'furniture' | 'caption' | 'headline';
}

export interface PageReading {
  layout: Layout;
  articles: ArticleDraft[];
  furniture: Furniture[];
}

class PageWalker {
  articles: ArticleDraft[] = [];
  furniture: Furniture[] = [];
  private current: ArticleDraft | null = null;
  private closed = false;
  private pendingCaptions: Named[] = [];
  private pendingColumn: Named | null = null;

  private cover(a: ArticleDraft, u: Unit): void {
    a.lineStart = Math.min(a.lineStart, ...u.lines);
    a.lineEnd = Math.max(a.lineEnd, ...u.lines);
  }

  private open(headline?: HeadlineLine[], units: Unit[] = []): ArticleDraft {
    const first = units[0] ?? this.pendingCaptions[0];
    const a: ArticleDraft = {
      title: '',
      paragraphs: [],
      lineStart: first ? first.lines[0] : Number.MAX_SAFE_INTEGER,
      lineEnd: 0,
    };
    if (headline) Object.assign(a, readHeadline(headline));
    if (this.pendingColumn) {
      a.column = this.pendingColumn.text.replace(/[:：]$/u, '');
      this.cover(a, this.pendingColumn);
      this.pendingColumn = null;
    }
    for (const c of this.pendingCaptions.splice(0)) this.caption(a, c);
    for (const u of units) this.cover(a, u);
    this.articles.push(a);
    this.current = a;
    this.closed = false;
    return a;
  }

  private ensure(): ArticleDraft {
    return this.current && !this.closed ? this.current : this.open();
  }

  private caption(a: ArticleDraft, u: Unit): void {
    (a.captions ??= []).push(u.text);
    this.cover(a, u);
  }

  private body(u: Named): void {
    let a = this.ensure();
    // A lead in the middle of an article opens the next one, even when its headline was lost.
    if (u.kind === 'lead' && a.paragraphs.length > 0) a = this.open();
    if (u.kind === 'lead' && !a.authors) {
      const authors = authorsOf(u.text);
      if (authors.length) a.authors = authors;
      if (!a.byline) a.byline = /^[^（(]{0,20}[（(][^）)]{1,60}[）)]/u.exec(u.text)?.[0];
      if (!a.byline) delete a.byline;
    }
    a.paragraphs.push(u.text.replace(/\*\*(.+?)\*\*/gu, '$1'));
    this.cover(a, u);
  }

  private byline(u: Named): void {
    const a = this.current && !this.closed ? this.current : this.open();
    if (!a.byline) a.byline = u.text;
    else a.byline = `${a.byline} ${u.text}`;
    // 本报评论员 is the author as printed: an office signs the article.
    const authors = isInstitutionalByline(u.text) ? [u.text.trim().replace(/\s+/gu, '')] : authorsOf(u.text);
    if (authors.length) a.authors = [...(a.authors ?? []), ...authors];
    this.cover(a, u);
    // A byline after the text ends the article; one right under the headline does not.
    if (a.paragraphs.length > 0) this.closed = true;
  }

  private section(a: ArticleDraft, title: string, units: Unit[]): void {
    (a.sections ??= []).push({ title, paragraph: a.paragraphs.length });
    for (const u of units) this.cover(a, u);
  }

  walk(units: Named[], markdownLevel: number): void {
    for (let i = 0; i < units.length;) {
      const u = units[i];
      switch (u.kind) {
        case 'furniture':
          this.furniture.push({
            line: u.lines[0],
            text: u.text,
            kind: isSlogan(u.text) ? 'slogan' : 'furniture',
          });
          i++;
          break;
        case 'caption':
          if (this.current) this.caption(this.current, u);
          else this.pendingCaptions.push(u);
          i++;
          break;
        case 'label': {
          const label = boxLabel(u.text);
          if (label?.startsArticle) {
            this.closed = true;
            this.pendingColumn = u;
          } else this.section(this.ensure(), label?.label ?? u.text, [u]);
          i++;
          break;
        }
        case 'byline':
          this.byline(u);
          i++;
          break;
        case 'lead':
        case 'body':
          this.body(u);
          i++;
          break;
        case 'heading':
          i = this.headingRun(units, i, markdownLevel);
          break;
      }
    }
    for (const c of this.pendingCaptions.splice(0))
      this.furniture.push({ line: c.lines[0], text: c.text, kind: 'caption' });
    if (this.pendingColumn)
      this.furniture.push({
        line: this.pendingColumn.lines[0],
        text: this.pendingColumn.text,
        kind: 'furniture',
      });
    this.articles = this.withoutEmpty(this.articles);
    for (const a of this.articles) this.finish(a);
  }

  /**
   * An article needs text. A headline or captions with no paragraph join the article before
   * (or, at the top, the one after); on a page with no text at all they are furniture.
   */
  private withoutEmpty(articles: ArticleDraft[]): ArticleDraft[] {
    const kept: ArticleDraft[] = [];
    let orphan: ArticleDraft | null = null;
    for (const a of articles) {
      if (a.paragraphs.length > 0) {
        if (orphan) {
          a.lineStart = Math.min(a.lineStart, orphan.lineStart);
          a.captions = [...(orphan.captions ?? []), ...(a.captions ?? [])];
          if (a.captions.length === 0) delete a.captions;
          orphan = null;
        }
        kept.push(a);
        continue;
      }
      // Its headline and byline stay on record as furniture; its captions join a neighbour.
      for (const text of [a.kicker, a.title, a.subtitle, a.byline]) {
        if (text) this.furniture.push({ line: a.lineStart, text, kind: 'headline' });
      }
      const previous = kept[kept.length - 1];
      if (previous) {
        previous.lineEnd = Math.max(previous.lineEnd, a.lineEnd);
        if (a.captions) previous.captions = [...(previous.captions ?? []), ...a.captions];
      } else if (orphan) {
        orphan.lineEnd = a.lineEnd;
        orphan.captions = [...(orphan.captions ?? []), ...(a.captions ?? [])];
      } else orphan = a;
    }
    if (orphan) {
      for (const text of orphan.captions ?? [])
        this.furniture.push({ line: orphan.lineStart, text, kind: 'caption' });
    }
    return kept;
  }

  private headingRun(units: Named[], start: number, markdownLevel: number): number {
    let end = start + 1;
    while (end < units.length && end - start < 6 && units[end].kind === 'heading' && units[end].gapBefore < 2)
      end++;
    const run = units.slice(start, end);
    let k = end;
    while (k < units.length && units[k].kind === 'caption') k++;
    const next = units[k]?.kind;
    const lines: HeadlineLine[] = run.map((u) => ({ text: u.text, level: u.level }));
    if (markdownLevel > 0 && run.some((u) => u.level !== undefined)) {
      const top = Math.min(...run.map((u) => u.level ?? 7));
      if (top <= markdownLevel || !this.current) return this.openWithHeadline(lines, run, units, end);
      this.section(this.ensure(), run.map((u) => u.text).join(' '), run);
      return end;
    }
    const followedByText = next === 'body' || next === 'lead' || next === 'byline';
    if (!followedByText) {
      if (this.current && !this.current.title) {
        // A headline printed after its article (pages 001 and 004).
        Object.assign(this.current, readHeadline(lines));
        for (const u of run) this.cover(this.current, u);
        this.closed = true;
      } else {
        for (const u of run) this.furniture.push({ line: u.lines[0], text: u.text, kind: 'headline' });
      }
      return end;
    }
    if (!this.current || this.closed || next === 'lead' || next === 'byline') {
      return this.openWithHeadline(lines, run, units, end);
    }
    this.section(this.current, run.map((u) => u.text).join(' '), run);
    return end;
  }

  /**
   * Opens an article under a headline. On a markdown page, plain headline-like lines right
   * after the `#` lines (——subtitle, an OCR echo) still belong to the block. Returns where the
   * walk goes on.
   */
  private openWithHeadline(lines: HeadlineLine[], run: Unit[], units: Named[], end: number): number {
    const extra: Named[] = [];
    if (run.some((u) => u.level !== undefined)) {
      for (let j = end; j < units.length && extra.length < 3; j++) {
        const u = units[j];
        const dash = u.kind === 'body' && /^(?:——|──|--)/u.test(u.text) && u.text.length <= 60;
        if ((u.kind === 'heading' && u.level === undefined) || dash) extra.push(u);
        else break;
      }
    }
    this.open([...lines, ...extra.map((u) => ({ text: u.text }))], [...run, ...extra]);
    return end + extra.length;
  }

  private finish(a: ArticleDraft): void {
    if (!a.title) {
      a.title = derivedTitle(a.paragraphs[0] ?? a.captions?.[0] ?? a.sections?.[0]?.title ?? '');
      a.untitled = true;
    }
    if (a.authors) a.authors = [...new Set(a.authors)];
  }
}

/**
 * A person's name alone on its line, right under a headline and right before the text, is the
 * byline (王彩艳, then the article). Alone anywhere else a name may be a place or a subhead (渝北,
 * 黄河), so only this position counts.
 */
function findLoneBylines(units: Named[]): void {
  for (let i = 1; i + 1 < units.length; i++) {
    const u = units[i];
    if (u.kind !== 'heading' && u.kind !== 'body') continue;
    if (u.level !== undefined || u.lines.length !== 1 || !isChineseName(u.text.trim())) continue;
    const before = units[i - 1];
    const next = units[i + 1].kind;
    if (before.kind === 'heading' && (next === 'body' || next === 'lead')) u.kind = 'byline';
  }
}

/** Reads one page: layout, articles and the lines that belong to no article. */
export function readPage(text: string): PageReading {
  const lines = splitLines(text);
  const layout = detectLayout(lines);
  if (layout === 'blocks') return { layout, articles: splitBlocks(lines), furniture: [] };
  const raw = layout === 'wrapped' ? reflowWrapped(lines) : lineUnits(lines);
  const named: Named[] = raw.map((u) => ({ ...u, kind: nameUnit(u) }));
  findCaptionsByGap(named);
  findLoneBylines(named);
  const units = joinBroken(named);
  const walker = new PageWalker();
  walker.walk(units, layout === 'markdown' ? articleLevel(units) : 0);
  return { layout, articles: walker.articles, furniture: walker.furniture };
}

/** Splits a page into article drafts, in reading order. */
export function splitPage(text: string): ArticleDraft[] {
  return readPage(text).articles;
}
