/** Builders for snapshots and alerts, and a fake StationBridge that tests drive by hand. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { vi } from 'vitest';
import type { FacesAhead, ReplayProgress, StationBridge, ViewerFollow } from '../../shared/contract';
import type { ScreenChange } from '../../shared/screen';
import type { Tier } from '../../shared/feed/schemas';
import type { StationAlert, DecisionRecord, OutcomeRecord, StationSnapshot } from '../../shared/view';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { App } from '../../renderer/src/App';

export const T0 = Date.parse('2025-06-01T10:00:00.000Z');
export const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const sha = (n: number) => n.toString(16).padStart(64, '0');

let counter = 0;
export const uuid = (n = ++counter) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

export interface AlertOptions {
  tier?: Tier;
  seq?: number;
  capturedAt?: string;
  receivedAt?: string;
  camera?: string;
  score?: number;
  status?: StationAlert['status'];
  shownAt?: string | null;
  decisions?: DecisionRecord[];
  outcomes?: OutcomeRecord[];
  withdrawnReason?: string | null;
  subject?: DeepPartial<StationAlert['subject']>;
  escalated?: boolean;
  alertId?: string;
}

export function makeAlert(o: AlertOptions = {}): StationAlert {
  const seq = o.seq ?? ++counter;
  const alertId = o.alertId ?? uuid(seq + 1000);
  const capturedAt = o.capturedAt ?? iso(-60_000);
  const image = (n: number) => ({
    sha256: sha(n),
    mime: 'image/jpeg',
    width: 400,
    height: 400,
    bytes: 20_000,
    url: `/images/dep-1/${sha(n)}`,
  });
  return {
    alertId,
    seq,
    deploymentId: 'dep-1',
    capturedAt,
    receivedAt: o.receivedAt ?? capturedAt,
    camera: { id: `cam-${seq}`, label: o.camera ?? `Camera ${seq}` },
    score: o.score ?? 0.712,
    threshold: 0.64,
    probe: image(seq * 10 + 1),
    scene: { ...image(seq * 10 + 3), width: 1920, height: 1080, box: { x: 960, y: 270, w: 192, h: 216 } },
    subject: {
      entryId: `entry-${seq}`,
      name: null,
      category: 'wanted: violence',
      tier: o.tier ?? 'amber',
      reason: 'Wanted for assault occasioning actual bodily harm.',
      warnings: ['violent'],
      ownerContact: 'DS Patel, 01632 960000',
      ...o.subject,
      image: {
        ...image(seq * 10 + 2),
        takenAt: '2024-01-10T00:00:00Z',
        source: 'Custody image',
        ...o.subject?.image,
      },
    },
    status: o.status ?? 'pending',
    withdrawnReason: o.withdrawnReason ?? null,
    shownAt: o.shownAt === undefined ? null : o.shownAt,
    escalated: o.escalated ?? false,
    decisions: o.decisions ?? [],
    outcomes: o.outcomes ?? [],
  };
}

export function makeDecision(o: Partial<DecisionRecord> = {}): DecisionRecord {
  const revision = o.revision ?? 1;
  return {
    revision,
    decision: 'engage',
    reasons: ['subject-likeness-strong'],
    rationale: 'Same scar above the left eyebrow, same jawline.',
    operator: { id: 'PC100', name: 'Alex Moss' },
    confirmedBy: null,
    shownAt: iso(0),
    decidedAt: iso(30_000 * revision),
    journal: { seq: 10 + revision, hash: sha(99 + revision) },
    recorded: false,
    ...o,
  };
}

export function makeOutcome(o: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return {
    revision: 1,
    result: 'confirmed-true',
    action: 'arrest',
    engagementOfficer: { id: 'PC7', name: 'Sam Lee' },
    stopMinutes: 12,
    leafletGiven: true,
    notes: '',
    recordedBy: { id: 'PC100', name: 'Alex Moss' },
    recordedAt: iso(120_000),
    recorded: false,
    ...o,
  };
}

export function makeSnapshot(o: Partial<StationSnapshot> = {}): StationSnapshot {
  const alerts = o.alerts ?? [];
  return {
    station: { stationId: 'station-1', appVersion: '0.1.0', training: false, mode: 'browser' },
    feed: {
      state: 'connected',
      url: 'https://feed.example/lfr/v1',
      message: '',
      lastAlertAt: null,
      nextRetryAt: null,
    },
    deployment: null,
    deploymentChangedAt: null,
    safeguards: [],
    operator: {
      id: 'PC100',
      name: 'Alex Moss',
      role: 'officer',
      signedInAt: iso(-3_600_000),
      reviewSince: iso(-600_000),
    },
    breakDue: false,
    counts: {
      undecided: alerts.filter((a) => a.status === 'pending').length,
      rejected: 0,
      outsideWindow: 0,
      withdrawn: 0,
    },
    outbox: { pending: 0, oldestAt: null },
    settings: {
      dwellMs: 2000,
      escalateAfterMs: 120_000,
      breakAfterMs: 2_700_000,
      sound: true,
      twoPersonTiers: [],
      backlogTargetsMs: { red: 60_000, amber: 180_000, green: 600_000 },
    },
    retention: null,
    fatal: null,
    ...o,
    alerts,
  };
}

/** A bridge whose requests are vi.fn()s and whose events the test pushes. */
export function fakeBridge(initial: StationSnapshot) {
  const changeListeners = new Set<(c: ScreenChange) => void>();
  let version = 0;
  const clockListeners = new Set<(c: { now: string }) => void>();
  /** The page's monotonic clock: follows the fake station clock unless a test steps one apart from the other. */
  let pageMono = 0;
  const progressListeners = new Set<(p: ReplayProgress) => void>();
  const followListeners = new Set<(f: ViewerFollow) => void>();
  const aheadListeners = new Set<(a: FacesAhead) => void>();
  let current = initial;
  const bridge = {
    getSnapshot: vi.fn<StationBridge['getSnapshot']>(async () => ({ ...current, version })),
    signIn: vi.fn<StationBridge['signIn']>(async () => ({ ok: true as const })),
    signOut: vi.fn<StationBridge['signOut']>(async () => ({ ok: true as const })),
    handover: vi.fn<StationBridge['handover']>(async () => ({ ok: true as const })),
    alertShown: vi.fn<StationBridge['alertShown']>(async () => ({ ok: true as const, shownAt: iso(0) })),
    recordDecision: vi.fn<StationBridge['recordDecision']>(async () => ({
      ok: true as const,
      revision: 1,
      seq: 11,
      hash: sha(1),
    })),
    recordOutcome: vi.fn<StationBridge['recordOutcome']>(async () => ({
      ok: true as const,
      revision: 1,
      seq: 12,
    })),
    welfare: vi.fn<StationBridge['welfare']>(async () => ({ ok: true as const })),
    escalate: vi.fn<StationBridge['escalate']>(async () => ({ ok: true as const })),
    acknowledgeBacklog: vi.fn<StationBridge['acknowledgeBacklog']>(async () => ({ ok: true as const })),
    addNote: vi.fn<StationBridge['addNote']>(async () => ({ ok: true as const, seq: 1 })),
    confirmRepeat: vi.fn<StationBridge['confirmRepeat']>(async () => ({
      ok: true as const,
      revision: 1,
      seq: 1,
      hash: 'f'.repeat(64),
    })),
    takeOver: vi.fn<StationBridge['takeOver']>(async () => ({
      ok: true as const,
      status: 'granted' as const,
    })),
    updateSettings: vi.fn<StationBridge['updateSettings']>(async () => ({ ok: true as const })),
    listDeployments: vi.fn<StationBridge['listDeployments']>(async () => ({
      ok: true as const,
      deployments: [],
    })),
    // No archive unless a test gives one (--archive-reader): the Archive section stays hidden.
    listArchiveDeployments: vi.fn<StationBridge['listArchiveDeployments']>(async () => ({
      ok: false as const,
      error: 'no archive to read: start the station with --archive-reader <postgres-url>',
    })),
    openReplay: vi.fn<StationBridge['openReplay']>(async () => ({
      ok: false as const,
      error: 'no replay in this fixture',
    })),
    supervisorReview: vi.fn<StationBridge['supervisorReview']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    exportReplay: vi.fn<StationBridge['exportReplay']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    importBundle: vi.fn<StationBridge['importBundle']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    enrolStationKey: vi.fn<StationBridge['enrolStationKey']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    setLegalHold: vi.fn<StationBridge['setLegalHold']>(async () => ({ ok: true as const })),
    resolveRollback: vi.fn<StationBridge['resolveRollback']>(async () => ({ ok: true as const })),
    resolveAlarm: vi.fn<StationBridge['resolveAlarm']>(async () => ({ ok: true as const })),
    reauthenticate: vi.fn<StationBridge['reauthenticate']>(async () => ({ ok: true as const })),
    proveSecondOfficer: vi.fn<StationBridge['proveSecondOfficer']>(async () => ({ ok: true as const })),
    activity: vi.fn<StationBridge['activity']>(async () => ({ ok: true as const })),
    listAccounts: vi.fn<StationBridge['listAccounts']>(async () => ({ ok: true as const, accounts: [] })),
    addAccount: vi.fn<StationBridge['addAccount']>(async () => ({ ok: false as const, error: 'fixture' })),
    disableAccount: vi.fn<StationBridge['disableAccount']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    enableAccount: vi.fn<StationBridge['enableAccount']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    resetPassword: vi.fn<StationBridge['resetPassword']>(async () => ({
      ok: false as const,
      error: 'fixture',
    })),
    openImageWindow: vi.fn<StationBridge['openImageWindow']>(async () => ({ ok: true as const })),
    viewerFollow: vi.fn<StationBridge['viewerFollow']>(async () => ({ ok: true as const })),
    onViewerFollow: (l: (f: ViewerFollow) => void) => {
      followListeners.add(l);
      return () => followListeners.delete(l);
    },
    onFacesAhead: (l: (a: FacesAhead) => void) => {
      aheadListeners.add(l);
      return () => aheadListeners.delete(l);
    },
    onReplayProgress: (l: (p: ReplayProgress) => void) => {
      progressListeners.add(l);
      return () => progressListeners.delete(l);
    },
    onChange: (l: (c: ScreenChange) => void) => {
      changeListeners.add(l);
      return () => changeListeners.delete(l);
    },
    onClock: (l: (c: { now: string }) => void) => {
      clockListeners.add(l);
      return () => clockListeners.delete(l);
    },
  };
  return {
    bridge,
    /** Main names an arriving alert's faces before the alert itself (facesAhead). */
    facesAhead(ahead: FacesAhead) {
      aheadListeners.forEach((l) => l(ahead));
    },
    /**
     * Main's state becomes `snapshot`, sent as main sends it: one change per alert that
     * changed, then the status. (Main never drops an alert from the screen but by
     * deciding it, so an alert missing from `snapshot` simply stays.)
     */
    push(snapshot: StationSnapshot) {
      const before = new Map(current.alerts.map((a) => [a.alertId, JSON.stringify(a)]));
      current = snapshot;
      const { alerts, ...status } = snapshot;
      // Main sends only the alerts a journal entry touched; an equal alert is not a change.
      const changes: ScreenChange[] = alerts
        .filter((alert) => before.get(alert.alertId) !== JSON.stringify(alert))
        .map((alert) => ({
          kind:
            alert.status !== 'pending'
              ? 'alert-decided'
              : before.has(alert.alertId)
                ? 'alert-updated'
                : 'alert-added',
          version: ++version,
          alert,
        }));
      changes.push({ kind: 'status', version: ++version, status });
      act(() => changes.forEach((c) => changeListeners.forEach((l) => l(c))));
    },

    /**
     * Main's state becomes `snapshot`, and the screen learns it in one update: a change
     * went missing (its number skipped), so the screen asks for the snapshot again, as after
     * a reconnection. Every alert new in it arrives together.
     */
    async resync(snapshot: StationSnapshot) {
      current = snapshot;
      version += 2;
      const { alerts: _alerts, ...status } = snapshot;
      act(() => changeListeners.forEach((l) => l({ kind: 'status', version, status })));
      for (let i = 0; i < 5; i++)
        await act(async () => {
          await Promise.resolve();
        });
    },

    /** Main's clock ticks to T0 + offset; the page's monotonic clock moves with it. */
    clock(offsetMs: number) {
      pageMono = offsetMs;
      act(() => clockListeners.forEach((l) => l({ now: iso(offsetMs) })));
    },
    /** Main's clock ticks to T0 + offset (which may step) while the page's monotonic clock reads `mono`. */
    clockAt(offsetMs: number, mono: number) {
      pageMono = mono;
      act(() => clockListeners.forEach((l) => l({ now: iso(offsetMs) })));
    },
    /** The page's monotonic clock (performance.now), as the App is given it. */
    localMono: () => pageMono,
    /** Main passes on the main window's open alert (to the image window). */
    follow(alertId: string | null) {
      act(() => followListeners.forEach((l) => l({ alertId })));
    },
    /** Main reports how far opening a replay has got. */
    progress(p: ReplayProgress) {
      act(() => progressListeners.forEach((l) => l(p)));
    },
  };
}
export type FakeBridge = ReturnType<typeof fakeBridge>;

/** Render the whole renderer against a fake bridge, waiting for the first snapshot. */
export async function renderApp(initial: StationSnapshot, chime = vi.fn()) {
  const fake = fakeBridge(initial);
  setBridgeForTests(fake.bridge);
  const utils = render(createElement(App, { tickMs: 0, chime, localMono: fake.localMono }));
  await act(async () => {
    await Promise.resolve();
  });
  fake.clock(0);
  return { ...utils, fake, chime };
}

/** jsdom decodes no images: give them a width and fire their load events. */
export function loadImages(...alts: string[]) {
  Object.defineProperty(HTMLImageElement.prototype, 'naturalWidth', { configurable: true, get: () => 400 });
  for (const alt of alts) fireEvent.load(screen.getByAltText(alt));
}

/**
 * One frame of the page: focus moves in the frame's callback (components/focus-review.ts),
 * so a test that checks where focus went waits for the frame first.
 */
export async function nextFrame() {
  await act(async () => {
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  });
}

/** Let pending bridge answers settle inside act. */
export async function flush() {
  await act(async () => {
    await Promise.resolve();
  });
}

export const VALID_RATIONALE = 'Scar and jawline match the reference closely.';
