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

/** Every object's own keys strictly ascending by UTF-16 code units, as JCS sorts them. */
function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysSorted(item)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  let previous: string | null = null;
  for (const key in record) {
    // `<` on strings compares UTF-16 code units: the order Array.prototype.sort gives canonicalize.
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    if (!keysSorted(record[key])) return false;
  }
  return true;
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
 * - JSON.stringify(parsed) === line rules out whitespace, other number forms (1.0, 1e2,
 *   -0), other string escapes and duplicate keys; JSON.stringify writes numbers and
 *   strings as canonicalize does (it calls JSON.stringify for them);
 * - keys in ascending order at every level makes JSON.stringify's member order the
 *   canonical order (JS puts integer-like keys first, which this catches too);
 * - a "\u" escape anywhere sends the line the slow way, because canonicalize rejects a
 *   lone surrogate (which JSON.stringify writes as \udXXX) and the slow way must say so;
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
  if (!topLevelIsEntry(parsed) || line.includes('\\u')) return null;
  if (JSON.stringify(parsed) !== line || !keysSorted(parsed.actor) || !keysSorted(parsed.data)) return null;
  const hashMember = `"hash":${JSON.stringify(parsed.hash)},`;
  const tail = `"prev":${JSON.stringify(parsed.prev)},"seq":${JSON.stringify(parsed.seq)},"type":${JSON.stringify(parsed.type)}}`;
  return { head: line.slice(0, line.length - tail.length - hashMember.length), tail };
}
