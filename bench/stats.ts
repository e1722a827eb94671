/** Small helpers the bench's tables share. */

/** The p-th percentile (nearest rank) of some numbers. */
export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export const median = (xs: number[]): number | undefined => (xs.length ? pct(xs, 50) : undefined);

/** A number with `d` decimals, or '-' when there is none. */
export const f = (n: number | undefined, d = 1): string => (n === undefined ? '-' : n.toFixed(d));

/** How many times `a` is smaller (faster) than `b`: "12.5x", or '-' when either is missing. */
export const ratio = (a?: number, b?: number): string => (a && b ? `${(b / a).toFixed(1)}x` : '-');

/** `padEnd` for a terminal: CJK and full-width characters take two columns. */
export const padWide = (s: string, width: number): string => {
  const wide = s.match(
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu,
  );
  return s.padEnd(width - (wide?.length ?? 0));
};
