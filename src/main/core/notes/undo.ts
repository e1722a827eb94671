/**
 * Undo for changes made through one NotesStore: each entry remembers one entity as it was
 * before the change and as this store left it. Undo writes the earlier state back (through the
 * same locked read-modify-write), so it never rolls back what another window or process changed
 * meanwhile in other items; and when the other writer has edited this very item since, undo
 * refuses (`stale-undo`) rather than restore over that newer edit.
 */
import type { OpContext } from './bookmarks';
import { NotesError } from './errors';
import type { Annotation, Bookmark, NotesData } from './types';

export type EntityKind = 'bookmark' | 'annotation';
type Entity = Bookmark | Annotation;

export interface UndoEntry {
  label: string;
  kind: EntityKind;
  id: string;
  /** The entity as it was before, or null when the change created it. */
  before: Entity | null;
  /** The entity as this store wrote it: undo applies only while the file still has this edit. */
  after: Entity | null;
}

const UNDO_LIMIT = 100;

function listOf(data: NotesData, kind: EntityKind): Entity[] {
  return kind === 'bookmark' ? data.bookmarks : data.annotations;
}

/** A copy of the entity `id` in `data`, or null. */
function copyOf(data: NotesData, kind: EntityKind, id: string): Entity | null {
  return structuredClone(listOf(data, kind).find((e) => e.id === id) ?? null);
}

/**
 * Fields that the machine keeps up to date without the user editing anything: where an
 * annotation's passage is (re-anchoring after a re-import, in any window) and when a saved search
 * last ran. A change to them is no edit, so it does not make an undo stale, and undo leaves them
 * as they are now.
 */
const MAINTAINED: Record<EntityKind, readonly string[]> = {
  annotation: ['article', 'selector', 'anchor'],
  bookmark: ['lastRun'],
};

/** JSON with sorted keys and without the maintained fields: equal exactly when the user's content is. */
function userContent(kind: EntityKind, entity: Entity): string {
  const skip = new Set(MAINTAINED[kind]);
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
    return out;
  };
  const top = Object.fromEntries(Object.entries(entity).filter(([k, v]) => !skip.has(k) && v !== undefined));
  return JSON.stringify(sorted(top));
}

/** True when `a` and `b` are the same edit of the item: same time, same content. */
function sameEdit(kind: EntityKind, a: Entity, b: Entity): boolean {
  return a.modified === b.modified && userContent(kind, a) === userContent(kind, b);
}

export class UndoStack {
  private readonly entries: UndoEntry[] = [];

  /** Records `id` as it was in `before` and as it is in `after` (the data this store wrote). */
  record(label: string, kind: EntityKind, id: string, before: NotesData, after: NotesData): void {
    this.entries.push({ label, kind, id, before: copyOf(before, kind, id), after: copyOf(after, kind, id) });
    if (this.entries.length > UNDO_LIMIT) this.entries.shift();
  }

  get label(): string | null {
    return this.entries.at(-1)?.label ?? null;
  }

  pop(): UndoEntry | undefined {
    return this.entries.pop();
  }

  /**
   * After `undone` was undone and `written` saved: the next entry for the same item expected the
   * state `undone` started from, which the undo has just written back with a new time. (If another
   * writer had edited the item between the two steps, that entry stays stale, as it should.)
   */
  undid(undone: UndoEntry, written: NotesData): void {
    const next = this.entries.findLast((e) => e.kind === undone.kind && e.id === undone.id);
    const now = copyOf(written, undone.kind, undone.id);
    if (!next?.after || !undone.before || !now) return;
    if (sameEdit(next.kind, next.after, undone.before)) next.after = now;
  }
}

/**
 * Puts the entity back as it was; a created one is deleted softly (the file never shrinks).
 * Returns the entity as written, or null when it is gone (purged). Throws `stale-undo`, changing
 * nothing, when the item no longer holds this store's edit: another window or process edited,
 * deleted or restored it since, and undoing would overwrite that.
 */
export function applyUndo(entry: UndoEntry, data: NotesData, ctx: OpContext): Entity | null {
  const list = listOf(data, entry.kind);
  const at = list.findIndex((e) => e.id === entry.id);
  if (at === -1) return null;
  const current = list[at];
  if (entry.after && !sameEdit(entry.kind, current, entry.after)) {
    throw new NotesError(
      'stale-undo',
      `cannot undo "${entry.label}": the ${entry.kind} was changed in another window or process, ` +
        `or by an import, at ${current.modified}; undoing would overwrite that change. Nothing was undone.`,
    );
  }
  if (entry.before) {
    const fields: Record<string, unknown> = current;
    const kept = Object.fromEntries(
      MAINTAINED[entry.kind].filter((k) => k in fields).map((k) => [k, fields[k]]),
    );
    list[at] = { ...structuredClone(entry.before), ...structuredClone(kept), modified: ctx.now } as Entity;
  } else {
    list[at] = { ...current, deleted: ctx.now, modified: ctx.now };
  }
  return list[at];
}
