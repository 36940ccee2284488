/**
 * Retention and legal holds, on real files with the station's clock injected: images go
 * once retentionDays have passed since the window closed, and not before; a hold stops
 * it and its release lets it run; the purge entry lists exactly what went; the journal
 * still verifies; a tampered journal is never purged. Also the settings permission rule
 * and deciding after the window has closed.
 */
import { jobsOf } from '../helpers/station';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { verifyJournal } from '../../electron/core/journal/verify';
import { purgeAfterMs } from '../../electron/core/retention';
import { DEFAULT_SETTINGS } from '../../electron/core/settings';
import { Station } from '../../electron/core/station';
import { createScenario, isoWithOffset, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import { REASON_CODES } from '../../shared/decision-rules';
import type { Deployment } from '../../shared/feed/schemas';
import type { StationAlert } from '../../shared/view';
import { readJournal, tempDir } from '../integration/util';

const DAY = 86_400_000;
const START = Date.parse('2025-03-01T12:00:00.000Z');
const OFFICER = { id: 'PC 11', name: 'Robin Hale', role: 'officer' as const };
const SUPERVISOR = { id: 'PS 4', name: 'Kim Ellis', role: 'supervisor' as const };

let root: string;
let signer: Signer;
let clock: number;
let stations: Station[];
let deployment: Deployment;
let scenario: ReturnType<typeof createScenario>;

beforeEach(() => {
  root = tempDir('rs-retention-');
  signer = createEphemeralSigner();
  clock = START;
  stations = [];
  deployment = makeDeployment({ seed: 5, now: new Date(START) });
  scenario = createScenario({ seed: 5, deployment, now: () => new Date(clock) });
});
afterEach(async () => {
  for (const s of stations) await s.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function newStation(): Promise<Station> {
  const station = new Station({
    root,
    signer,
    appVersion: 'test',
    training: false,
    mode: 'browser',
    settings: { ...DEFAULT_SETTINGS, dwellMs: 0 },
    now: () => clock,
  });
  stations.push(station);
  await station.load();
  return station;
}

const file = () => join(root, 'deployments', deployment.deploymentId, 'journal.jsonl');
const imagePath = (sha: string) => join(root, 'deployments', deployment.deploymentId, 'images', sha);
const hashesOf = (a: StationAlert) => [a.probe.sha256, a.subject.image.sha256];
const purgeAt = () => purgeAfterMs({ endsAt: deployment.endsAt, retentionDays: 31 });
const purges = () => readJournal(file()).filter((e) => e.type === 'retention-purge');

async function takeAlert(station: Station, overrides: Parameters<typeof makeAlert>[1] = {}) {
  const alert = makeAlert(scenario, { scene: false, ...overrides });
  expect(await station.handleAlert(alert)).toEqual({ status: 'stored' });
  return alert.alertId;
}

async function decide(station: Station, alertId: string) {
  expect(await jobsOf(station).alertShown({ alertId })).toMatchObject({ ok: true });
  return jobsOf(station).recordDecision({
    alertId,
    decision: 'no-engage',
    reasons: [REASON_CODES[2]!.code],
    rationale: 'Jawline and eye spacing differ clearly from the reference.',
  });
}

/** A station with the deployment and two decided alerts. */
async function deployedWithDecisions() {
  const station = await newStation();
  await station.handleDeployment(deployment);
  const ids = [await takeAlert(station), await takeAlert(station)];
  await jobsOf(station).signIn(OFFICER);
  for (const id of ids) expect((await decide(station, id)).ok).toBe(true);
  await jobsOf(station).signOut({});
  const alerts = station.snapshot().alerts;
  const hashes = [...new Set(alerts.flatMap(hashesOf))].sort();
  return { station, ids, hashes };
}

describe('retention purge', () => {
  it('keeps images until retentionDays after the window closed, then deletes exactly those and journals their hashes', async () => {
    const { station, hashes } = await deployedWithDecisions();
    expect(station.snapshot().retention).toEqual({
      deploymentId: deployment.deploymentId,
      endsAt: deployment.endsAt,
      purgeAfter: new Date(Date.parse(deployment.endsAt) + 31 * DAY).toISOString(),
      legalHold: null,
      purgedImages: 0,
    });

    clock = purgeAt() - 1000;
    expect(await station.runRetention()).toEqual([
      { deploymentId: deployment.deploymentId, status: 'not-due' },
    ]);
    expect(hashes.every((h) => existsSync(imagePath(h)))).toBe(true);
    expect(purges()).toHaveLength(0);

    clock = purgeAt();
    const [result] = await station.runRetention();
    expect(result).toMatchObject({ status: 'purged', images: hashes, unreferenced: [] });
    expect(hashes.some((h) => existsSync(imagePath(h)))).toBe(false);
    const [entry] = purges();
    expect(entry!.data).toEqual({
      images: hashes,
      reason: 'retention',
      retentionDays: 31,
      endedAt: deployment.endsAt,
      purgeAfter: new Date(purgeAt()).toISOString(),
    });
    expect(entry!.actor).toBeNull();

    // Decisions and metadata stay; the renderer is told the images are gone.
    const snap = station.snapshot();
    expect(snap.alerts.map((a) => a.decisions.length)).toEqual([1, 1]);
    expect(snap.alerts.every((a) => a.probe.url === null && a.subject.image.url === null)).toBe(true);
    expect(snap.retention!.purgedImages).toBe(hashes.length);
    const kinds = readJournal(file()).map((e) => e.type);
    expect(kinds.filter((k) => k === 'decision')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'alert-received')).toHaveLength(2);

    const report = await verifyJournal(file());
    expect(report.ok).toBe(true);
    expect(report.images).toMatchObject({ purged: hashes.length, missing: [], altered: [] });

    // A second run has nothing new to purge and writes nothing.
    clock += 3_600_000;
    expect((await station.runRetention())[0]!.status).toBe('nothing-to-purge');
    expect(purges()).toHaveLength(1);
  });

  it('runs at the next start over what was loaded, and journals an image deleted just before a crash', async () => {
    const { station, hashes } = await deployedWithDecisions();
    await station.close();
    // The delete happened, the entry did not (a crash in between): the file is gone, unjournalled.
    await rm(imagePath(hashes[0]!));
    expect((await verifyJournal(file())).ok).toBe(false);

    clock = purgeAt() + DAY;
    const again = await newStation();
    // The clock is far past the journal's last entry at start: retention waits until the feed agrees.
    expect((await again.runRetention())[0]).toMatchObject({ status: 'waiting' });
    const confirming = makeAlert(scenario, { scene: false, capturedAt: new Date(clock).toISOString() });
    expect(await again.handleAlert(confirming)).toMatchObject({ status: 'rejected' });
    // The confirmation sets retention going; a run after it finds it done.
    expect((await again.runRetention())[0]).toMatchObject({ status: 'nothing-to-purge' });
    expect(purges()[0]!.data.images).toEqual(hashes);
    const report = await verifyJournal(file());
    expect(report.ok).toBe(true);
    expect(report.images.purged).toBe(hashes.length);
  });

  it('keeps the images of an alert still awaiting a decision, and purges them once it is decided', async () => {
    const station = await newStation();
    await station.handleDeployment(deployment);
    const decided = await takeAlert(station);
    const pending = await takeAlert(station);
    await jobsOf(station).signIn(OFFICER);
    expect((await decide(station, decided)).ok).toBe(true);

    clock = purgeAt() + 1;
    const byId = (id: string) => station.snapshot().alerts.find((a) => a.alertId === id)!;
    const keep = hashesOf(byId(pending));
    const [first] = await station.runRetention();
    const gone = hashesOf(byId(decided)).filter((h) => !keep.includes(h));
    expect(first).toMatchObject({ status: 'purged', images: gone.sort() });
    expect(purges()[0]!.data.keptForPendingAlerts).toEqual([...keep].sort());
    expect(keep.every((h) => existsSync(imagePath(h)))).toBe(true);
    expect(byId(pending).probe.url).not.toBeNull();

    // Alerts already taken must still be decided, even long after the window closed.
    expect((await decide(station, pending)).ok).toBe(true);
    const [second] = await station.runRetention();
    expect(second).toMatchObject({ status: 'purged' });
    expect(keep.some((h) => existsSync(imagePath(h)))).toBe(false);
    expect((await verifyJournal(file())).ok).toBe(true);
  });

  it('deletes image files no entry names (stored just before a crash) and lists them apart', async () => {
    const { station, hashes } = await deployedWithDecisions();
    const bytes = randomBytes(64);
    const orphan = createHash('sha256').update(bytes).digest('hex');
    await writeFile(imagePath(orphan), bytes);
    clock = purgeAt();
    const [result] = await station.runRetention();
    expect(result).toMatchObject({ status: 'purged', images: hashes, unreferenced: [orphan] });
    expect(existsSync(imagePath(orphan))).toBe(false);
    expect(purges()[0]!.data.unreferenced).toEqual([orphan]);
    expect((await verifyJournal(file())).ok).toBe(true);
  });

  it('never purges a journal set aside as tampered at start: its images move with it, untouched', async () => {
    const { station, hashes } = await deployedWithDecisions();
    await station.close();
    const lines = readFileSync(file(), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"decision"'));
    lines[i] = lines[i]!.replace('no-engage', 'engage');
    const tampered = lines.join('\n');
    writeFileSync(file(), tampered);

    clock = purgeAt() + DAY;
    const again = await newStation();
    // Issue 21: set aside (moved as found, with its images), and the station goes on.
    const [aside] = readdirSync(join(root, 'set-aside'));
    const asideDir = join(root, 'set-aside', aside!);
    expect(readFileSync(join(asideDir, 'journal.jsonl'), 'utf8')).toBe(tampered);
    await again.runRetention();
    expect(hashes.every((h) => existsSync(join(asideDir, 'images', h)))).toBe(true);
  });

  it('refuses to purge when the journal was altered on disk after it was opened', async () => {
    const { station, hashes } = await deployedWithDecisions();
    const text = readFileSync(file(), 'utf8');
    writeFileSync(file(), text.replace('"decision":"no-engage"', '"decision":"engage"'));
    clock = purgeAt();
    const [result] = await station.runRetention();
    expect(result).toMatchObject({ status: 'refused', reason: expect.stringMatching(/seq \d+/) });
    expect(hashes.every((h) => existsSync(imagePath(h)))).toBe(true);
    expect(station.snapshot().fatal).toMatch(/retention refused/);
    // And nothing more is taken for it.
    expect((await station.handleAlert(makeAlert(scenario, { scene: false }))).status).toBe('rejected');
  });
});

describe('legal hold', () => {
  it('is a signed-in supervisor’s to place, with a reason, and stops the purge until released', async () => {
    const { station, hashes } = await deployedWithDecisions();
    const hold = { deploymentId: deployment.deploymentId, active: true, reason: 'Civil claim 2025/114' };

    expect(await jobsOf(station).setLegalHold(hold)).toEqual({
      ok: false,
      error: expect.stringMatching(/supervisor/),
    });
    await jobsOf(station).signIn(OFFICER);
    expect((await jobsOf(station).setLegalHold(hold)).ok).toBe(false);
    await jobsOf(station).signOut({});

    await jobsOf(station).signIn(SUPERVISOR);
    expect(await jobsOf(station).setLegalHold(hold)).toEqual({ ok: true });
    expect((await jobsOf(station).setLegalHold(hold)).ok).toBe(false); // already held
    expect((await jobsOf(station).setLegalHold({ ...hold, deploymentId: 'no-such-deployment' })).ok).toBe(
      false,
    );
    const entry = readJournal(file()).find((e) => e.type === 'legal-hold')!;
    expect(entry.actor).toEqual({ id: SUPERVISOR.id, name: SUPERVISOR.name });
    expect(entry.data).toEqual({ active: true, reason: 'Civil claim 2025/114' });
    expect(station.snapshot().retention!.legalHold).toEqual({
      reason: 'Civil claim 2025/114',
      by: { id: SUPERVISOR.id, name: SUPERVISOR.name },
      at: entry.at,
    });

    clock = purgeAt() + 10 * DAY;
    expect((await station.runRetention())[0]!.status).toBe('held');
    expect(hashes.every((h) => existsSync(imagePath(h)))).toBe(true);

    // The hold survives a restart (it lives in the journal).
    await station.close();
    const again = await newStation();
    expect((await again.runRetention())[0]!.status).toBe('held');
    expect(again.snapshot().retention!.legalHold?.reason).toBe('Civil claim 2025/114');

    await jobsOf(again).signIn(SUPERVISOR);
    const release = { ...hold, active: false, reason: 'Claim settled; images no longer needed' };
    expect(await jobsOf(again).setLegalHold(release)).toEqual({ ok: true });
    expect((await jobsOf(again).setLegalHold(release)).ok).toBe(false); // nothing to release
    const released = readJournal(file())
      .filter((e) => e.type === 'legal-hold')
      .at(-1)!;
    expect(released.data).toEqual({ active: false, reason: release.reason });
    expect(released.actor).toEqual({ id: SUPERVISOR.id, name: SUPERVISOR.name });
    expect(again.snapshot().retention!.legalHold).toBeNull();

    expect((await again.runRetention())[0]).toMatchObject({ status: 'purged', images: hashes });
    expect((await verifyJournal(file())).ok).toBe(true);
  });
});

describe('after the authorised window', () => {
  it('refuses alerts captured after endsAt but takes one captured inside the window that arrives late', async () => {
    const station = await newStation();
    await station.handleDeployment(deployment);
    clock = Date.parse(deployment.endsAt) + 3_600_000;
    const late = makeAlert(scenario, { scene: false });
    expect(await station.handleAlert(late)).toEqual({
      status: 'rejected',
      reason: 'outside the authorised window',
    });
    const delayed = makeAlert(scenario, {
      scene: false,
      capturedAt: isoWithOffset(new Date(Date.parse(deployment.endsAt) - 60_000)),
    });
    expect(await station.handleAlert(delayed)).toEqual({ status: 'stored' });
    expect(station.snapshot().counts).toMatchObject({ rejected: 1, outsideWindow: 1, undecided: 1 });
    expect(station.snapshot().safeguards.map((w) => w.code)).toContain('ended');
  });
});

describe('settings permissions', () => {
  it('lets an officer change sound only, a supervisor everything, and nobody signed out', async () => {
    const station = await newStation();
    await station.handleDeployment(deployment);
    expect((await jobsOf(station).updateSettings({ sound: false })).ok).toBe(false);

    await jobsOf(station).signIn(OFFICER);
    expect(await jobsOf(station).updateSettings({ sound: false })).toEqual({ ok: true });
    const refused = await jobsOf(station).updateSettings({ twoPersonTiers: ['red'] });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/supervisor/) });
    expect((await jobsOf(station).updateSettings({ sound: true, dwellMs: 0 })).ok).toBe(false);
    expect(station.snapshot().settings).toMatchObject({ sound: false, twoPersonTiers: [] });
    await jobsOf(station).signOut({});

    await jobsOf(station).signIn(SUPERVISOR);
    expect(
      await jobsOf(station).updateSettings({ twoPersonTiers: ['red'], breakAfterMs: 30 * 60_000 }),
    ).toEqual({ ok: true });
    expect(station.snapshot().settings).toMatchObject({ twoPersonTiers: ['red'], breakAfterMs: 1_800_000 });
    const changes = readJournal(file()).filter((e) => e.type === 'settings-changed');
    expect(changes.map((e) => [e.actor?.id, e.data])).toEqual([
      [OFFICER.id, { sound: false }],
      [SUPERVISOR.id, { twoPersonTiers: ['red'], breakAfterMs: 1_800_000 }],
    ]);
  });
});
