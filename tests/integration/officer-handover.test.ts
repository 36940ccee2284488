/**
 * Issue 14 in the core: an amendment that contradicts a recorded outcome is refused
 * unless it amends the outcome too (the shared rule the form applies), and a handover
 * journals its note with what is open and shows both to the next officer.
 */
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES, amendmentProblems, outcomeContradiction } from '../../shared/decision-rules';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startTestCore, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'test-token';
const cleanup = closeAfterEach();

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: TOKEN });
  await waitFor(() => snapshot()?.deployment, 'deployment');
  await signInWithAccount(core, dataDir, { id: 'PC 77', name: 'Sam Ode', role: 'officer' });
  const file = () => journalFile(dataDir, server.deployment.deploymentId);
  return { server, core, dataDir, file, snapshot };
}

const rationale = 'Same scar above the left eyebrow and the same jawline.';

describe('the amendment rule', () => {
  it('names the contradiction only for No engage over a recorded outcome', () => {
    const outcomes = [{ revision: 1, result: 'confirmed-true', action: 'arrest' }];
    expect(outcomeContradiction('no-engage', outcomes)).toBe(
      'No engage contradicts the recorded outcome (outcome 1: Confirmed true, Arrest).',
    );
    expect(outcomeContradiction('engage', outcomes)).toBeNull();
    expect(outcomeContradiction('no-engage', [])).toBeNull();
    expect(amendmentProblems('no-engage', outcomes, undefined)).toHaveLength(1);
    expect(amendmentProblems('no-engage', outcomes, { note: '  ' })).toHaveLength(1);
    expect(amendmentProblems('no-engage', outcomes, { note: 'Wrong man arrested.' })).toEqual([]);
  });
});

describe('officer requests (core)', () => {
  it('refuses an amendment contradicting the outcome unless the outcome is amended with it', async () => {
    const { server, core, file, snapshot } = await setUp();
    const { payload } = await server.emitAlert();
    const alertId = payload.alertId;
    await waitFor(() => snapshot()?.alerts.some((a) => a.alertId === alertId), 'alert on screen');
    expect((await core.services.alertShown({ alertId })).ok).toBe(true);
    const decide = (decision: 'engage' | 'no-engage', extra = {}) =>
      core.services.recordDecision({
        alertId,
        decision,
        reasons: [REASON_CODES[decision === 'engage' ? 0 : 2]!.code],
        rationale,
        ...extra,
      });
    expect((await decide('engage')).ok).toBe(true);
    const outcome = await core.services.recordOutcome({
      alertId,
      result: 'confirmed-true',
      action: 'arrest',
      notes: 'Arrested at the barrier.',
    });
    expect(outcome.ok).toBe(true);

    const refused = await decide('no-engage');
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        'No engage contradicts the recorded outcome (outcome 1: Confirmed true, Arrest).',
      ),
    });
    expect(readJournal(file()).filter((e) => e.type === 'decision')).toHaveLength(1);

    const amended = await decide('no-engage', {
      amendOutcome: { note: 'The man arrested was not the subject.' },
    });
    expect(amended).toMatchObject({ ok: true, revision: 2 });
    const outcomes = readJournal(file()).filter((e) => e.type === 'outcome');
    expect(outcomes.map((e) => e.data.revision)).toEqual([1, 2]);
    expect(outcomes[1]!.data).toMatchObject({
      result: 'confirmed-true',
      action: 'arrest',
      notes: 'Amended with decision revision 2 (No engage): The man arrested was not the subject.',
    });
    const alert = await waitFor(
      () => snapshot()?.alerts.find((a) => a.alertId === alertId && a.outcomes.length === 2),
      'outcome amended on screen',
    );
    expect(alert.decisions.at(-1)!.decision).toBe('no-engage');
    expect((await verifyJournal(file())).ok).toBe(true);
  });

  it('hands over with a note and what is open, journalled, and shown at the next sign-in', async () => {
    const { server, core, file, snapshot } = await setUp();
    const first = await server.emitAlert();
    await server.emitAlert();
    await waitFor(() => snapshot()?.alerts.length === 2, 'two alerts');
    const alertId = first.payload.alertId;
    await core.services.alertShown({ alertId });
    expect(
      (
        await core.services.recordDecision({
          alertId,
          decision: 'engage',
          reasons: [REASON_CODES[0]!.code],
          rationale,
        })
      ).ok,
    ).toBe(true);

    expect(await core.services.handover({ note: 'Camera 3 fogged since 14:00.' })).toEqual({ ok: true });
    const signedOut = readJournal(file()).filter((e) => e.type === 'operator-signed-out');
    expect(signedOut.at(-1)!.data).toEqual({
      reason: 'handover',
      pendingAlerts: 1,
      note: 'Camera 3 fogged since 14:00.',
      open: { undecided: 1, escalated: 0, outcomesAwaited: 1 },
    });
    expect(signedOut.at(-1)!.actor).toEqual({ id: 'PC 77', name: 'Sam Ode' });
    const shown = await waitFor(() => !snapshot()?.operator && snapshot()?.handover, 'handover on screen');
    expect(shown).toMatchObject({
      by: { id: 'PC 77', name: 'Sam Ode' },
      note: 'Camera 3 fogged since 14:00.',
      open: { undecided: 1, escalated: 0, outcomesAwaited: 1 },
    });
    // Nobody signed in: nothing to hand over.
    expect(await core.services.handover({ note: 'again' })).toMatchObject({
      ok: false,
      error: expect.any(String),
    });
    expect((await verifyJournal(file())).ok).toBe(true);
  });

  it('keeps the last handover across a restart: the journal is read back and the next officer sees it', async () => {
    const { server, core, dataDir, snapshot } = await setUp();
    await server.emitAlert();
    await waitFor(() => snapshot()?.alerts.length === 1, 'an alert');
    expect(await core.services.handover({ note: 'Camera 3 fogged since 14:00.' })).toEqual({ ok: true });
    await core.close();

    const again = await startTestCore({
      dataDir,
      feedUrl: server.url,
      token: TOKEN,
      ackTimeoutMs: 1000,
    });
    cleanup.push(() => again.close());
    let latest: StationSnapshot | null = null;
    again.onEvent('state', (s) => (latest = s));
    const before = await waitFor(() => latest?.deployment && latest, 'restarted station');
    const expected = {
      by: { id: 'PC 77', name: 'Sam Ode' },
      note: 'Camera 3 fogged since 14:00.',
      open: { undecided: 1, escalated: 0, outcomesAwaited: 0 },
    };
    expect(before.operator).toBeNull();
    expect(before.handover).toMatchObject(expected);
    await signInWithAccount(again, dataDir, { id: 'PC 80', name: 'Kit Rowe', role: 'officer' });
    const signedIn = await waitFor(() => latest?.operator?.id === 'PC 80' && latest, 'next officer');
    expect(signedIn.handover).toMatchObject(expected);
  });
});
