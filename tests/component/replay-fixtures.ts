/** A small hand-made replay (three alerts over ten minutes) and helpers to open it in the App. */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { vi } from 'vitest';
import type {
  ClockStep,
  DeploymentListing,
  Integrity,
  ReplayAlert,
  ReplayData,
  ReplayEvent,
} from '../../shared/replay';
import {
  T0,
  flush,
  iso,
  makeAlert,
  makeDecision,
  makeOutcome,
  makeSnapshot,
  renderApp,
  uuid,
} from './fixtures';

export const ALEX = { id: 'PC100', name: 'Alex Moss' };
export const JO = { id: 'PC200', name: 'Jo Kerr' };
export const SUPERVISOR = { id: 'SGT1', name: 'Sam Reid' };

export const IDS = { a: uuid(9001), b: uuid(9002), c: uuid(9003) };

export const RATIONALE_1 = 'Same scar above the left eyebrow, same jawline.';
export const RATIONALE_2 = 'Amended: the stop showed a different person, jawline differs.';

export function integrity(o: Partial<Integrity> = {}): Integrity {
  return {
    status: 'verified',
    verdict: {
      kind: 'verified',
      key: {
        stationId: 'station-fixture',
        publicKey: 'A'.repeat(43),
        fingerprint: '0000:1111:2222:3333:4444:5555:6666:7777',
        trust: 'trust-list',
        label: 'this station',
      },
      lastSigned: { seq: 13, at: '2026-03-22T10:15:00.000Z' },
    },
    failure: null,
    entries: 14,
    checkpoints: 0,
    lastCheckpoint: null,
    images: { checked: 9, purged: 0, missing: 0, altered: 0 },
    verifiedAt: iso(700_000),
    ...o,
  };
}

export const TAMPERED = integrity({
  status: 'tampered',
  verdict: { kind: 'tampered', seq: 7, reason: 'hash does not match the entry' },
  failure: { seq: 7, reason: 'hash does not match the entry' },
});

/**
 * A (amber, Camera North): received 60 s, shown to Alex at 62 s, engage at 90 s, outcome
 * confirmed-false at 240 s, amended to no-engage at 300 s.
 * B (red, Camera South): received 120 s, shown to Jo at 121 s, engage at 180 s, confirmed true at 260 s.
 * C (green, Camera North): received 420 s, never decided, probe image purged.
 */
export function makeReplay(o: { integrity?: Integrity; clockSteps?: ClockStep[] } = {}): ReplayData {
  const a: ReplayAlert = {
    ...makeAlert({
      alertId: IDS.a,
      seq: 1,
      tier: 'amber',
      camera: 'Camera North',
      capturedAt: iso(59_000),
      receivedAt: iso(60_000),
      score: 0.712,
      status: 'decided',
      shownAt: iso(62_000),
      decisions: [
        makeDecision({
          revision: 1,
          decision: 'engage',
          reasons: ['subject-likeness-strong'],
          rationale: RATIONALE_1,
          operator: ALEX,
          shownAt: iso(62_000),
          decidedAt: iso(90_000),
          journal: { seq: 6, hash: 'a'.repeat(64) },
        }),
        makeDecision({
          revision: 2,
          decision: 'no-engage',
          reasons: ['subject-features-differ'],
          rationale: RATIONALE_2,
          operator: ALEX,
          shownAt: iso(62_000),
          decidedAt: iso(300_000),
          journal: { seq: 11, hash: 'b'.repeat(64) },
        }),
      ],
      outcomes: [makeOutcome({ result: 'confirmed-false', action: 'advice', recordedAt: iso(240_000) })],
    }),
    camera: { id: 'cam-n', label: 'Camera North' },
    shown: [{ at: iso(62_000), operator: ALEX }],
    reviews: [],
    timeToDecisionMs: 28_000,
  };
  const b: ReplayAlert = {
    ...makeAlert({
      alertId: IDS.b,
      seq: 2,
      tier: 'red',
      camera: 'Camera South',
      capturedAt: iso(119_000),
      receivedAt: iso(120_000),
      score: 0.83,
      status: 'decided',
      shownAt: iso(121_000),
      decisions: [
        makeDecision({
          revision: 1,
          decision: 'engage',
          rationale: 'Tattoo on the neck and the jawline both match.',
          operator: JO,
          shownAt: iso(121_000),
          decidedAt: iso(180_000),
          journal: { seq: 9, hash: 'c'.repeat(64) },
        }),
      ],
      outcomes: [makeOutcome({ result: 'confirmed-true', recordedAt: iso(260_000), recordedBy: JO })],
    }),
    camera: { id: 'cam-s', label: 'Camera South' },
    shown: [{ at: iso(121_000), operator: JO }],
    reviews: [],
    timeToDecisionMs: 59_000,
  };
  const cBase = makeAlert({
    alertId: IDS.c,
    seq: 3,
    tier: 'green',
    camera: 'Camera North',
    capturedAt: iso(419_000),
    receivedAt: iso(420_000),
    score: 0.655,
  });
  const c: ReplayAlert = {
    ...cBase,
    camera: { id: 'cam-n', label: 'Camera North' },
    probe: { ...cBase.probe, url: null },
    shown: [],
    reviews: [],
    timeToDecisionMs: null,
  };

  const ev = (
    seq: number,
    ms: number,
    type: string,
    alertId: string | null,
    summary: string,
  ): ReplayEvent => ({
    seq,
    at: iso(ms),
    type,
    alertId,
    actor: null,
    summary,
  });
  const events: ReplayEvent[] = [
    ev(1, 0, 'journal-opened', null, 'Journal opened'),
    ev(2, 10_000, 'operator-signed-in', null, 'Alex Moss signed in as officer'),
    ev(3, 60_000, 'alert-received', IDS.a, 'Amber alert received from Camera North'),
    ev(4, 62_000, 'alert-shown', IDS.a, 'Alert shown to Alex Moss'),
    ev(6, 90_000, 'decision', IDS.a, 'PC100 decided engage (revision 1)'),
    ev(7, 120_000, 'alert-received', IDS.b, 'Red alert received from Camera South'),
    ev(8, 121_000, 'alert-shown', IDS.b, 'Alert shown to Jo Kerr'),
    ev(9, 180_000, 'decision', IDS.b, 'PC200 decided engage (revision 1)'),
    ev(10, 240_000, 'outcome', IDS.a, 'Outcome confirmed false'),
    ev(11, 260_000, 'outcome', IDS.b, 'Outcome confirmed true'),
    ev(12, 300_000, 'decision', IDS.a, 'PC100 decided no-engage (revision 2)'),
    ev(13, 420_000, 'alert-received', IDS.c, 'Green alert received from Camera North'),
  ];

  return {
    key: 'station:dep-1',
    source: 'station',
    deploymentId: 'dep-1',
    training: false,
    deployment: null,
    integrity: o.integrity ?? integrity(),
    alerts: [a, b, c],
    events,
    rejected: [{ at: iso(30_000), seq: 2, alertId: null, code: 'outside-window', reason: 'before startsAt' }],
    clockSteps: o.clockSteps ?? [],
    safeguards: [
      {
        at: iso(0),
        code: 'low-threshold',
        severity: 'warning',
        title: 'Low threshold',
        detail: 'Below 0.60.',
      },
    ],
    operators: [
      { operator: { ...ALEX, role: 'officer' }, from: iso(10_000), to: iso(500_000) },
      { operator: { ...JO, role: 'officer' }, from: iso(100_000), to: null },
    ],
    reviews: [],
    range: { from: iso(0), to: iso(600_000) },
  };
}

export function listing(o: Partial<DeploymentListing> = {}): DeploymentListing {
  return {
    key: 'station:dep-1',
    source: 'station',
    deploymentId: 'dep-1',
    title: 'High Street, Saturday',
    training: false,
    startsAt: iso(0),
    endsAt: iso(3_600_000),
    firstEntryAt: iso(0),
    lastEntryAt: iso(600_000),
    alerts: 3,
    decided: 2,
    integrity: null,
    legalHold: null,
    ...o,
  };
}

export const supervisorSnapshot = () =>
  makeSnapshot({
    operator: { ...SUPERVISOR, role: 'supervisor', signedInAt: iso(-60_000), reviewSince: iso(-60_000) },
  });

/** Canvas has no 2D context in jsdom; say so quietly so charts fall back to their tables. */
export function noCanvas() {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
}

/** Sign in as a supervisor, go to Replay and open the fixture replay. */
export async function openFixtureReplay(replay: ReplayData = makeReplay()) {
  noCanvas();
  const app = await renderApp(supervisorSnapshot());
  app.fake.bridge.listDeployments.mockResolvedValue({ ok: true, deployments: [listing()] });
  app.fake.bridge.openReplay.mockResolvedValue({ ok: true, replay });
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('button', { name: 'Replay' }),
  );
  await flush();
  fireEvent.click(await screen.findByRole('button', { name: 'Open High Street, Saturday' }));
  await flush();
  await act(async () => {
    await Promise.resolve();
  });
  return { ...app, replay };
}

/** Move the scrub slider to T0 + ms. */
export function scrubTo(ms: number) {
  fireEvent.change(screen.getByRole('slider', { name: 'Replay time' }), {
    target: { value: String(ms / 1000) },
  });
}

export { T0 };

/** n alerts, one every 3 s, tiers and decisions in turn; for shape, not timing, checks. */
export function makeBigReplay(n: number): ReplayData {
  const base = makeReplay();
  const template = base.alerts[0]!;
  const tiers = ['red', 'amber', 'green'] as const;
  const alerts: ReplayAlert[] = [];
  const events: ReplayEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = iso(i * 3000);
    const decided = i % 4 !== 3;
    const decision = makeDecision({
      decision: i % 2 ? 'engage' : 'no-engage',
      operator: i % 3 ? ALEX : JO,
      decidedAt: iso(i * 3000 + 2000),
    });
    alerts.push({
      ...template,
      alertId: uuid(100_000 + i),
      seq: i + 1,
      receivedAt: at,
      capturedAt: at,
      subject: { ...template.subject, tier: tiers[i % 3]! },
      camera: { id: `cam-${i % 7}`, label: `Camera ${i % 7}` },
      status: decided ? 'decided' : 'pending',
      decisions: decided ? [decision] : [],
      outcomes: [],
      shown: [{ at, operator: ALEX }],
      timeToDecisionMs: decided ? 2000 : null,
    });
    events.push({
      seq: 2 * i + 1,
      at,
      type: 'alert-received',
      alertId: uuid(100_000 + i),
      actor: null,
      summary: `Alert ${i}`,
    });
  }
  return { ...base, alerts, events, range: { from: iso(0), to: iso(n * 3000) } };
}
