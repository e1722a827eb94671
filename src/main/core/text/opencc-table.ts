/**
 * The traditional-to-simplified fold computed from OpenCC (opencc-js): its Taiwan and Hong Kong
 * to mainland converters, applied character by character. Run at development time by
 * scripts/fold-table.ts, which writes fold-table.ts, and by a test that checks that file still
 * matches; the app itself loads the written table, not OpenCC's dictionaries (about 50 ms).
 */
import * as OpenCC from 'opencc-js';

export function isIdeograph(c: number): boolean {
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** [from, to] units: every ideograph whose simplified form is another single ideograph. */
export function foldPairsFromOpenCC(): [number, number][] {
  const chars: string[] = [];
  for (let c = 0x3400; c <= 0xfaff; c++) if (isIdeograph(c)) chars.push(String.fromCharCode(c));
  // One call per converter over all characters, separated by newlines so no phrase rule applies.
  const joined = chars.join('\n');
  const viaTw = OpenCC.Converter({ from: 'tw', to: 'cn' })(joined).split('\n');
  const viaHk = OpenCC.Converter({ from: 'hk', to: 'cn' })(viaTw.join('\n')).split('\n');
  if (viaHk.length !== chars.length) throw new Error('opencc changed the number of characters');
  const pairs: [number, number][] = [];
  for (let k = 0; k < chars.length; k++) {
    const to = viaHk[k];
    if (to.length === 1 && to !== chars[k] && isIdeograph(to.charCodeAt(0))) {
      pairs.push([chars[k].charCodeAt(0), to.charCodeAt(0)]);
    }
  }
  return pairs;
}
