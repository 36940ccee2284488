/** RFC 8785 (JCS) canonical JSON, the byte form every journal hash is computed over. */
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised (undefined or a function)');
  return text;
}
