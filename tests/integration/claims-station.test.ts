/**
 * Claims at the station (issue 22, item 1): two real station cores on one training-feed
 * deployment with "claims". Opening an alert claims it; the other station is refused
 * with who holds it and cannot decide it; a decision at one station settles it at the
 * other ("decided by ... : no engage"); sign-out releases; every answer is journalled.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { verifyJournal } from '../../electron/core/journal/verify';
import { loadReplay } from '../../electron/core/replay/load';
import { LOCAL_CLIENT } from '../../electron/core/station/session';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { passwordFor, signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'test-token';
const cleanup = closeAfterEach();
const rationale = 'Different nose shape and no scar above the left eyebrow.';

async function seat(
  server: TrainingFeedServer,
  person: { id: string; name: string },
  role: 'officer' | 'supervisor' = 'officer',
) {
  const dataDir = tempDir();
  const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: TOKEN });
  await waitFor(() => snapshot()?.deployment, 'deployment');
  await signInWithAccount(core, dataDir, { ...person, role });
  const journal = () => readJournal(journalFile(dataDir, server.deployment.deploymentId));
  return { core, snapshot, dataDir, journal };
}

const decide = (core: Awaited<ReturnType<typeof seat>>['core'], alertId: string) =>
  core.services.recordDecision({
    alertId,
    decision: 'no-engage',
    reasons: [REASON_CODES[2]!.code],
    rationale,
  });

/** A claims feed, the seats asked for (officers unless a role is given), and one alert at every seat. */
type Person = { id: string; name: string; role?: 'officer' | 'supervisor' };
type Seat = Awaited<ReturnType<typeof seat>>;

async function roomWithAlert<const P extends readonly Person[]>(
  people: P,
  feed: { claimGraceMs?: number } = {},
) {
  const server = await TrainingFeedServer.start({
    rate: 0,
    token: TOKEN,
    scenes: false,
    claims: true,
    ...feed,
  });
  cleanup.push(() => server.close());
  const started: Seat[] = [];
  // One after another, so each gets the next seat number.
  for (const p of people) started.push(await seat(server, p, p.role));
  const seats = started as unknown as { [K in keyof P]: Seat };
  const { payload } = await server.emitAlert();
  const alertId = payload.alertId;
  for (const s of started)
    await waitFor(() => s.snapshot()?.alerts.some((a) => a.alertId === alertId), `the alert at ${s.dataDir}`);
  return { server, seats, alertId };
}

/** `from` gave the claim back (journalled, with the reason) and the feed let it go; `by` claims and decides it. */
async function releasedThenDecided(
  server: TrainingFeedServer,
  alertId: string,
  { from, reason, by }: { from: Seat; reason: string; by: Seat },
) {
  await waitFor(() => server.claims.holder(alertId) === null, 'released at the feed');
  const released = () => from.journal().find((e) => e.type === 'claim-released');
  await waitFor(released, 'the release in the journal');
  expect(released()?.data).toMatchObject({ alertId, reason, by: 'station' });
  expect((await by.core.services.alertShown({ alertId })).ok).toBe(true);
  expect((await decide(by.core, alertId)).ok).toBe(true);
  await waitFor(() => server.decisions.get(`${alertId}#1`), 'the decision at the feed');
}

const MORGAN = { id: 'PC 1', name: 'PC Morgan' };
const REES = { id: 'PC 2', name: 'PC Rees' };

describe('claims at the station', () => {
  it('one seat holds and decides; the other is told who holds it, cannot decide, and sees it settled', async () => {
    const {
      server,
      seats: [one, two],
      alertId,
    } = await roomWithAlert([MORGAN, REES]);

    expect((await one.core.services.alertShown({ alertId })).ok).toBe(true);
    const refused = await two.core.services.alertShown({ alertId });
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/^PC Morgan at Seat \d is reviewing, \d+ s$/),
    });
    await waitFor(
      () => two.snapshot()?.alerts.find((a) => a.alertId === alertId)?.heldElsewhere,
      "the holder on seat 2's screen",
    );
    expect(two.snapshot()!.alerts.find((a) => a.alertId === alertId)!.heldElsewhere).toMatchObject({
      operator: { name: 'PC Morgan' },
      label: expect.stringMatching(/^Seat \d$/),
    });
    const notHis = await decide(two.core, alertId);
    expect(notHis).toEqual({ ok: false, error: expect.stringMatching(/PC Morgan at Seat \d is reviewing/) });

    expect((await decide(one.core, alertId)).ok).toBe(true);
    await waitFor(() => server.decisions.get(`${alertId}#1`), 'the decision at the feed');
    await waitFor(
      () => two.snapshot()?.alerts.find((a) => a.alertId === alertId)?.settledElsewhere,
      'settled at seat 2',
    );
    const settled = two.snapshot()!.alerts.find((a) => a.alertId === alertId)!;
    expect(settled.status).toBe('decided');
    expect(settled.heldElsewhere).toBeUndefined();
    expect(settled.settledElsewhere).toMatchObject({
      decision: 'no-engage',
      by: { operator: { name: 'PC Morgan' } },
    });
    expect(await two.core.services.alertShown({ alertId })).toMatchObject({ ok: true });
    expect(await decide(two.core, alertId)).toMatchObject({ ok: false });

    // Nothing was refused by the feed: the station never sent what it did not hold.
    expect([...server.decisions.keys()]).toEqual([`${alertId}#1`]);
    const claims1 = one.journal().filter((e) => e.type === 'claim');
    expect(claims1.map((e) => e.data.status)).toEqual(['granted']);
    const claims2 = two.journal().filter((e) => e.type === 'claim');
    expect(claims2[0]!.data).toMatchObject({ status: 'held', by: { operator: { name: 'PC Morgan' } } });
    expect(two.journal().filter((e) => e.type === 'alert-settled')).toHaveLength(1);
    expect(two.journal().some((e) => e.type === 'decision')).toBe(false);
    expect(
      one
        .journal()
        .filter((e) => e.type === 'decision-recorded')
        .map((e) => e.data.status),
    ).toEqual(['recorded']);
    for (const s of [one, two]) {
      const report = await verifyJournal(journalFile(s.dataDir, server.deployment.deploymentId));
      expect(report.failure).toBeNull();
    }

    // Replay says who held it and for how long: from seat 1's claim to its decision.
    const replayOf = (s: Seat) =>
      loadReplay({
        key: `station:${server.deployment.deploymentId}`,
        source: 'import',
        journalFile: journalFile(s.dataDir, server.deployment.deploymentId),
        imagesDir: join(s.dataDir, 'deployments', server.deployment.deploymentId, 'images'),
        live: false,
        trust: null,
      });
    const held = (await replayOf(one)).alerts.find((a) => a.alertId === alertId)!;
    expect(held.holds).toEqual([
      {
        operator: { id: 'PC 1', name: 'PC Morgan' },
        from: expect.any(String),
        to: held.decisions[0]!.decidedAt,
        takeOver: false,
        ended: 'decided',
      },
    ]);
    expect((await replayOf(two)).alerts.find((a) => a.alertId === alertId)!.holds).toBeUndefined();
  });

  it('signing out releases the claim (journalled) and the other seat can then claim and decide', async () => {
    const {
      server,
      seats: [one, two],
      alertId,
    } = await roomWithAlert([MORGAN, REES]);
    expect((await one.core.services.alertShown({ alertId })).ok).toBe(true);
    expect((await one.core.services.signOut({ handover: false })).ok).toBe(true);
    await releasedThenDecided(server, alertId, { from: one, reason: 'signed out', by: two });
  });

  it('a locked screen releases its claim (journalled), so another seat can take the alert', async () => {
    const {
      server,
      seats: [one, two],
      alertId,
    } = await roomWithAlert([MORGAN, REES]);
    expect((await one.core.services.alertShown({ alertId })).ok).toBe(true);
    await waitFor(() => server.claims.holder(alertId) !== null, 'held at the feed');

    // The screen holding seat 1's session goes away: the session locks, nobody is looking.
    one.core.clientGone(LOCAL_CLIENT);
    await releasedThenDecided(server, alertId, { from: one, reason: 'screen locked', by: two });
  });

  it('a station that goes away while holding: the other seat stops naming it (journalled) and decides', async () => {
    const {
      server,
      seats: [one, two],
      alertId,
    } = await roomWithAlert([MORGAN, REES], { claimGraceMs: 500 });
    expect((await one.core.services.alertShown({ alertId })).ok).toBe(true);
    expect((await two.core.services.alertShown({ alertId })).ok).toBe(false);
    const atTwo = () => two.snapshot()?.alerts.find((a) => a.alertId === alertId);
    await waitFor(() => atTwo()?.heldElsewhere, 'seat 2 told who holds it');

    await one.core.close(); // gone without a word: the feed keeps its claim for the grace, then gives it back
    await waitFor(() => atTwo() && !atTwo()!.heldElsewhere, 'seat 2 no longer names a holder');
    expect(two.journal().find((e) => e.type === 'claim-released')?.data).toMatchObject({
      alertId,
      by: 'server',
    });
    expect((await two.core.services.alertShown({ alertId })).ok).toBe(true);
    expect((await decide(two.core, alertId)).ok).toBe(true);
    await waitFor(() => server.decisions.get(`${alertId}#1`), 'the decision at the feed');
  });

  it('after the lock, the same officer proves again and decides: the claim is asked for again first', async () => {
    const {
      server,
      seats: [one],
      alertId,
    } = await roomWithAlert([MORGAN]);
    expect((await one.core.services.alertShown({ alertId })).ok).toBe(true);
    one.core.clientGone(LOCAL_CLIENT);
    await waitFor(() => server.claims.holder(alertId) === null, 'released at the feed');

    const proved = await one.core.services.reauthenticate({ method: 'local', password: passwordFor('PC 1') });
    expect(proved.ok).toBe(true);
    expect((await decide(one.core, alertId)).ok).toBe(true);
    await waitFor(() => server.decisions.get(`${alertId}#1`), 'the decision at the feed');
    const claimsAsked = one.journal().filter((e) => e.type === 'claim' && e.data.alertId === alertId);
    expect(claimsAsked).toHaveLength(2);
  });

  it('an escalation reaches the supervisor seat; the supervisor takes over and the officer is told why', async () => {
    const {
      seats: [one, sup],
      alertId,
    } = await roomWithAlert([MORGAN, { id: 'SGT 9', name: 'Sgt Hall', role: 'supervisor' }]);
    expect((await one.core.services.alertShown({ alertId })).ok).toBe(true);
    expect(await one.core.services.escalate({ alertId, note: 'Age looks wrong: please advise.' })).toEqual({
      ok: true,
    });
    expect(one.snapshot()!.alerts.find((a) => a.alertId === alertId)!.escalated).toBe(true);
    await waitFor(
      () => sup.journal().find((e) => e.type === 'escalation'),
      'the escalation journalled at the supervisor seat',
    );
    expect(sup.journal().find((e) => e.type === 'escalation')!.data).toMatchObject({
      note: 'Age looks wrong: please advise.',
      by: { operator: { name: 'PC Morgan' } },
    });
    expect(await one.core.services.takeOver({ alertId, reason: 'mine' })).toMatchObject({ ok: false });
    expect(await sup.core.services.takeOver({ alertId, reason: 'I know this subject.' })).toEqual({
      ok: true,
      status: 'granted',
    });
    expect(sup.journal().find((e) => e.type === 'claim')!.data).toMatchObject({
      status: 'granted',
      takeOver: true,
      note: 'I know this subject.',
    });
    await waitFor(
      () => one.journal().find((e) => e.type === 'claim-released' && e.data.by === 'server'),
      'the release journalled at the former holder',
    );
    const released = one.journal().find((e) => e.type === 'claim-released' && e.data.by === 'server')!;
    expect(released.data.reason).toMatch(/^taken over by Sgt Hall at Seat \d$/);
    expect(await decide(one.core, alertId)).toMatchObject({ ok: false });
  });
});
