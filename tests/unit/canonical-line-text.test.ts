/**
 * The verifier's fast path reads off a line's text whether it is already canonical JSON
 * (canonical-line.ts), instead of writing the canonical form again. It must agree with
 * canonicalize exactly: set against it here on many thousands of lines written with
 * random values and, at random, every freedom JSON allows that canonical JSON does not
 * (member order, a member twice, whitespace, number forms, \u and \/ escapes), and the
 * awkward values (integer-like keys, "__proto__", U+2028, astral and lone surrogates, -0,
 * 1e21, 5e-324). A line is taken for canonical only when canonicalize writes it back
 * unchanged, and then its body is what canonicalize writes for the entry without `hash`;
 * every canonical line is, but one with a \u escape (how canonical JSON writes most
 * control characters), which goes the slow way.
 */
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalBodyOfLine } from '../../electron/core/journal/canonical-line';
import { canonicalJsonOfPlain } from '../../shared/journal/canonical';

/** A small seeded generator (mulberry32): the same lines every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    int: (n: number) => Math.floor(next() * n),
  };
}
type Random = ReturnType<typeof random>;

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  7,
  0.5,
  -2.25,
  0.1 + 0.2,
  1e21,
  1e-7,
  5e-324,
  123456789012345,
  2 ** 53 + 2,
  -1.5e300,
  100,
];
const STRINGS = [
  '',
  'a',
  'alert-7',
  'Zoë',
  '🙂',
  'line\u2028sep',
  'say "no"',
  'back\\slash',
  'new\nline',
  'tab\t',
  'bell\u0007',
  'a/b',
  '\u007f',
  'x\ud800y',
  '\udc00',
];
const KEYS = ['a', 'b', 'B', 'aa', 'ab', '', '1', '10', '9', 'é', '__proto__', 'z', 'say "k"', 'k\n', 'k!'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function value(r: Random, depth: number): Json {
  const kind = r.int(depth > 2 ? 4 : 6);
  if (kind === 0) return r.pick([null, true, false]);
  if (kind === 1 || kind === 2) return r.pick(NUMBERS);
  if (kind === 3) return r.pick(STRINGS);
  if (kind === 4) return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
  const out: Record<string, Json> = {};
  for (let i = r.int(5); i > 0; i--) out[r.pick(KEYS)] = value(r, depth + 1);
  return out;
}

/** Writes `v` as JSON, taking each of JSON's freedoms with probability `p` (0: canonical). */
function write(r: Random, v: Json, p: number): string {
  const space = () => (r.chance(p / 4) ? r.pick([' ', '\n', '\t']) : '');
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    const canonical = JSON.stringify(v);
    if (!r.chance(p)) return canonical;
    return r.pick([
      Number.isInteger(v) ? `${canonical}.0` : canonical,
      v.toExponential(),
      v.toExponential().replace('e', 'E'),
      Object.is(v, 0) ? '-0' : canonical,
      canonical.replace('e+', 'e'),
    ]);
  }
  if (typeof v === 'string') {
    let out = '';
    for (const ch of v) {
      const code = ch.codePointAt(0)!;
      if (r.chance(p / 3)) {
        // Any character as \u escapes (UTF-16 units), in either case of hex.
        const units = ch.length === 2 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [code];
        const hex = units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('');
        out += r.chance(0.5) ? hex : hex.toUpperCase().replace(/\\U/g, '\\u');
      } else if (ch === '/' && r.chance(p)) out += '\\/';
      else out += JSON.stringify(ch).slice(1, -1);
    }
    return `"${out}"`;
  }
  if (Array.isArray(v))
    return `[${space()}${v.map((x) => write(r, x, p)).join(`${space()},${space()}`)}${space()}]`;
  const keys = Object.keys(v).sort();
  if (r.chance(p) && keys.length > 1) keys.reverse();
  const members = keys.map((k) => `${space()}${write(r, k, p)}${space()}:${space()}${write(r, v[k]!, p)}`);
  if (r.chance(p / 2) && keys.length > 0) {
    const twice = r.pick(keys);
    members.unshift(`${write(r, twice, 0)}:${write(r, value(r, 3), 0)}`);
  }
  return `{${members.join(',')}${space()}}`;
}

/** Whether any key, at any depth, is written with an escape (a quote, a backslash or a control character). */
function keyWithEscape(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some(keyWithEscape);
  return Object.entries(v).some(([k, x]) => JSON.stringify(k).slice(1, -1) !== k || keyWithEscape(x));
}

/** canonicalize's verdict on a line: is it the canonical form of what it parses to? */
function canonicalAsWritten(line: string, parsed: unknown): boolean {
  try {
    return canonicalize(parsed) === line;
  } catch {
    return false; // a lone surrogate: canonical JSON cannot carry it
  }
}

describe('reading off the text whether a line is canonical', () => {
  it('agrees with canonicalize on every line, canonical or not', () => {
    const r = random(20261207);
    let canonical = 0;
    let other = 0;
    for (let n = 0; n < 20_000; n++) {
      const entry = {
        actor: r.chance(0.5) ? null : { id: 'PC 1', name: r.pick(STRINGS) },
        at: '2026-12-07T01:00:00.000Z',
        data: value(r, 0),
        hash: 'ab'.repeat(32),
        prev: 'cd'.repeat(32),
        seq: r.pick([1, 2, 1000, 1e21, 0.5]),
        type: r.pick(['tally', 'decision', 'type "quoted"']),
      };
      const line = write(r, entry, r.pick([0, 0, 0.05, 0.2, 0.5]));
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      const body = canonicalBodyOfLine(line, parsed);
      if (canonicalAsWritten(line, parsed)) {
        canonical += 1;
        const { hash: _hash, ...rest } = parsed;
        // A \u escape (a control character), or a key written with an escape, goes the slow
        // way, which is as right, only slower; every other canonical line the fast way.
        if (line.includes('\\u') || keyWithEscape(parsed))
          expect([null, canonicalize(rest)], line).toContain(body);
        else expect(body, line).toBe(canonicalize(rest));
      } else {
        other += 1;
        expect(body, line).toBeNull();
      }
    }
    // Both kinds, many times over: neither side of the rule is left untried.
    expect(canonical).toBeGreaterThan(5_000);
    expect(other).toBeGreaterThan(5_000);
  });

  it('leaves to the slow way a raw lone surrogate, a member given twice alike, -0, and keys in the order of their escapes', () => {
    const base = canonicalize({
      actor: null,
      at: '2026-12-07T01:00:00.000Z',
      data: { a: 1, name: 'Zoë', zero: 0 },
      hash: 'ab'.repeat(32),
      prev: 'cd'.repeat(32),
      seq: 2,
      type: 'tally',
    })!;
    expect(canonicalBodyOfLine(base, JSON.parse(base) as Record<string, unknown>)).not.toBeNull();
    for (const line of [
      base.replace('Zoë', 'Zo\ud800'), // the character itself, not its escape
      base.replace('"a":1,', '"a":1,"a":1,'),
      base.replace('"zero":0', '"zero":-0'),
      // Written, "k!" sorts before "k\n" (! before \); read, a newline sorts before "!".
      base.replace('"a":1,', '"a":{"k!":1,"k\\n":2},'),
    ]) {
      expect(line).not.toBe(base);
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(canonicalAsWritten(line, parsed)).toBe(false);
      expect(canonicalBodyOfLine(line, parsed), line).toBeNull();
    }
  });
});

/** What `write` gives, or the error's message: two writers agree when both are the same. */
function outcome(write: (v: unknown) => string | undefined, v: unknown): string {
  try {
    return `ok ${write(v)}`;
  } catch {
    return 'refused';
  }
}

describe('writing plain JSON canonically in one pass (the journal’s writer)', () => {
  it('writes what canonicalize writes, and refuses what it refuses, for values JSON.parse makes', () => {
    const r = random(11);
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const made = value(r, 0);
      // As made (a "__proto__" key set the prototype) and as JSON.parse reads it (an own member).
      for (const v of [made, JSON.parse(JSON.stringify(made)) as unknown]) {
        const expected = outcome(canonicalize, v);
        if (expected === 'refused') refused++;
        expect(outcome(canonicalJsonOfPlain, v)).toBe(expected);
      }
    }
    // The lone surrogates among the strings and keys were met, and refused by both.
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses what is not plain JSON rather than writing it some way', () => {
    for (const v of [
      Number.NaN,
      Infinity,
      -Infinity,
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      { a: undefined },
      [undefined],
    ])
      expect(() => canonicalJsonOfPlain(v)).toThrow();
    expect(() => canonicalJsonOfPlain({ ['k\ud800']: 1 })).toThrow(/surrogate/);
  });
});
