/**
 * A clock step on the record a supervisor reads: the station's wall clock (injected; its
 * monotonic clock only runs) is stepped back 3 hours while officers decide alerts from a
 * feed whose clock is right, then put right, and the feed's capture times confirm it. The
 * replay lists both steps and the confirmation, marks only the decision written while the
 * clock was in doubt, and the oversight PDF (English and Welsh) has a "Station clock"
 * section with each step and marks that decision in the record, and the CSV says which
 * decision rows were written in doubt. Found by hand on 6 Dec
 * 2026 with libfaketime: the report printed a decision "at 03:15" for a face captured at
 * 06:15 and said nothing of the step. The replay's time axis places the alert handled in
 * doubt at the time the later step and its confirmation show it really was, so the timeline,
 * the list of alerts received by the replay time and the state at each time follow the
 * journal's order (found by hand too: that alert sat at the far left of the timeline, before
 * the deployment started, and at an early replay time it showed as decided already).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { type CSV_COLUMNS, replayCsv } from '../../electron/core/replay/csv';
import { loadReplay } from '../../electron/core/replay/load';
import { writeReplayPdf } from '../../electron/core/replay/pdf';
import type { Station } from '../../electron/core/station';
import { tick } from '../../electron/core/station/timers';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import { REASON_CODES } from '../../shared/decision-rules';
import { alertAt, buildIndex, upperBound } from '../../renderer/src/replay/replay-index';
import { visibleOf } from '../../renderer/src/replay/replay-fresh';
import { LEFT, scaleOf } from '../../renderer/src/replay/timeline-geometry';
import { translatorFor } from '../../shared/i18n/translator';
import { replayLineText } from '../../shared/replay-lines';
import type { ReplayData } from '../../shared/replay';
import { parseCsv } from '../helpers/csv';
import { jobsOf } from '../helpers/station';
import { loadTestStation } from '../helpers/loaded-station';
import { journalFile, readJournal } from './util';

const HOUR = 3_600_000;
const root = mkdtempSync(join(tmpdir(), 'rs-step-report-'));
/** The station's clocks (the test steps `wall`), and the real time the feed keeps. */
const clocks = { wall: Date.parse('2026-03-01T09:00:00.000Z'), mono: 1_000, real: 0 };
clocks.real = clocks.wall;
let station: Station;
let replay: ReplayData;
const ids: string[] = [];
/** When each alert really arrived and was decided (the feed's clock; the station's was 3 h back for the second). */
const real: { received: number; decided: number }[] = [];
const iso = (ms: number) => new Date(ms).toISOString();

/** Real time passes: both the feed's clock and the station's (stepped or not) run on. */
function pass(ms: number) {
  clocks.real += ms;
  clocks.wall += ms;
  clocks.mono += ms;
}

beforeAll(async () => {
  station = await loadTestStation(null, {
    root,
    signer: createEphemeralSigner(),
    now: () => clocks.wall,
    mono: () => clocks.mono,
  });
  const deployment = makeDeployment({ seed: 61, now: new Date(clocks.real) });
  const scenario = createScenario({ seed: 61, deployment, now: () => new Date(clocks.real) });
  await station.handleDeployment(deployment);
  const jobs = jobsOf(station);
  await jobs.signIn({ id: 'PC 61', name: 'Ash Ellis', role: 'officer' });
  const decide = async (rationale: string) => {
    const alert = makeAlert(scenario, { scene: false, capturedAt: new Date(clocks.real).toISOString() });
    ids.push(alert.alertId);
    const times = { received: clocks.real, decided: 0 };
    real.push(times);
    expect(await station.handleAlert(alert)).toEqual({ status: 'stored' });
    pass(2_000);
    await jobs.alertShown({ alertId: alert.alertId });
    pass(5_000);
    times.decided = clocks.real;
    const decided = await jobs.recordDecision({
      alertId: alert.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale,
    });
    expect(decided.ok).toBe(true);
    pass(1_000);
  };
  await decide('Before the step: the hairline and ears differ from the reference.');
  // Back 3 hours while 1 s really passes; the station notices at its next tick.
  clocks.wall -= 3 * HOUR;
  pass(1_000);
  await tick(station);
  await decide('During the step: the jawline differs from the reference image.');
  // Put right.
  clocks.wall = clocks.real;
  pass(1_000);
  await tick(station);
  // The feed's capture times agree with the clock again: the doubt ends on the record.
  await decide('After the clock was put right: the eyes are set differently.');
  pass(1_000);
  await tick(station);
  await station.close();
  replay = await loadReplay({
    key: `station:${deployment.deploymentId}`,
    source: 'station',
    journalFile: journalFile(root, deployment.deploymentId),
    imagesDir: join(root, 'deployments', deployment.deploymentId, 'images'),
  });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a clock step in the replay and the oversight report', () => {
  it('lists both steps with their confirmation, and marks only the decision written in doubt', () => {
    const entries = readJournal(journalFile(root, replay.deploymentId));
    const steps = entries.filter((e) => e.type === 'clock-step');
    const confirmed = entries.find((e) => e.type === 'clock-confirmed');
    expect(steps).toHaveLength(2);
    expect(confirmed).toBeDefined();
    expect(replay.integrity.status).toBe('verified');
    expect(replay.clockSteps).toEqual(
      steps.map((s) => ({
        seq: s.seq,
        before: (s.data as { before: string }).before,
        after: (s.data as { after: string }).after,
        // Real time since the entry before each step: 1 s after the last decision, 1 s to the step.
        monotonicMs: 2_000,
        confirmed: { seq: confirmed!.seq, at: confirmed!.at },
      })),
    );
    const marks = ids.map((id) => replay.alerts.find((a) => a.alertId === id)?.clockDoubtRevisions);
    expect(marks).toEqual([undefined, [1], undefined]);
  });

  it('prints a Station clock section and marks that decision, in English and in Welsh', async () => {
    const text: Record<string, string> = {};
    for (const language of ['en-GB', 'cy'] as const) {
      const file = join(root, `${language}.pdf`);
      await writeReplayPdf(replay, file, {
        generatedBy: 'Insp Test',
        generatedAt: new Date(clocks.real).toISOString(),
        language,
      });
      text[language] = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    }
    const en = text['en-GB']!;
    expect(en).toContain('Station clock');
    expect(en).toContain("The station's clock stepped 2 times while this journal was written.");
    expect(en).toContain('Confirmed by the feed');
    expect(en.split("Written while the station's clock was in doubt").length - 1).toBe(1);
    // The mark sits with the decision written during the step, not with the others.
    const during = en.indexOf('During the step');
    const mark = en.indexOf("Written while the station's clock was in doubt");
    expect(mark).toBeGreaterThan(during);
    expect(mark).toBeLessThan(en.indexOf('After the clock was put right'));
    const cy = text.cy!;
    expect(cy).toContain('Cloc yr orsaf');
    expect(cy).toContain('Neidiodd cloc yr orsaf 2 o weithiau');
    expect(cy.split('Ysgrifennwyd tra oedd amheuaeth am gloc yr orsaf').length - 1).toBe(1);
  });

  it("puts each step and the confirmation on the timeline, in the reader's language", () => {
    const lines = replay.events.filter((e) => e.type.startsWith('clock-'));
    expect(lines.map((e) => e.summary)).toEqual([
      expect.stringMatching(
        /^The station clock stepped from \S+ to \S+ \(2 s really passed\); times after this/,
      ),
      expect.stringMatching(/^The station clock stepped from /),
      "The station clock confirmed by the feed's times (the feed's capture times agree with the station clock again)",
    ]);
    const welsh = translatorFor('cy');
    expect(replayLineText(welsh, lines[0]!.line!)).toMatch(
      /^Neidiodd cloc yr orsaf o \S+ i \S+ \(aeth 2 s heibio/,
    );
    expect(replayLineText(welsh, lines[2]!.line!)).toMatch(
      /^Cadarnhawyd cloc yr orsaf gan amseroedd y ffrwd/,
    );
  });

  it('says in the CSV which decision rows were written while the clock was in doubt', () => {
    const [header, ...rows] = parseCsv(replayCsv(replay).text);
    const at = (name: (typeof CSV_COLUMNS)[number]) => header!.indexOf(name);
    const decisions = rows.filter((r) => r[at('record')] === 'decision');
    expect(decisions.map((r) => [r[at('alertId')], r[at('decidedInClockDoubt')]])).toEqual([
      [ids[0], 'false'],
      [ids[1], 'true'],
      [ids[2], 'false'],
    ]);
  });

  it('says so plainly when the clock never stepped', async () => {
    const file = join(root, 'steady.pdf');
    await writeReplayPdf(
      { ...replay, clockSteps: [], alerts: replay.alerts.map(({ clockDoubtRevisions: _, ...a }) => a) },
      file,
      {
        generatedBy: 'Insp Test',
        generatedAt: new Date(clocks.real).toISOString(),
      },
    );
    const en = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(en).toContain("The station's clock did not step while this journal was written.");
    expect(en).not.toContain('in doubt');
  });

  it('places the alert handled in doubt at the time the clock step and its confirmation correct it to', () => {
    const [before, during, after] = ids.map((id) => replay.alerts.find((a) => a.alertId === id)!);
    // What the journal says stays as it says it: 3 hours back.
    expect(during!.receivedAt).toBe(iso(real[1]!.received - 3 * HOUR));
    expect(during!.decisions[0]!.decidedAt).toBe(iso(real[1]!.decided - 3 * HOUR));
    // Where the axis puts it: the later step (+3 h) put the clock right, and the feed confirmed it.
    expect(during!.placedReceived).toEqual({ at: iso(real[1]!.received), by: 'correction' });
    expect(during!.decisions[0]!.placed).toEqual({ at: iso(real[1]!.decided), by: 'correction' });
    expect(during!.shown[0]!.placed).toEqual({ at: iso(real[1]!.decided - 5_000), by: 'correction' });
    // The alerts on either side were handled on a sound clock: nothing placed.
    for (const alert of [before!, after!]) {
      expect(alert.placedReceived).toBeUndefined();
      expect(alert.decisions[0]!.placed).toBeUndefined();
    }
    // The events the journal wrote in doubt are placed too; every other keeps its time.
    const decided = replay.events.find((e) => e.type === 'decision' && e.alertId === ids[1]);
    expect(decided!.placed).toEqual({ at: iso(real[1]!.decided), by: 'correction' });
  });

  it('puts the timeline in journal order, the alert handled in doubt between the other two', () => {
    const index = buildIndex(replay);
    expect(index.alerts.map((a) => a.alertId)).toEqual(ids);
    expect([...index.receivedTimes]).toEqual(real.map((r) => r.received));
    // Every event in the order the journal wrote it, on an axis that never goes back.
    const seqs = index.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect([...index.eventTimes]).toEqual([...index.eventTimes].sort((a, b) => a - b));
    // Its mark sits where it arrived, not at the left edge before the deployment began.
    const scale = scaleOf(index.from, index.to);
    const x = scale.x(index.receivedTimes[1]!);
    expect(x).toBeGreaterThan(LEFT);
    expect(x).toBeGreaterThan(scale.x(index.receivedTimes[0]!));
    expect(x).toBeLessThan(scale.x(index.receivedTimes[2]!));
  });

  it('counts the alert handled in doubt as received by the replay time only once it arrived', () => {
    const index = buildIndex(replay);
    // No filter, and a filter (its own list of times): both by where the axis puts each alert.
    for (const visible of [visibleOf(index, {}), visibleOf(index, { decision: 'no-engage' })]) {
      const receivedBy = (t: number) =>
        visible.alerts.slice(0, upperBound(visible.times, t)).map((a) => a.alertId);
      expect(receivedBy(real[1]!.received - 1)).toEqual([ids[0]]);
      expect(receivedBy(real[1]!.received)).toEqual([ids[0], ids[1]]);
      expect(receivedBy(real[2]!.received - 1)).toEqual([ids[0], ids[1]]);
    }
  });

  it('shows at each replay time only what the journal had written by then', () => {
    const index = buildIndex(replay);
    const during = index.byId.get(ids[1]!)!;
    const first = index.byId.get(ids[0]!)!;
    // Between the first alert's decision and the second's arrival: the second is not there yet.
    const t1 = real[1]!.received - 500;
    expect(alertAt(first, t1, index)!.status).toBe('decided');
    expect(alertAt(during, t1, index)).toBeNull();
    // Arrived, on screen, not yet decided: no decision shown before it was made.
    const t2 = real[1]!.decided - 500;
    const pending = alertAt(during, t2, index)!;
    expect(pending.status).toBe('pending');
    expect(pending.decisions).toEqual([]);
    expect(pending.shown).toHaveLength(1);
    expect(alertAt(during, real[1]!.decided, index)!.decisions.map((d) => d.revision)).toEqual([1]);
    // At every event's time, each alert's state holds exactly the entries written up to that event.
    const receipt = new Map(
      index.events.filter((e) => e.type === 'alert-received').map((e) => [e.alertId, e.seq]),
    );
    index.events.forEach((event, i) => {
      const t = index.eventTimes[i]!;
      const upTo = index.events[upperBound(index.eventTimes, t) - 1]!.seq;
      for (const alert of index.alerts) {
        const state = alertAt(alert, t, index);
        expect(state !== null, `${alert.alertId} at event ${event.seq}`).toBe(
          receipt.get(alert.alertId)! <= upTo,
        );
        for (const d of state?.decisions ?? []) expect(d.journal.seq).toBeLessThanOrEqual(upTo);
        const made = alert.decisions.filter((d) => d.journal.seq <= upTo).length;
        expect(state?.decisions.length ?? 0).toBe(made);
      }
    });
  });
});
