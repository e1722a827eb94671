/**
 * All patterns over the folded view of an article. Their candidates may overlap; extract.ts keeps
 * the best non-overlapping ones.
 */
import type { Candidate } from './candidate';
import { figures } from './figures';
import { dates, growths, ranks } from './phrases';

export type { Candidate } from './candidate';

/** Every candidate figure in the view, in no particular order. */
export function findCandidates(text: string): Candidate[] {
  return [...figures(text), ...growths(text), ...ranks(text), ...dates(text)];
}
