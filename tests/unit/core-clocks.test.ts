/**
 * Issue 21 item 6 in the core: the idle lock, a proof's freshness, the welfare check and
 * escalation run on the station's monotonic clock. With both clocks injected, the wall
 * clock stepped forward 40 days or back an hour changes none of them; only time passing on
 * the monotonic clock does. Journal times still follow the wall clock, with the step itself
 * on the record (clock-step). Real station, real identity gate and accounts, real files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccessControl,
  DEFAULT_LOCK_AFTER_MS,
  FRESH_PROOF_MS,
} from '../../electron/core/auth/access-control';
import { IdentityGate } from '../../electron/core/auth/identity-gate';
import { createEphemeralSigner } from '../../electron/core/identity';
import { Station } from '../../electron/core/station';
import { signIn } from '../../electron/core/station/officer';
import { tick } from '../../electron/core/station/timers';
import { createScenario, makeAlert } from '../../electron/simulator/scenario';
import { DEFAULT_SETTINGS } from '../../shared/vocabulary';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { jobsOf } from '../helpers/station';
import { journalFile, readJournal } from '../integration/util';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const OFFICER = { id: 'PC 66', name: 'Cai Morris', role: 'officer' as const };
/** The station's two clocks: a wall clock the test steps, a monotonic one that only runs. */
const clocks = { wall: 0, mono: 0 };
let root: string;
let station: Station;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'rs-core-clocks-'));
  clocks.wall = Date.parse('2026-06-01T09:00:00.000Z');
  clocks.mono = 5_000;
  station = new Station({
    root,
    signer: createEphemeralSigner(),
    appVersion: 'test',
    training: false,
    mode: 'browser',
    settings: { ...DEFAULT_SETTINGS, dwellMs: 0, breakAfterMs: 2 * HOUR },
    now: () => clocks.wall,
    mono: () => clocks.mono,
  });
  await station.load();
});
afterEach(async () => {
  await station.close();
  rmSync(root, { recursive: true, force: true });
});

/** Access control in front of the station, as auth/wire-access.ts puts it there. */
async function accessFor() {
  await addAccounts(root, [OFFICER]);
  const access = new AccessControl({
    gate: new IdentityGate({ dataDir: root, training: false, now: () => clocks.wall }),
    station: {
      session: station.session,
      signIn: (identity, client) => signIn(station, identity, client),
      push: () => undefined,
      sessionLocked: () => undefined,
    },
    now: () => clocks.wall,
    mono: () => clocks.mono,
  });
  const signedIn = await access.signIn(
    { method: 'local', id: OFFICER.id, password: passwordFor(OFFICER.id) },
    { client: 'local' },
  );
  expect(signedIn).toMatchObject({ ok: true });
  return access;
}

/** The wall clock stepped: forward 40 days, then back an hour (no time passes). */
function stepTheWallClock(check: () => void) {
  clocks.wall += 40 * DAY;
  check();
  clocks.wall -= 40 * DAY + HOUR;
  check();
}

describe('the idle lock and a proof on the monotonic clock', () => {
  it('a wall clock stepped forward 40 days or back an hour locks nobody; 15 minutes idle does', async () => {
    const access = await accessFor();
    const locked = () => station.session.signedIn!.locked;
    stepTheWallClock(() => {
      access.tick();
      expect(locked()).toBe(false);
      // What the screen is told: the proof stays fresh for its five minutes from the wall clock now.
      expect(Date.parse(access.view().proofFreshUntil!) - clocks.wall).toBe(FRESH_PROOF_MS);
    });
    clocks.mono += DEFAULT_LOCK_AFTER_MS - 1;
    access.tick();
    expect(locked()).toBe(false);
    expect(access.view().proofFreshUntil).not.toBeNull();
    clocks.mono += 1;
    access.tick();
    expect(locked()).toBe(true);
  });

  it('activity keeps the session open only while the monotonic clock says it is recent', async () => {
    const access = await accessFor();
    clocks.mono += DEFAULT_LOCK_AFTER_MS - 1000;
    access.touched('local');
    clocks.wall += 40 * DAY;
    clocks.mono += DEFAULT_LOCK_AFTER_MS - 1000;
    access.tick();
    expect(station.session.signedIn!.locked).toBe(false);
    clocks.mono += 1000;
    access.tick();
    expect(station.session.signedIn!.locked).toBe(true);
  });
});

describe('welfare and escalation on the monotonic clock', () => {
  it('a stepped wall clock prompts no break and escalates nothing; time passing does both', async () => {
    const scenario = createScenario({ seed: 61, now: () => new Date(clocks.wall) });
    await station.handleDeployment(scenario.deployment);
    await jobsOf(station).signIn(OFFICER);
    expect(await station.handleAlert(makeAlert(scenario, { scene: false }))).toEqual({ status: 'stored' });
    const id = scenario.deployment.deploymentId;
    const journal = () => readJournal(journalFile(root, id));
    const alert = () => station.snapshot().alerts[0]!;

    clocks.wall += 40 * DAY;
    await tick(station);
    expect(station.snapshot().breakDue).toBe(false);
    expect(alert().escalated).toBe(false);
    clocks.wall -= 40 * DAY + HOUR;
    await tick(station);
    expect(station.snapshot().breakDue).toBe(false);
    expect(alert().escalated).toBe(false);
    expect(journal().filter((e) => e.type === 'welfare-prompt' || e.type === 'alert-escalated')).toEqual([]);
    // Both steps are on the record, and `at` follows the wall clock.
    expect(journal().filter((e) => e.type === 'clock-step')).toHaveLength(2);

    clocks.mono += DEFAULT_SETTINGS.escalateAfterMs;
    await tick(station);
    expect(alert().escalated).toBe(true);
    const escalated = journal().find((e) => e.type === 'alert-escalated')!;
    expect(escalated.data.undecidedForMs).toBe(DEFAULT_SETTINGS.escalateAfterMs);
    expect(escalated.at).toBe(new Date(clocks.wall).toISOString());
    expect(station.snapshot().breakDue).toBe(false);

    clocks.mono += 2 * HOUR - DEFAULT_SETTINGS.escalateAfterMs;
    expect(station.snapshot().breakDue).toBe(true);
    await tick(station);
    const prompt = journal().find((e) => e.type === 'welfare-prompt')!;
    expect(prompt.data.reviewingForMs).toBe(2 * HOUR);
    // A break resets the stretch on the monotonic clock; "continue" (a snooze) waits on it too.
    expect(await jobsOf(station).welfare({ action: 'continue' })).toEqual({ ok: true });
    clocks.wall += 40 * DAY;
    expect(station.snapshot().breakDue).toBe(false);
    expect(await jobsOf(station).welfare({ action: 'break-taken' })).toEqual({ ok: true });
    clocks.mono += 2 * HOUR - 1;
    expect(station.snapshot().breakDue).toBe(false);
    clocks.mono += 1;
    expect(station.snapshot().breakDue).toBe(true);
  });
});
