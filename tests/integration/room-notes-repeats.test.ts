/**
 * Issue 22, items 3 and 4, over real station cores and the real Socket.IO training feed:
 * - an officer adds a note before deciding (journalled as `alert-shown` with a note, not a
 *   showing) and escalates with a note (the supervisor seat journals it); the officer's
 *   queue marks the alert escalated; replay lists the note with the alert;
 * - three alerts on one watchlist entry: the lead decided in full, the two repeats
 *   confirmed "same as lead: no engage"; three decisions, each with its own evidence and
 *   linked to the lead's entry; a repeat confirmed before its own look time is refused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { loadReplay } from '../../electron/core/replay/load';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'test-token';
const cleanup = closeAfterEach();
const rationale = 'Different nose shape and no scar above the left eyebrow.';

async function seat(
  server: TrainingFeedServer,
  person: { id: string; name: string },
  role: 'officer' | 'supervisor' = 'officer',
  settings: Record<string, unknown> = {},
) {
  const dataDir = tempDir();
  const opts = { dataDir, feedUrl: server.url, token: TOKEN };
  const { core, snapshot } = await startWatchedCore(cleanup, opts, settings);
  await waitFor(() => snapshot()?.deployment, 'deployment');
  await signInWithAccount(core, dataDir, { ...person, role });
  const file = journalFile(dataDir, server.deployment.deploymentId);
  const alert = (id: string) => snapshot()?.alerts.find((a) => a.alertId === id);
  return { core, snapshot, dataDir, file, journal: () => readJournal(file), alert };
}

async function feed(claims: boolean) {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, claims });
  cleanup.push(() => server.close());
  return server;
}

describe('notes and escalation', () => {
  it('a note is journalled as a note, an escalation reaches the supervisor seat, replay shows the note', async () => {
    const server = await feed(true);
    const one = await seat(server, { id: 'PC 1', name: 'PC Morgan' });
    const sup = await seat(server, { id: 'SGT 9', name: 'Sgt Hall' }, 'supervisor');
    const { payload } = await server.emitAlert();
    const alertId = payload.alertId;
    await waitFor(() => one.alert(alertId) && sup.alert(alertId), 'the alert at both seats');

    // Not yet on screen: a note is about what the officer saw.
    expect(await one.core.services.addNote({ alertId, note: 'Hat hides the hairline.' })).toEqual({
      ok: false,
      error: 'open the alert before adding a note to it',
    });
    const shown = await one.core.services.alertShown({ alertId });
    expect(shown.ok).toBe(true);
    const shownAt = one.alert(alertId)!.shownAt;
    const added = await one.core.services.addNote({ alertId, note: '  Hat hides the hairline.  ' });
    expect(added).toMatchObject({ ok: true, seq: expect.any(Number) });
    // Bad input is refused by the contract and nothing is journalled.
    const before = one.journal().length;
    expect(await one.core.services.addNote({ alertId, note: '   ' })).toMatchObject({ ok: false });
    expect(await one.core.services.addNote({ alertId, note: 'x'.repeat(501) })).toMatchObject({ ok: false });
    expect(one.journal()).toHaveLength(before);

    const note = one.journal().find((e) => e.type === 'alert-shown' && 'note' in e.data)!;
    expect(note.actor).toEqual({ id: 'PC 1', name: 'PC Morgan' });
    expect(note.data).toMatchObject({
      alertId,
      note: 'Hat hides the hairline.',
      probeSha256: one.alert(alertId)!.probe.sha256,
      status: 'pending',
    });
    await waitFor(() => one.alert(alertId)?.officerNotes?.length, 'the note on screen');
    expect(one.alert(alertId)!.officerNotes).toEqual([
      { at: note.at, by: { id: 'PC 1', name: 'PC Morgan' }, text: 'Hat hides the hairline.' },
    ]);
    expect(one.alert(alertId)!.shownAt).toBe(shownAt); // a note is not a showing

    expect(await one.core.services.escalate({ alertId, note: 'Age looks wrong: please advise.' })).toEqual({
      ok: true,
    });
    await waitFor(() => one.alert(alertId)?.escalated, 'escalated in the officer queue');
    const received = await waitFor(
      () => sup.journal().find((e) => e.type === 'escalation'),
      'the escalation at the supervisor seat',
    );
    expect(received.data).toMatchObject({ alertId, note: 'Age looks wrong: please advise.' });
    expect(one.journal().find((e) => e.type === 'escalation')!.data).toEqual({
      alertId,
      note: 'Age looks wrong: please advise.',
    });

    // A decided alert takes no more notes.
    const decided = await one.core.services.recordDecision({
      alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale,
    });
    expect(decided.ok).toBe(true);
    expect(await one.core.services.addNote({ alertId, note: 'Later thought.' })).toMatchObject({
      ok: false,
      error: 'a note is added before the alert is decided',
    });

    const replay = await loadReplay({
      key: `station:${server.deployment.deploymentId}`,
      source: 'station',
      journalFile: one.file,
      imagesDir: join(one.dataDir, 'deployments', server.deployment.deploymentId, 'images'),
    });
    const inReplay = replay.alerts.find((a) => a.alertId === alertId)!;
    expect(inReplay.officerNotes?.map((n) => n.text)).toEqual(['Hat hides the hairline.']);
    expect(inReplay.shown).toHaveLength(1); // the note is not counted as a second showing
    expect(replay.events.map((e) => e.summary)).toContain(
      `PC Morgan noted on alert #${inReplay.seq}: Hat hides the hairline.`,
    );
    expect((await verifyJournal(one.file)).failure).toBeNull();
  });
});

describe('repeats handled as repeats', () => {
  it('the lead decided in full, two repeats confirmed from the strip, each its own linked decision', async () => {
    const server = await feed(false);
    const one = await seat(server, { id: 'PC 1', name: 'PC Morgan' }, 'officer', { dwellMs: 400 });
    const first = await server.emitAlert();
    const entryId = first.payload.subject.entryId;
    const second = await server.emitAlert({ entryId });
    const third = await server.emitAlert({ entryId });
    const ids = [first, second, third].map((r) => r.payload.alertId);
    await waitFor(() => ids.every((id) => one.alert(id)), 'three alerts on one entry');
    const [lead, r1, r2] = ids as [string, string, string];

    // Before the lead is decided there is nothing to follow.
    expect(await one.core.services.confirmRepeat({ alertId: r1, leadAlertId: lead })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/only a lead decided No engage/),
    });
    await one.core.services.alertShown({ alertId: lead });
    await waitFor(() => one.alert(lead)?.shownAt, 'lead shown');
    await new Promise((r) => setTimeout(r, 450)); // the lead's look time
    const leadDecision = await one.core.services.recordDecision({
      alertId: lead,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale,
    });
    expect(leadDecision.ok).toBe(true);

    // The strip shows both repeats' probe faces; the first is confirmed at once: refused (look time).
    for (const id of [r1, r2]) expect((await one.core.services.alertShown({ alertId: id })).ok).toBe(true);
    const early = await one.core.services.confirmRepeat({ alertId: r1, leadAlertId: lead });
    expect(early).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Look at the images for \d+ s more\.$/),
    });
    expect(one.journal().filter((e) => e.type === 'decision')).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 450)); // each repeat's own look time
    for (const id of [r1, r2])
      expect(await one.core.services.confirmRepeat({ alertId: id, leadAlertId: lead })).toMatchObject({
        ok: true,
        revision: 1,
      });
    // One already decided is not a repeat any more.
    expect(await one.core.services.confirmRepeat({ alertId: r1, leadAlertId: lead })).toMatchObject({
      ok: false,
      error: 'this alert is not waiting for a decision',
    });

    const decisions = one.journal().filter((e) => e.type === 'decision');
    expect(decisions.map((d) => d.data.alertId)).toEqual([lead, r1, r2]);
    const leadEntry = decisions[0]!;
    expect(leadEntry.data).not.toHaveProperty('lead');
    const received = (id: string) =>
      one.journal().find((e) => e.type === 'alert-received' && e.data.alertId === id)!;
    for (const [i, id] of [r1, r2].entries()) {
      const shownFaces = received(id).data as {
        probe: { sha256: string };
        subject: { image: { sha256: string } };
      };
      expect(decisions[i + 1]!.data).toMatchObject({
        decision: 'no-engage',
        reasons: [REASON_CODES[2]!.code],
        rationale: expect.stringContaining(rationale),
        lead: { alertId: lead, revision: 1, seq: leadEntry.seq, hash: leadEntry.hash },
        evidence: { probeSha256: shownFaces.probe.sha256, subjectSha256: shownFaces.subject.image.sha256 },
      });
    }
    // Each repeat has its own capture: its own probe face.
    expect(
      new Set(decisions.map((d) => (d.data as { evidence: { probeSha256: string } }).evidence.probeSha256))
        .size,
    ).toBe(3);
    // Each decision went to the feed as its own decision.
    await waitFor(() => ids.every((id) => server.decisions.get(`${id}#1`)), 'three decisions at the feed');
    expect((await verifyJournal(one.file)).failure).toBeNull();
  });
});
