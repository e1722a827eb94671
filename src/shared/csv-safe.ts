/**
 * The one rule for CSV cells that a spreadsheet could run as a formula ("CSV injection"), shared
 * by the notes export (core) and the metric explorer's export (renderer). Plain data, no imports,
 * so that both sides can use it.
 *
 * A text cell is neutralised, with a leading apostrophe, when
 * - it starts with a tab or a carriage return (OWASP's list: some programs drop them and read on), or
 * - its first visible character is = + - @ or a compatibility form of one of them (full-width
 *   ＝＋－＠ as a Chinese input method types them, small ﹦﹢﹣﹫, super- and subscript ⁼⁺₌₊, Hebrew ﬩),
 *   whatever whitespace, line breaks, control or invisible format characters come before it.
 *
 * papaparse's own pattern (/^[=+\-@\t\r].*$/) misses "=1+1\nx" (its `.` stops at the line break and
 * `$` wants the end of the text) as well as " =1+1": pass SPREADSHEET_FORMULA as its
 * `escapeFormulae` instead. papaparse then prefixes the apostrophe and quotes the cell; it tests
 * strings only, so numbers (a metric value of -3.5) stay numbers a spreadsheet can compute with.
 * Text that merely looks like a negative number ("-3.5%") is text and gets the apostrophe: a
 * spreadsheet cannot tell it from "-3.5+A1" by its first character.
 *
 * The apostrophe is the only change: reading the file back and removing it gives the text exactly.
 */

/** Characters whose NFKC form is = + - @ (the test checks this list against every BMP character). */
const FORMULA_STARTERS =
  '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63\\uFE6B\\u207C\\u207A\\u208C\\u208A\\uFB29';

/**
 * Matches a cell a spreadsheet could read as a formula. No `g` or `y` flag: `test` keeps no state,
 * so the one instance can be shared.
 */
export const SPREADSHEET_FORMULA = new RegExp(`^(?:[\\t\\r]|[\\s\\p{Cc}\\p{Cf}]*[${FORMULA_STARTERS}])`, 'u');
