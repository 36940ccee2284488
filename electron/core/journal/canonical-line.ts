/**
 * The journal line in its canonical form, and the cheap test that a stored line is in
 * it. journal-v1 lets a line's members come in any order and hashes the RFC 8785 (JCS)
 * canonical JSON of the entry without `hash`. The station writes each line as the
 * canonical JSON of the whole entry, so a verifier that finds a line already canonical
 * can hash the line's own text with the `hash` member cut out, instead of building the
 * canonical form again (the costliest step of verifying). A line that fails the test is
 * not wrong: it is hashed the slow way (canonicalJson), exactly as before.
 */
import { canonicalJson } from '../../../shared/journal/canonical';
import type { JournalEntry } from '../../../shared/journal/entries';

/** The members of an entry in canonical (UTF-16 code unit) order; `hash` sorts between data and prev. */
const ENTRY_MEMBERS = ['actor', 'at', 'data', 'hash', 'prev', 'seq', 'type'] as const;

/** The line the station writes for an entry: its canonical JSON, without the "\n". */
export function entryLine(entry: JournalEntry): string {
  return canonicalJson(entry);
}

/** The escapes canonical JSON writes (JSON.stringify's short forms): \" \\ \b \f \n \r \t. */
const SHORT_ESCAPES = new Set([0x22, 0x5c, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** A lone surrogate (with /u, a paired one is one code point and does not match). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Where the string literal opening at `open` (its quote) ends (its closing quote), or -1
 * when it holds an escape canonical JSON does not write (\/ or any \u: canonicalize
 * refuses a lone surrogate, which only the slow way can say).
 */
function stringEnd(line: string, open: number, nextBackslash: number): number {
  const close = line.indexOf('"', open + 1);
  if (nextBackslash === -1 || nextBackslash > close) return close;
  for (let i = open + 1; ; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x5c) {
      if (!SHORT_ESCAPES.has(line.charCodeAt(i + 1))) return -1;
      i += 1;
    }
  }
}

/** The raw key [a, aEnd) sorts strictly before [b, bEnd), by UTF-16 code units (keys without escapes). */
function keyBefore(line: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  for (; a < aEnd && b < bEnd; a++, b++) {
    const d = line.charCodeAt(a) - line.charCodeAt(b);
    if (d !== 0) return d < 0;
  }
  return aEnd - a < bEnd - b;
}

/** The number token at [start, end) as Number#toString writes it (what JSON.stringify and canonicalize write). */
function canonicalNumber(line: string, start: number, end: number): boolean {
  const negative = line.charCodeAt(start) === 0x2d;
  const digits = end - start - (negative ? 1 : 0);
  let plain = digits <= 15;
  for (let i = end - digits; plain && i < end; i++) {
    const c = line.charCodeAt(i);
    plain = c >= 0x30 && c <= 0x39;
  }
  // A plain integer of at most 15 digits is exact and written back as it is, but for "-0"
  // (written 0) and a leading zero (not JSON at all).
  if (plain && (line.charCodeAt(end - digits) !== 0x30 || (digits === 1 && !negative))) return true;
  const token = line.slice(start, end);
  return String(Number(token)) === token;
}

/**
 * Where the top-level keys of `line` open (their quotes), when `line`, which JSON.parse
 * accepted, is exactly the canonical JSON (RFC 8785, as canonicalize writes it) of what it
 * parses to; null when it is not. Read off the text in one pass instead of writing the
 * canonical form again. It is, exactly when:
 * - nothing stands between tokens (no whitespace);
 * - every string literal is as JSON.stringify writes its value: raw characters but for the
 *   short escapes (a control character JSON.parse would not take raw; \u and \/ are
 *   refused, a \u being how a lone surrogate or another control character is written, and
 *   a raw lone surrogate too, which canonicalize refuses);
 * - every number is as Number#toString writes it (no 2.0, 1E2, -0, 1e+2 for 100);
 * - in every object the keys run strictly ascending by UTF-16 code units, as canonicalize
 *   sorts them: that also rules out a key given twice (JSON.parse keeps one of them). A key
 *   with an escape is sent the slow way.
 * true, false and null have one spelling each, and JSON.parse has checked the grammar.
 */
function canonicalTopLevelKeys(line: string): number[] | null {
  if (LONE_SURROGATE.test(line)) return null;
  let nextBackslash = line.indexOf('\\');
  const topLevelKeys: number[] = [];
  // Per open object or array: the start and end of its last key (-1: none yet; -2: an array).
  const lastKey: number[] = [];
  const lastKeyEnd: number[] = [];
  let depth = -1;
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(line, i, nextBackslash);
      if (end === -1) return null;
      const start = i + 1;
      // Backslashes stand only in strings: the next one is in this string or after it.
      const escaped = nextBackslash !== -1 && nextBackslash < end;
      if (escaped) nextBackslash = line.indexOf('\\', end);
      i = end + 1;
      if (line.charCodeAt(i) !== 0x3a) continue;
      // A key (a string and then a colon).
      const previous = depth >= 0 ? (lastKey[depth] ?? -2) : -2;
      if (previous === -2 || escaped) return null;
      if (previous >= 0 && !keyBefore(line, previous, lastKeyEnd[depth] ?? 0, start, end)) return null;
      lastKey[depth] = start;
      lastKeyEnd[depth] = end;
      if (depth === 0) topLevelKeys.push(start - 1);
      i += 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      lastKey[depth] = c === 0x7b ? -1 : -2;
      i += 1;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      i += 1;
    } else if (c === 0x2c) {
      i += 1;
    } else if (c === 0x74 || c === 0x6e) {
      i += 4; // true, null
    } else if (c === 0x66) {
      i += 5; // false
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      for (i += 1; i < line.length; i++) {
        const d = line.charCodeAt(i);
        if (!((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d))
          break;
      }
      if (!canonicalNumber(line, start, i)) return null;
    } else {
      return null; // whitespace between tokens
    }
  }
  return topLevelKeys;
}

function topLevelIsEntry(parsed: Record<string, unknown>): boolean {
  let i = 0;
  for (const key in parsed) {
    if (key !== ENTRY_MEMBERS[i]) return false;
    i += 1;
  }
  return i === ENTRY_MEMBERS.length;
}

/**
 * The canonical JSON of the entry without `hash` (what its hash is over), taken from the
 * line itself when the line is the canonical JSON of the parsed entry; null otherwise
 * (the caller falls back to canonicalJson). Exactly equivalent to
 * `canonicalJson(entry without hash)` whenever it is not null:
 * - the line is the canonical JSON of what it parses to (canonicalTopLevelKeys, read off the
 *   text: until 7 Dec 2026 this wrote JSON.stringify(parsed) and compared, which cost
 *   three times as much and was most of verifying a line after SHA-256 and JSON.parse);
 * - exactly the seven entry members, in order, so `hash` is the one just before
 *   `prev` and cutting it out leaves the canonical body.
 * `parsed` must be JSON.parse(line), with `hash` a string (the chain checks its shape first).
 */
export function canonicalBodyOfLine(line: string, parsed: Record<string, unknown>): string | null {
  const parts = canonicalBodyParts(line, parsed);
  return parts && parts.head + parts.tail;
}

/**
 * The same canonical body as two pieces (the line up to its `hash` member, and what
 * follows that member), so the hash can be taken over the line's own text without
 * building the body as a new string: SHA-256(head + tail) is the entry's hash.
 */
export function canonicalBodyParts(
  line: string,
  parsed: Record<string, unknown>,
): { head: string; tail: string } | null {
  if (!topLevelIsEntry(parsed)) return null;
  // The seven members' keys, where they open: cut out the fourth (hash) up to the fifth (prev).
  const keys = canonicalTopLevelKeys(line);
  const hashAt = keys?.[3];
  const prevAt = keys?.[4];
  if (hashAt === undefined || prevAt === undefined) return null;
  return { head: line.slice(0, hashAt), tail: line.slice(prevAt) };
}
