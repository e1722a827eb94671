/**
 * What one text revision changed, as the reader and the CLI show it: the passages replaced,
 * removed or added, each with its place in the earlier text. Character by character (the `diff`
 * library's Myers diff), since a Chinese OCR slip is one character, not a word.
 */
import { diffChars } from 'diff';

export interface TextChange {
  /** Offset in the earlier text. */
  at: number;
  removed: string;
  added: string;
}

export interface TextPart {
  value: string;
  kind: 'same' | 'removed' | 'added';
}

/** The earlier and later text in parts: unchanged, removed and added, in reading order. */
export function textParts(before: string, after: string): TextPart[] {
  return diffChars(before, after).map((p) => ({
    value: p.value,
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
  }));
}

/** The changes from `before` to `after`, a removal and the addition right after it as one. */
export function textChanges(before: string, after: string): TextChange[] {
  const changes: TextChange[] = [];
  let at = 0;
  let open: TextChange | null = null;
  for (const part of textParts(before, after)) {
    if (part.kind === 'same') {
      at += part.value.length;
      open = null;
      continue;
    }
    if (!open) {
      open = { at, removed: '', added: '' };
      changes.push(open);
    }
    if (part.kind === 'removed') {
      open.removed += part.value;
      at += part.value.length;
    } else open.added += part.value;
  }
  return changes;
}
