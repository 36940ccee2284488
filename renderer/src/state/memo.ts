/**
 * Selectors that build arrays must return the same array while their inputs are the
 * same objects, or every store change would look like a change to React. One entry
 * of memory is enough: each selector has one caller per screen.
 */
export function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i])))
      return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}

/** Structural equality for small plain values (problem lists, drafts): cheap enough at this size. */
export function samePlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => samePlain((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
