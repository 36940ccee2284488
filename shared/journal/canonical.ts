/** RFC 8785 (JCS) canonical JSON, the byte form every journal hash is computed over. */
import canonicalize from 'canonicalize';
import { hasLoneSurrogate } from '../unicode';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised (undefined or a function)');
  return text;
}

function canonicalString(text: string): string {
  if (hasLoneSurrogate(text)) throw new TypeError('Lone surrogate is not allowed');
  return JSON.stringify(text);
}

/**
 * canonicalJson of plain JSON (what JSON.parse makes: null, booleans, finite numbers,
 * strings, arrays and objects of them), the same text written in one pass. The journal
 * writes every entry this way (journal-types.ts buildEntryAndLine): canonicalize, which
 * also takes values JSON.parse never makes (undefined, toJSON, cycles), scans each string
 * in JavaScript and builds arrays of parts, which cost an eighth of a burst's journalling
 * (issue 25). Anything that is not plain JSON is refused rather than written some way.
 */
export function canonicalJsonOfPlain(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not allowed`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJsonOfPlain(value[i]);
        return `${out}]`;
      }
      const object = value as Record<string, unknown>;
      // The same order as canonicalize: by UTF-16 code units, as Array#sort compares strings.
      const keys = Object.keys(object).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        out += `${first ? '' : ','}${canonicalString(key)}:${canonicalJsonOfPlain(object[key])}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`not plain JSON (${typeof value})`);
  }
}
