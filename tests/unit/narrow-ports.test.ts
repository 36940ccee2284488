/**
 * Issue 20 item 4: each job of the station receives the few things it uses (a narrow
 * port from electron/core/station/context.ts: Writer, SlotLookup, SignedIn, ...), never
 * the whole StationContext or the Station class. The compiler then says what a job may
 * touch. This reads every job file's source and fails on a parameter or member typed as
 * the whole context; a narrowing of it (`Pick<StationContext, ...>`, `StationContext['options']`)
 * is fine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const STATION = 'electron/core/station';

/** Files that may hold the whole context, each with why. */
const WHOLE_CONTEXT_ALLOWED: Record<string, string> = {
  [`${STATION}/station.ts`]:
    'the Station class is the context: it implements StationContext and hands itself to the jobs',
  [`${STATION}/context.ts`]: 'declares StationContext and the narrow ports picked from it',
};

/** The jobs: every file under station/ but the exceptions, and the request table that calls them. */
function jobFiles(): string[] {
  const station = readdirSync(join(root, STATION))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${STATION}/${name}`);
  return [...station, 'electron/core/auth/request-table.ts'].filter(
    (file) => !(file in WHOLE_CONTEXT_ALLOWED),
  );
}

/**
 * `name: StationContext` or `name: Station` (a parameter, a constructor's `private readonly`
 * member, an interface member), not followed by `[` (an indexed narrowing) or more of a name.
 */
const WHOLE_CONTEXT = /\b\w+\??\s*:\s*(StationContext|Station)\b(?![\w[.])/g;

function wholeContextUses(source: string): string[] {
  return [...source.matchAll(WHOLE_CONTEXT)].map((m) => m[0].replace(/\s+/g, ' '));
}

describe('narrow ports (issue 20 item 4)', () => {
  it('the check finds a whole context and lets a narrowing pass', () => {
    expect(wholeContextUses('function f(ctx: StationContext, p: Req) {}')).toEqual(['ctx: StationContext']);
    expect(wholeContextUses('constructor(\n  private readonly ctx:\n    StationContext,\n)')).toEqual([
      'ctx: StationContext',
    ]);
    expect(wholeContextUses('interface P { station: Station; }')).toEqual(['station: Station']);
    expect(wholeContextUses("function f(ctx: Pick<StationContext, 'log'>) {}")).toEqual([]);
    expect(wholeContextUses("function f(o: StationContext['options']) {}")).toEqual([]);
    expect(wholeContextUses('function f(o: StationOptions, e: StationEvents) {}')).toEqual([]);
  });

  it('the exceptions exist, and there are jobs to check', () => {
    for (const file of Object.keys(WHOLE_CONTEXT_ALLOWED)) expect(existsSync(join(root, file))).toBe(true);
    expect(jobFiles().length).toBeGreaterThan(15);
  });

  it('no job takes the whole StationContext or the Station', () => {
    const offenders = jobFiles().flatMap((file) =>
      wholeContextUses(readFileSync(join(root, file), 'utf8')).map((use) => `${file}: ${use}`),
    );
    expect(offenders).toEqual([]);
  });
});
