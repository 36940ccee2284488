/* eslint-disable @typescript-eslint/no-explicit-any -- mutations reach into an untyped copy of the payload on purpose */
/**
 * 1,000+ generated malformed alerts against the real station (real journal, real
 * files): every one is answered `rejected` with a reason, journalled, and none
 * reaches the queue or throws.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEphemeralSigner } from '../../electron/core/identity';
import type { Station } from '../../electron/core/station';
import { ImagePool } from '../../electron/simulator/image-pool';
import { createScenario, makeAlert, type ScenarioContext } from '../../electron/simulator/scenario';
import type { Alert } from '../../shared/feed/schemas';
import { journalFile, readJournal, tempDir } from './util';
import { loadTestStation } from '../helpers/loaded-station';

let station: Station;
let scenario: ScenarioContext;
let template: Alert;
const root = tempDir('rs-fuzz-');

beforeAll(async () => {
  scenario = createScenario({ seed: 11, images: new ImagePool({ scenes: false }) });
  // The shipped settings (the minimum look time included), as the other tests' are not.
  station = await loadTestStation(null, { root, signer: createEphemeralSigner(), settings: undefined });
  await station.handleDeployment(scenario.deployment);
  template = makeAlert(scenario);
  // The template itself is good: the station takes it.
  expect(await station.handleAlert(template)).toEqual({ status: 'stored' });
});
afterAll(() => station.close());

const isIso = (s: string) => z.iso.datetime({ offset: true }).safeParse(s).success;
const notUuid = fc.string({ maxLength: 60 }).filter((s) => !z.uuid().safeParse(s).success);
const garbage = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const overLong = (min: number) => fc.integer({ min, max: min + 200 }).map((n) => 'x'.repeat(n));

type Mutation = (a: Record<string, any>) => unknown;
const set =
  (path: string[], value: unknown): Mutation =>
  (a) => {
    let o = a;
    for (const k of path.slice(0, -1)) o = o[k];
    o[path.at(-1)!] = value;
    return a;
  };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .anything()
    .filter((v) => v !== 1)
    .map((v) => set(['v'], v)),
  notUuid.map((v) => set(['alertId'], v)),
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
      fc.string(),
    )
    .map((v) => set(['seq'], v)),
  fc
    .oneof(
      fc.double({ min: 1.000001, max: 1e6, noNaN: true }),
      fc.double({ min: -1e6, max: -0.000001, noNaN: true }),
      fc.constant(Number.NaN),
      fc.string(),
    )
    .map((v) => set(['score'], v)),
  fc
    .oneof(
      fc.double({ min: 1.000001, max: 10, noNaN: true }),
      garbage.filter((g) => typeof g !== 'number'),
    )
    .map((v) => set(['threshold'], v)),
  fc
    .constantFrom(
      'v',
      'alertId',
      'seq',
      'deploymentId',
      'capturedAt',
      'camera',
      'score',
      'threshold',
      'probe',
      'subject',
    )
    .map((k): Mutation => (a) => {
      delete a[k];
      return a;
    }),
  fc
    .oneof(fc.constantFrom('../../etc', '..', '.', 'a/b', ''), overLong(65))
    .map((v) => set(['deploymentId'], v)),
  fc
    .string({ maxLength: 40 })
    .filter((s) => !isIso(s))
    .map((v) => set(['capturedAt'], v)),
  garbage.map((v) => set(['camera'], v)),
  overLong(501).map((v) => set(['camera', 'label'], v)),
  fc.uint8Array({ minLength: 0, maxLength: 64 }).map((v) => set(['probe', 'data'], Buffer.from(v))),
  fc.constantFrom('image/png', 'image/webp', 'image/gif', 'text/html').map((v) => set(['probe', 'mime'], v)),
  fc.integer({ min: 1, max: 8192 }).map((w) => (a: Record<string, any>) => {
    a.probe.width = w === a.probe.width ? w + 1 : w;
    return a;
  }),
  fc.constant<Mutation>((a) => {
    a.probe.data = Buffer.from(a.probe.data).toString('base64');
    return a;
  }),
  fc
    .array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 21, maxLength: 40 })
    .map((v) => set(['subject', 'warnings'], v)),
  overLong(2001).map((v) => set(['subject', 'reason'], v)),
  overLong(501).map((v) => set(['subject', 'category'], v)),
  fc
    .string({ maxLength: 10 })
    .filter((s) => !['red', 'amber', 'green'].includes(s))
    .map((v) => set(['subject', 'tier'], v)),
  garbage.map((v) => set(['subject', 'image'], v)),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((v) => set(['subject', 'image', 'data'], Buffer.from(v))),
  fc
    .anything()
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
    .map(
      (v): Mutation =>
        () =>
          v,
    ),
);

describe('malformed alerts (property)', () => {
  it('rejects every one with a readable reason; nothing reaches the queue; all are journalled', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (mutate) => {
        runs++;
        const payload = mutate({
          ...structuredClone(template),
          alertId: randomUUID(),
          seq: template.seq + runs,
          probe: { ...template.probe },
          subject: structuredClone(template.subject),
        });
        const ack = await station.handleAlert(payload);
        expect(ack.status).toBe('rejected');
        if (ack.status === 'rejected') expect(ack.reason.length).toBeGreaterThan(5);
      }),
      { numRuns: 1000, seed: 20261126 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
    expect(station.undecidedCount()).toBe(1);
    expect(station.snapshot().alerts.map((a) => a.alertId)).toEqual([template.alertId]);
    const rejected = readJournal(journalFile(root, scenario.deployment.deploymentId)).filter(
      (e) => e.type === 'alert-rejected',
    );
    expect(rejected).toHaveLength(runs);
    expect(rejected.every((e) => typeof e.data.reason === 'string' && e.data.reason.length > 0)).toBe(true);
  });
});
