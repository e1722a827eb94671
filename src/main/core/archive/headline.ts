/**
 * Reads a headline block (引题 kicker, 主题 title, 副题 subtitle) the way Chinese papers print
 * it. Without font sizes the rules are: markdown levels when there are any (the highest level is
 * the title); a line opening with —— or naming who attended (X出席 Y主持) is a subtitle; a line
 * ending with 强调/指出/表示 is a kicker; otherwise the longest line is the title, lines above it
 * the kicker and lines below it the subtitle.
 */

export interface HeadlineLine {
  text: string;
  /** Markdown heading level, when the page is markdown. */
  level?: number;
}

export interface Headline {
  title: string;
  kicker?: string;
  subtitle?: string;
}

const SUBTITLE = /^(?:——|──|--|—)|(?:出席|主持|讲话|致辞|参加|陪同)(?:\s|$)/u;
const KICKER = /(?:强调|指出|表示|要求)$/u;

function clean(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Drops OCR echoes: a short line that repeats the end of a longer line of the same block. */
function withoutEchoes(lines: HeadlineLine[]): HeadlineLine[] {
  return lines.filter(
    (line, i) =>
      !lines.some(
        (other, j) => j !== i && other.text.length > line.text.length && other.text.endsWith(line.text),
      ),
  );
}

function join(lines: HeadlineLine[]): string | undefined {
  const text = lines
    .map((l) => clean(l.text).replace(/^(?:——|──|--|—)\s*/u, ''))
    .filter(Boolean)
    .join(' ');
  return text || undefined;
}

export function readHeadline(block: HeadlineLine[]): Headline {
  const lines = withoutEchoes(block.filter((l) => clean(l.text)));
  if (lines.length === 0) return { title: '' };
  let from: number;
  let to: number;
  const levels = lines.map((l) => l.level ?? 7);
  const top = Math.min(...levels);
  if (top < 7) {
    from = levels.indexOf(top);
    to = from;
    while (to + 1 < lines.length && levels[to + 1] === top) to++;
  } else {
    const candidates = lines
      .map((l, i) => ({ i, text: clean(l.text) }))
      .filter(({ text }) => !SUBTITLE.test(text) && !KICKER.test(text));
    const pool = candidates.length > 0 ? candidates : lines.map((l, i) => ({ i, text: clean(l.text) }));
    let best = pool[0];
    for (const c of pool) if (c.text.length > best.text.length) best = c;
    from = best.i;
    to = best.i;
  }
  const headline: Headline = { title: join(lines.slice(from, to + 1)) ?? clean(lines[from].text) };
  const kicker = join(lines.slice(0, from));
  const subtitle = join(lines.slice(to + 1));
  if (kicker) headline.kicker = kicker;
  if (subtitle) headline.subtitle = subtitle;
  return headline;
}

/** A title for an article printed without one: its first sentence, shortened. */
export function derivedTitle(firstParagraph: string, max = 30): string {
  const text = clean(firstParagraph).replace(
    /^(?:本报讯|本报\S{0,14}?[电讯]|新华社\S{0,14}?电)\s*(?:[（(][^）)]{0,40}[）)])?\s*/u,
    '',
  );
  const source = text || clean(firstParagraph);
  const sentence = /^(.+?[。！？!?；;])/u.exec(source)?.[1] ?? source;
  const chars = Array.from(sentence.replace(/[。；;，,、]$/u, '') || sentence);
  const title = chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
  return title.trim() || '（无题）';
}
