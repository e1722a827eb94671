/**
 * File names come from other people's folders: a right-to-left override in "报道\u202Efdp.txt"
 * makes it look like "报道txt.pdf". Direction controls are shown as visible escapes instead (and
 * the name is set in a <bdi>, so that it cannot reorder the text around it either).
 */
const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function showControls(name: string): string {
  return name.replace(
    DIRECTION_CONTROLS,
    (c) => `⟦U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟧`,
  );
}
