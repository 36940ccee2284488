/**
 * The supervisor's seat (issue 22, item 2): on a claims deployment a supervisor's station
 * shows the room from the feed's `seats` and the alerts nobody holds, by tier; when the
 * oldest waiting alert passes its tier's target the backlog alarm is raised (journalled),
 * stays until a supervisor acknowledges it (journalled, by that supervisor), and clears
 * (journalled) once an officer takes the alert. Real training feed, real station cores.
 */
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'test-token';
const cleanup = closeAfterEach();
/** The smallest target the settings allow, for red; the others far away. */
const TARGETS = { red: 10_000, amber: 3_600_000, green: 3_600_000 };

async function seat(
  server: TrainingFeedServer,
  person: { id: string; name: string; role: 'officer' | 'supervisor' },
) {
  const dataDir = tempDir();
  const { core, snapshot } = await startWatchedCore(
    cleanup,
    { dataDir, feedUrl: server.url, token: TOKEN },
    { backlogTargetsMs: TARGETS },
  );
  await waitFor(() => snapshot()?.deployment, 'deployment');
  await signInWithAccount(core, dataDir, person);
  const journal = () => readJournal(journalFile(dataDir, server.deployment.deploymentId));
  const warnings = (code: string) =>
    journal().filter((e) => e.type === 'safeguard-warning' && (e.data as { code: string }).code === code);
  return { core, snapshot, dataDir, journal, warnings };
}

describe("the supervisor's seat", () => {
  it('shows the room, raises the backlog alarm past the target, keeps it until acknowledged, clears it when taken', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, claims: true });
    cleanup.push(() => server.close());
    const officer = await seat(server, { id: 'PC 1', name: 'PC Morgan', role: 'officer' });
    const sup = await seat(server, { id: 'SGT 9', name: 'Sgt Hall', role: 'supervisor' });
    const { payload } = await server.emitAlert({ subject: { tier: 'red' } });
    const alertId = payload.alertId;
    await waitFor(
      () => sup.snapshot()?.alerts.some((a) => a.alertId === alertId),
      'the alert at the supervisor',
    );

    // The room: both seats, named, and one red alert nobody holds.
    await waitFor(() => (sup.snapshot()?.room?.seats.length ?? 0) >= 2, 'both seats in the room');
    const room = sup.snapshot()!.room!;
    expect(room.seats.map((s) => s.operator?.name).sort()).toEqual(['PC Morgan', 'Sgt Hall']);
    expect(room.seats.filter((s) => s.here)).toHaveLength(1);
    await waitFor(() => sup.snapshot()?.room?.backlog.red.waiting === 1, 'one red waiting');
    expect(sup.snapshot()!.room!.backlog.red.targetMs).toBe(10_000);
    expect(officer.snapshot()?.room ?? null).toBeNull();

    // Past the 10 s target: the alarm, on the record.
    await waitFor(() => sup.snapshot()?.room?.alarm, 'the backlog alarm', 30_000);
    expect(sup.snapshot()!.room!.alarm).toMatchObject({ tiers: ['red'], acknowledged: false });
    expect(sup.warnings('backlog-over-target')).toHaveLength(1);
    expect((sup.warnings('backlog-over-target')[0]!.data as { detail: string }).detail).toMatch(
      /red: 1 waiting, oldest \d+ s \(target 10 s\) OVER/,
    );

    // An officer cannot acknowledge it; the supervisor can, once, on the record in their name.
    expect(await officer.core.services.acknowledgeBacklog({})).toMatchObject({ ok: false });
    expect(await sup.core.services.acknowledgeBacklog({})).toEqual({ ok: true });
    await waitFor(() => sup.snapshot()?.room?.alarm?.acknowledged, 'acknowledged on screen');
    const acknowledged = sup.warnings('backlog-acknowledged');
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]!.actor).toMatchObject({ id: 'SGT 9', name: 'Sgt Hall' });

    // The officer takes the alert: nothing waits, the alarm clears, on the record.
    expect((await officer.core.services.alertShown({ alertId })).ok).toBe(true);
    await waitFor(() => sup.snapshot()?.room?.alarm === null, 'the alarm cleared', 15_000);
    expect(sup.snapshot()!.room!.backlog.red.waiting).toBe(0);
    expect(sup.warnings('backlog-within-target')).toHaveLength(1);
    await waitFor(
      () => sup.snapshot()?.room?.seats.find((s) => s.operator?.name === 'PC Morgan')?.holding.length === 1,
      "PC Morgan's seat holding the alert",
    );

    await sup.core.close();
    const report = await verifyJournal(journalFile(sup.dataDir, server.deployment.deploymentId));
    expect(report.failure).toBeNull();
  });
});
