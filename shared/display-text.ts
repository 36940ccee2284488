/**
 * Text from the feed (names, warnings, reasons) is shown to an officer who acts on it.
 * Characters that change how text reads without being seen, bidirectional overrides
 * and isolates (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C) and other controls,
 * would let "\u202Egnorw" read as "wrong" or hide part of a warning. On screen each is
 * marked visibly as "[U+202E]": the officer sees that something was there and what, and
 * the journal keeps the text exactly as it was sent. Names are also isolated with <bdi>
 * in the renderer, so right-to-left text cannot reorder what is around it.
 *
 * Kept: tab and line breaks (rationales have paragraphs), and the zero-width joiner and
 * non-joiner, which spell words in Persian, Indic scripts and emoji.
 */
// Control characters are what this pattern is for.
const HIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;

/** The text with each hidden or direction-changing character shown as [U+XXXX]. */
export function displayText(text: string): string {
  HIDDEN.lastIndex = 0;
  if (!HIDDEN.test(text)) return text;
  HIDDEN.lastIndex = 0;
  return text.replace(HIDDEN, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of a payload for the screen with every string passed through displayText
 * (objects and arrays that need no change are returned as they are).
 */
export function forDisplay<T>(value: T): T {
  if (typeof value === 'string') return displayText(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const shown = forDisplay(item);
      if (shown !== item) (copy ??= [...value])[i] = shown;
    });
    return (copy ?? value) as T;
  }
  if (value && typeof value === 'object' && isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const shown = forDisplay(item);
      if (shown !== item) (copy ??= { ...value })[key] = shown;
    }
    return (copy ?? value) as T;
  }
  return value;
}
