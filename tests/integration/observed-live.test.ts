/**
 * Issue 27: an outcome's `observed` (equality monitoring) is journalled in the outcome
 * entry and sent to the feed with it, a revision that leaves it out keeps the earlier
 * choice, and none of it ever reaches the page: not in a snapshot, a change or an answer
 * over the real browser-mode bridge.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { startWebServer } from '../../electron/transport/web-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { bridgeClient, closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'observed-token';
const OFFICER = { id: 'PC 27', name: 'Ria Patel', role: 'officer' as const };
const cleanup = closeAfterEach();

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER]);
  writeStationSettings(dataDir, { dwellMs: 0 });
  const core = await startTestCore({ dataDir, feedUrl: server.url, token: TOKEN, log: () => undefined });
  cleanup.push(() => core.close());
  const web = await startWebServer({ core, rendererDir: mkdtempSync(join(tmpdir(), 'renderer-')) });
  cleanup.push(() => web.close());
  const page = await bridgeClient(web.origin, web.token);
  cleanup.push(page.close);
  await waitFor(async () => (await page.call('getSnapshot')).deployment, 'deployment');
  expect(
    await page.call('signIn', { method: 'local', id: OFFICER.id, password: passwordFor(OFFICER.id) }),
  ).toMatchObject({ ok: true });
  const engaged = async () => {
    const { payload } = await server.emitAlert();
    const alertId = payload.alertId;
    await waitFor(async () => {
      const { alerts } = (await page.call('getSnapshot')) as { alerts?: Array<{ alertId: string }> };
      return alerts?.some((a) => a.alertId === alertId);
    }, 'alert on screen');
    expect(await page.call('alertShown', { alertId })).toMatchObject({ ok: true });
    const decided = await page.call('recordDecision', {
      alertId,
      decision: 'engage',
      reasons: [REASON_CODES[0]!.code],
      rationale: 'Same scar above the left eyebrow and the same jawline.',
    });
    expect(decided).toMatchObject({ ok: true });
    return alertId;
  };
  const outcomes = () =>
    readJournal(journalFile(dataDir, server.deployment.deploymentId)).filter((e) => e.type === 'outcome');
  return { server, page, engaged, outcomes };
}

describe('observed (equality monitoring)', () => {
  it('is journalled and sent with the outcome, kept across a revision, and never reaches the page', async () => {
    const { server, page, engaged, outcomes } = await setUp();
    const withObserved = await engaged();
    const withoutObserved = await engaged();
    const first = await page.call('recordOutcome', {
      alertId: withObserved,
      result: 'confirmed-false',
      notes: '',
      observed: { sex: 'female', ethnicity: 'mixed' },
    });
    expect(first).toMatchObject({ ok: true, revision: 1 });
    // A correction that leaves observed alone keeps it; one member chosen replaces only that member.
    expect(
      await page.call('recordOutcome', { alertId: withObserved, result: 'confirmed-true', notes: '' }),
    ).toMatchObject({ ok: true, revision: 2 });
    expect(
      await page.call('recordOutcome', {
        alertId: withObserved,
        result: 'confirmed-true',
        notes: '',
        observed: { sex: 'not-recorded' },
      }),
    ).toMatchObject({ ok: true, revision: 3 });
    expect(
      await page.call('recordOutcome', { alertId: withoutObserved, result: 'not-located', notes: '' }),
    ).toMatchObject({ ok: true });

    expect(outcomes().map((e) => [e.data.alertId, e.data.revision, e.data.observed])).toEqual([
      [withObserved, 1, { sex: 'female', ethnicity: 'mixed' }],
      [withObserved, 2, { sex: 'female', ethnicity: 'mixed' }],
      [withObserved, 3, { sex: 'not-recorded', ethnicity: 'mixed' }],
      [withoutObserved, 1, undefined],
    ]);
    // The training feed records what was sent.
    await waitFor(() => server.outcomes.size === 4, 'the feed to record four outcome revisions');
    const sent = [...server.outcomes.values()];
    expect(sent.find((o) => o.alertId === withObserved && o.revision === 1)?.observed).toEqual({
      sex: 'female',
      ethnicity: 'mixed',
    });
    expect(sent.find((o) => o.alertId === withoutObserved)).not.toHaveProperty('observed');

    // Nothing of it reaches the page: the snapshot, every change and answer it was sent.
    const snapshot = JSON.stringify(await page.call('getSnapshot'));
    expect(snapshot).toContain(withObserved);
    expect(snapshot).toContain('confirmed-true');
    for (const text of [snapshot, ...page.frames()]) {
      expect(text).not.toContain('observed');
      expect(text).not.toContain('"female"');
      expect(text).not.toContain('"mixed"');
    }
    expect(page.frames().some((f) => f.includes('"change"') && f.includes(withObserved))).toBe(true);
  });

  it('refuses a value outside the census groups and journals nothing for it', async () => {
    const { page, engaged, outcomes } = await setUp();
    const alertId = await engaged();
    const answer = await page.call('recordOutcome', {
      alertId,
      result: 'confirmed-true',
      notes: '',
      observed: { sex: 'female', ethnicity: 'irish' },
    });
    expect(answer.ok).toBe(false);
    expect(outcomes()).toHaveLength(0);
  });
});
