/**
 * Timestamps that come from outside (an import file): which ones are real. The merge decides by
 * `modified`, so a time that is not a time, lies in the future or before 1970 must never decide
 * anything: `9999-12-31` would otherwise win every comparison, for ever.
 */
import type { TimeProblem } from '../../../shared/notes-types';

export type { TimeProblem };

/** How far in the future a time may be: clocks of two machines, or a wrong time zone, differ by hours. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * ISO 8601 / RFC 3339 as exporters write it: a date, optionally a time (seconds and any fraction
 * optional) and a zone (Z or ±hh:mm). Without a zone the time is local, as in JavaScript.
 */
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/u;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The time in ms since 1970, or why it cannot be used. `now` is the import's own clock. */
export function checkTime(value: string, now: number): { ms: number } | { problem: TimeProblem } {
  const m = ISO_TIME.exec(value.trim());
  if (!m) return { problem: 'not-a-time' };
  const [, y, mo, d, h, mi, s, fraction, zone, zh, zm] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const fieldsOk =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    (h === undefined || Number(h) <= 23) &&
    (mi === undefined || Number(mi) <= 59) &&
    (s === undefined || Number(s) <= 59) &&
    (zh === undefined || Number(zh) <= 23) &&
    (zm === undefined || Number(zm) <= 59);
  if (!fieldsOk) return { problem: 'not-a-time' };
  // Date.parse takes at most milliseconds and wants the zone with a colon.
  const normalised =
    h === undefined
      ? `${y}-${mo}-${d}T00:00:00Z`
      : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}.${(fraction ?? '').padEnd(3, '0').slice(0, 3)}${
          zone === undefined ? '' : zone === 'Z' ? 'Z' : `${zone[0]}${zh}:${zm}`
        }`;
  const ms = Date.parse(normalised);
  if (!Number.isFinite(ms)) return { problem: 'not-a-time' };
  if (ms < 0) return { problem: 'before-1970' };
  if (ms > now + FUTURE_TOLERANCE_MS) return { problem: 'in-the-future' };
  return { ms };
}
