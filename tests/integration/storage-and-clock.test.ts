/**
 * Issue 10 items 7 and 8 on the real station core and real files. Storage: a disk that
 * fills up (a small tmpfs when this runs as root, else an injected write error), and a
 * journal deleted under the station. Clocks: the wall clock and the monotonic clock are
 * injected, and the wall clock is stepped.
 */
import { jobsOf } from '../helpers/station';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open, statfs, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { verifyJournal } from '../../electron/core/journal/verify';
import { purgeAfterMs } from '../../electron/core/retention';
import type { Station } from '../../electron/core/station';
import { tick } from '../../electron/core/station/timers';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import { REASON_CODES } from '../../shared/decision-rules';
import { DEFAULT_SETTINGS } from '../../shared/vocabulary';
import { journalFile, readJournal, waitFor } from './util';
import { loadTestStation } from '../helpers/loaded-station';

const signer = createEphemeralSigner();
const stations: Station[] = [];
const unmount: Array<() => void> = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.close().catch(() => undefined);
  for (const u of unmount.splice(0)) u();
  vi.restoreAllMocks();
});

/** A folder on a 3 MiB tmpfs when mounting is allowed (root), else a plain temporary folder. */
function smallDisk(): { dir: string; real: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
    unmount.push(() => execFileSync('umount', ['-l', dir]));
    return { dir, real: true };
  } catch {
    return { dir, real: false };
  }
}

/** Fill the disk to the last byte (a tmpfs), or make every write fail with ENOSPC (injected). */
async function fillDisk(disk: { dir: string; real: boolean }): Promise<() => Promise<void>> {
  if (!disk.real) {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const spy = vi.spyOn(ImageStore.prototype, 'put').mockRejectedValue(error);
    return async () => spy.mockRestore();
  }
  const filler = join(disk.dir, 'filler');
  const handle = await open(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await handle.write(chunk);
  } catch {
    // ENOSPC: full. Top up the last partial block.
    for (let size = 4096; size >= 1; size = Math.floor(size / 2))
      await handle.write(Buffer.alloc(size)).catch(() => undefined);
  }
  await handle.close();
  expect((await statfs(disk.dir)).bavail).toBe(0);
  return () => unlink(filler);
}

/**
 * Journal writes fail as on a disk turned read-only (EROFS). Injected: a tmpfs cannot be
 * remounted read-only while the station holds its journal open for writing.
 */
function readOnly(): () => void {
  const error = Object.assign(new Error('EROFS: read-only file system, write'), { code: 'EROFS' });
  const spy = vi.spyOn(Journal.prototype, 'appendEntry').mockRejectedValue(error);
  return () => spy.mockRestore();
}

async function newStation(
  root: string,
  opts: { now?: () => number; mono?: () => number } = {},
  dwellMs = 10_000,
) {
  return loadTestStation(stations, { root, signer, settings: { ...DEFAULT_SETTINGS, dwellMs }, ...opts });
}

describe('storage failures', () => {
  it('a full disk: not acknowledged, decision not saved and why, banner, recovers by itself', async () => {
    const disk = smallDisk();
    const root = join(disk.dir, 'data');
    mkdirSync(root);
    const scenario = createScenario({ seed: 21 });
    const station = await newStation(root, { now: () => Date.now() }, 0);
    await station.handleDeployment(scenario.deployment);
    const first = makeAlert(scenario, { scene: false });
    expect(await station.handleAlert(first)).toEqual({ status: 'stored' });
    await jobsOf(station).signIn({ id: 'PC 12', name: 'Lee Moss', role: 'officer' });
    expect(await jobsOf(station).alertShown({ alertId: first.alertId })).toMatchObject({ ok: true });

    const freeSpace = await fillDisk(disk);
    const second = makeAlert(scenario, { scene: false });
    // Not stored, so not acknowledged: the promise fails and the feed client answers nothing.
    await expect(station.handleAlert(second)).rejects.toThrow(/not saved: the disk is full/);
    expect(station.snapshot().reliability!.storage).toMatchObject({
      ok: false,
      cause: 'the disk is full',
      why: { code: 'disk-full' },
      since: expect.any(String),
    });
    await freeSpace();
    station.startTicking();
    await waitFor(() => station.snapshot().reliability!.storage.ok, 'storage to recover', 20_000);
    expect(await station.handleAlert(second)).toEqual({ status: 'stored' });

    // Read-only: the decision says it was not saved and why, and nothing of it is kept.
    const writable = readOnly();
    const decide = () =>
      jobsOf(station).recordDecision({
        alertId: first.alertId,
        decision: 'no-engage',
        reasons: [REASON_CODES[2]!.code],
        rationale: 'Different ear shape and hairline from the reference image.',
      });
    expect(await decide()).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The decision was NOT saved: the disk has become read-only\./),
    });
    expect(station.snapshot().reliability!.storage).toMatchObject({
      ok: false,
      cause: 'the disk has become read-only',
    });
    expect(station.snapshot().alerts.find((a) => a.alertId === first.alertId)!.decisions).toEqual([]);
    writable();
    await waitFor(() => station.snapshot().reliability!.storage.ok, 'storage to recover', 20_000);
    expect(await decide()).toMatchObject({ ok: true, revision: 1 });
    const file = journalFile(root, scenario.deployment.deploymentId);
    expect((await verifyJournal(file)).ok).toBe(true);
    const entries = readJournal(file);
    expect(entries.filter((e) => e.type === 'alert-received')).toHaveLength(2);
    expect(entries.filter((e) => e.type === 'decision')).toHaveLength(1);
  });

  it('a journal deleted under the station: detected before the next write, never written into, shown', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-gone-'));
    const scenario = createScenario({ seed: 22 });
    const station = await newStation(root);
    await station.handleDeployment(scenario.deployment);
    expect(await station.handleAlert(makeAlert(scenario, { scene: false }))).toEqual({ status: 'stored' });
    await unlink(journalFile(root, scenario.deployment.deploymentId));
    await expect(station.handleAlert(makeAlert(scenario, { scene: false }))).rejects.toThrow(
      /not saved: the journal file \S+ was deleted while the station was using it\. Keep the station running and tell your supervisor/,
    );
    // Recovery does not paper over it: no new journal appears in its place.
    await tick(station);
    expect(station.snapshot().reliability!.storage).toMatchObject({ ok: false });
    await expect(open(journalFile(root, scenario.deployment.deploymentId))).rejects.toThrow(/ENOENT/);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('clocks', () => {
  it('measures dwell on the monotonic clock: a wall clock put back an hour does not stretch it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-mono-'));
    let wall = Date.now();
    let mono = 1_000;
    const scenario = createScenario({ seed: 23, now: () => new Date(wall) });
    const station = await newStation(root, { now: () => wall, mono: () => mono });
    await station.handleDeployment(scenario.deployment);
    const alert = makeAlert(scenario, { scene: false });
    await station.handleAlert(alert);
    await jobsOf(station).signIn({ id: 'PC 3', name: 'Ade Bello', role: 'officer' });
    await jobsOf(station).alertShown({ alertId: alert.alertId });
    wall -= 3_600_000;
    mono += 2_000;
    const decide = () =>
      jobsOf(station).recordDecision({
        alertId: alert.alertId,
        decision: 'no-engage',
        reasons: [REASON_CODES[2]!.code],
        rationale: 'The nose bridge and jaw differ from the reference image.',
      });
    expect(await decide()).toMatchObject({ ok: false, error: 'Look at the images for 8 s more.' });
    mono += 8_000;
    expect(await decide()).toMatchObject({ ok: true });
    // The step is on the record, and `at` went back only in the entry right after it.
    const entries = readJournal(journalFile(root, scenario.deployment.deploymentId));
    expect(entries.filter((e) => e.type === 'clock-step')).toHaveLength(1);
    for (let i = 1; i < entries.length; i++)
      if (entries[i - 1]!.type !== 'clock-step')
        expect(Date.parse(entries[i]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[i - 1]!.at));
  });

  it('escalates on elapsed time, not on a wall clock moved forward', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-esc-'));
    let wall = Date.now();
    let mono = 0;
    const scenario = createScenario({ seed: 24, now: () => new Date(wall) });
    const station = await newStation(root, { now: () => wall, mono: () => mono });
    await station.handleDeployment(scenario.deployment);
    const alert = makeAlert(scenario, { scene: false });
    await station.handleAlert(alert);
    wall += 6 * 3_600_000; // the wall clock jumps; no time has passed
    await tick(station);
    expect(station.snapshot().alerts[0]!.escalated).toBe(false);
    mono += DEFAULT_SETTINGS.escalateAfterMs;
    await tick(station);
    expect(station.snapshot().alerts[0]!.escalated).toBe(true);
  });

  it('retention waits on a clock far past the journal, says why, and goes ahead once the feed agrees', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-doubt-'));
    const start = Date.parse('2026-03-01T09:00:00.000Z');
    const deployment = makeDeployment({ seed: 25, now: new Date(start) });
    let wall = start;
    const scenario = createScenario({ seed: 25, deployment, now: () => new Date(wall) });
    const first = await newStation(root, { now: () => wall });
    await first.handleDeployment(deployment);
    await first.handleAlert(makeAlert(scenario, { scene: false }));
    await first.close();
    stations.length = 0;

    // The station starts again with its clock past the purge date: far beyond the journal's last entry.
    wall = purgeAfterMs({ endsAt: deployment.endsAt, retentionDays: 31 }) + 3_600_000;
    const second = await newStation(root, { now: () => wall });
    const results = await second.runRetention();
    expect(results).toEqual([
      {
        deploymentId: deployment.deploymentId,
        status: 'waiting',
        reason: expect.stringMatching(/more than a day after the last journal entry/),
      },
    ]);
    expect(second.snapshot().reliability!.clock.doubt).toMatch(/retention waits until the feed/);
    const file = journalFile(root, deployment.deploymentId);
    expect(readJournal(file).some((e) => e.type === 'retention-purge')).toBe(false);

    // An alert captured now (refused: the window is long past) confirms the clock.
    await second.handleAlert(makeAlert(scenario, { scene: false, capturedAt: new Date(wall).toISOString() }));
    expect(second.snapshot().reliability!.clock.doubt).toBeNull();
    // It runs now (the one alert is still undecided, so its images are kept).
    expect((await second.runRetention())[0]).toMatchObject({ status: 'nothing-to-purge' });
  });
});
