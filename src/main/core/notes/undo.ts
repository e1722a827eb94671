/**
 * Undo for changes made through one NotesStore: each entry remembers one entity as it was
 * before the change. Undo writes that state back (through the same locked read-modify-write),
 * so it never rolls back what another window or process changed meanwhile in other items.
 */
import type { OpContext } from './bookmarks';
import type { Annotation, Bookmark, NotesData } from './types';

export type EntityKind = 'bookmark' | 'annotation';

export interface UndoEntry {
  label: string;
  kind: EntityKind;
  id: string;
  /** The entity as it was before, or null when the change created it. */
  before: Bookmark | Annotation | null;
}

const UNDO_LIMIT = 100;

function listOf(data: NotesData, kind: EntityKind): (Bookmark | Annotation)[] {
  return kind === 'bookmark' ? data.bookmarks : data.annotations;
}

export class UndoStack {
  private readonly entries: UndoEntry[] = [];

  /** Records the state of `id` in `before` (the data as it was before the change). */
  record(label: string, kind: EntityKind, id: string, before: NotesData): void {
    this.entries.push({ label, kind, id, before: listOf(before, kind).find((e) => e.id === id) ?? null });
    if (this.entries.length > UNDO_LIMIT) this.entries.shift();
  }

  get label(): string | null {
    return this.entries.at(-1)?.label ?? null;
  }

  pop(): UndoEntry | undefined {
    return this.entries.pop();
  }
}

/** Puts the entity back as it was; a created one is deleted softly (the file never shrinks). */
export function applyUndo(entry: UndoEntry, data: NotesData, ctx: OpContext): void {
  const list = listOf(data, entry.kind);
  const at = list.findIndex((e) => e.id === entry.id);
  if (at === -1) return;
  if (entry.before) list[at] = { ...structuredClone(entry.before), modified: ctx.now };
  else list[at] = { ...list[at], deleted: ctx.now, modified: ctx.now };
}
