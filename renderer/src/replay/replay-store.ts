/**
 * The supervisor's replay screens: which deployments there are, the one open, where the
 * playhead is, what is selected and filtered, and the answers main gave to reviews,
 * exports and legal holds. Nothing here decides what is on record; main journals it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReplayProgress, StationBridge } from '../../../shared/contract';
import type {
  DeploymentListing,
  ReplayAlert,
  ReplayData,
  ReplayFilter,
  SupervisorReview,
} from '../../../shared/replay';
import { filterAlerts } from '../../../shared/replay-stats';
import { localTime } from '../format';
import { buildIndex, nearestAlert, stepEvent, type ReplayIndex } from './replay-index';
import type { ExportKind, ReviewVerdict } from '../../../shared/vocabulary';
import type { ReportLanguage } from '../../../shared/i18n/locale';
import type { ExportDownload } from './export-download';
import { connectionHeaders } from '../bridge';

export type ReplaySection = 'timeline' | 'statistics' | 'exports';

/** Browser mode: the file's bytes go to the station (same origin, this page's connection key); it answers an upload id. */
async function uploadBundle(
  file: File,
): Promise<{ ok: true; upload: string } | { ok: false; error: string }> {
  const res = await fetch('/bundles', {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'application/octet-stream', ...connectionHeaders() },
  });
  const body = (await res.json().catch(() => null)) as { upload?: unknown; error?: unknown } | null;
  if (res.ok && typeof body?.upload === 'string') return { ok: true, upload: body.upload };
  return {
    ok: false,
    error: typeof body?.error === 'string' ? body.error : `the upload failed (HTTP ${res.status})`,
  };
}
export type Speed = 1 | 10 | 60;
export const SPEEDS: readonly Speed[] = [1, 10, 60];
export type { ExportKind };

export interface Pending {
  status: 'busy' | 'done' | 'error';
  error: string | null;
}

export interface Visible {
  /** Alerts the filters let through, by time of receipt. */
  alerts: ReplayAlert[];
  times: Float64Array;
  /** null when no filter is set (every event counts). */
  ids: ReadonlySet<string> | null;
}

export interface ReplayUiState {
  /** Who this replay state belongs to; another sign-in starts afresh. */
  owner: string | null;
  deployments: DeploymentListing[] | null;
  listing: Pending | null;
  importing: Pending | null;
  opening: { key: string; progress: ReplayProgress | null } | null;
  openError: string | null;
  replay: ReplayData | null;
  index: ReplayIndex | null;
  visible: Visible | null;
  section: ReplaySection;
  time: number;
  playing: boolean;
  speed: Speed;
  /** The event last stepped to, while the playhead still sits on it. */
  cursor: number | null;
  selectedId: string | null;
  filter: ReplayFilter;
  extraReviews: SupervisorReview[];
  review: (Pending & { alertId: string }) | null;
  exports: Partial<Record<ExportKind, Pending & ExportAnswer>>;
  hold: (Pending & { message: string | null }) | null;
  /** The answer to the last trust-list enrolment: enrolled (or already there), or refused with why. */
  enrolment: (Pending & { message: string | null }) | null;
  announcement: string;

  reset: (owner: string | null) => void;
  refresh: () => Promise<void>;
  open: (key: string) => Promise<void>;
  /** Electron: main asks for the file (null here); browser mode: the chosen file, uploaded first. */
  importBundle: (file: File | null) => Promise<void>;
  close: () => void;
  setSection: (section: ReplaySection) => void;
  scrub: (time: number) => void;
  advance: (elapsedMs: number) => void;
  togglePlay: () => void;
  setSpeed: (speed: Speed) => void;
  step: (direction: 1 | -1) => void;
  selectAlert: (alertId: string) => void;
  selectNearest: (time: number, among?: readonly ReplayAlert[], times?: ArrayLike<number>) => void;
  setFilter: (patch: Partial<ReplayFilter>) => void;
  clearFilter: () => void;
  submitReview: (p: {
    alertId: string;
    revision: number;
    verdict: ReviewVerdict;
    comment: string;
  }) => Promise<void>;
  /** `language`: the PDF's or CSV's language (English unless asked; a bundle has none). */
  exportAs: (kind: ExportKind, includeImages: boolean, language?: ReportLanguage) => Promise<void>;
  setLegalHold: (deploymentId: string, active: boolean, reason: string) => Promise<void>;
  /** Put a station key on the trust list: a pasted trust line, or an imported bundle's key (`key`). */
  enrolKey: (p: { line?: string; key?: string; label: string }) => Promise<void>;
  /** The evidence archive's deployments (--archive-reader); the answer goes to the section that asked. */
  listArchive: () => ReturnType<StationBridge['listArchiveDeployments']>;
}

/**
 * Where an export went: `path` is the station's copy (the one journalled); `savedTo` the copy
 * saved through main's dialog (Electron; null: cancelled); `downloaded` the file name the
 * browser was handed (browser mode).
 */
export interface ExportAnswer {
  path: string | null;
  bytes: number | null;
  savedTo?: string | null;
  downloaded?: string | null;
}

export type ReplayStore = StoreApi<ReplayUiState>;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const fresh = () => ({
  deployments: null,
  listing: null,
  importing: null,
  opening: null,
  openError: null,
  replay: null,
  index: null,
  visible: null,
  section: 'timeline' as const,
  time: 0,
  playing: false,
  speed: 1 as Speed,
  cursor: null,
  selectedId: null,
  filter: {},
  extraReviews: [],
  review: null,
  exports: {},
  hold: null,
  enrolment: null,
  announcement: '',
});

const hasFilter = (f: ReplayFilter) => Object.values(f).some((v) => v !== undefined);

function visibleOf(index: ReplayIndex, filter: ReplayFilter): Visible {
  if (!hasFilter(filter)) return { alerts: index.alerts, times: index.receivedTimes, ids: null };
  const alerts = filterAlerts(index.alerts, filter);
  return {
    alerts,
    times: Float64Array.from(alerts, (a) => Date.parse(a.receivedAt)),
    ids: new Set(alerts.map((a) => a.alertId)),
  };
}

/** `download`: browser mode's export, handed over as a file download (export-download.ts). */
export function createReplayStore(bridge: StationBridge, download?: ExportDownload): ReplayStore {
  // Each open gets a token so a slow answer for an abandoned open is ignored.
  let openToken = 0;

  return createStore<ReplayUiState>()((set, get) => ({
    owner: null,
    ...fresh(),

    reset(owner) {
      openToken++;
      set({ owner, ...fresh() });
    },

    async refresh() {
      set({ listing: { status: 'busy', error: null } });
      try {
        const res = await bridge.listDeployments({});
        if (res.ok) set({ deployments: res.deployments, listing: { status: 'done', error: null } });
        else set({ listing: { status: 'error', error: res.error } });
      } catch (e) {
        set({ listing: { status: 'error', error: errorText(e) } });
      }
    },

    async open(key) {
      const token = ++openToken;
      set({ opening: { key, progress: null }, openError: null, playing: false });
      const off = bridge.onReplayProgress((progress) => {
        if (token === openToken && progress.key === key) set({ opening: { key, progress } });
      });
      try {
        const res = await bridge.openReplay({ key });
        if (token !== openToken) return;
        if (!res.ok) {
          set({ opening: null, openError: res.error });
          return;
        }
        const index = buildIndex(res.replay);
        // A replay opens at its first alert (selected), not at an empty deployment start.
        const first = index.alerts[0];
        set({
          ...fresh(),
          deployments: get().deployments,
          listing: get().listing,
          replay: res.replay,
          index,
          visible: visibleOf(index, {}),
          time: first ? Math.min(index.to, Math.max(index.from, index.receivedTimes[0]!)) : index.from,
          selectedId: first?.alertId ?? null,
        });
      } catch (e) {
        if (token === openToken) set({ opening: null, openError: errorText(e) });
      } finally {
        off();
      }
    },

    async importBundle(file) {
      set({ importing: { status: 'busy', error: null } });
      try {
        let request: { upload?: string } = {};
        if (file) {
          const sent = await uploadBundle(file);
          if (!sent.ok) {
            set({ importing: { status: 'error', error: sent.error } });
            return;
          }
          request = { upload: sent.upload };
        }
        const res = await bridge.importBundle(request);
        if (!res.ok) {
          set({ importing: { status: 'error', error: res.error } });
          return;
        }
        set({ importing: { status: 'done', error: null } });
        await get().refresh();
        await get().open(res.key);
      } catch (e) {
        set({ importing: { status: 'error', error: errorText(e) } });
      }
    },

    close() {
      openToken++;
      set({ ...fresh(), deployments: get().deployments, listing: get().listing });
      void get().refresh();
    },

    setSection: (section) => set({ section, playing: false }),

    scrub(time) {
      const index = get().index;
      if (!index) return;
      set({ time: Math.min(index.to, Math.max(index.from, time)), cursor: null });
    },

    advance(elapsedMs) {
      const { index, time, speed, playing } = get();
      if (!index || !playing) return;
      const next = Math.min(index.to, time + elapsedMs * speed);
      set({ time: next, cursor: null, playing: next < index.to });
    },

    togglePlay() {
      const { index, playing, time } = get();
      if (!index) return;
      if (playing) set({ playing: false });
      // Play from the end starts again from the beginning.
      else set({ playing: true, time: time >= index.to ? index.from : time, cursor: null });
    },

    setSpeed: (speed) => set({ speed }),

    step(direction) {
      const { index, time, cursor, visible, selectedId } = get();
      if (!index) return;
      const i = stepEvent(index, time, cursor, direction, visible?.ids ?? null);
      if (i === null) {
        set({ announcement: direction === 1 ? 'No later event.' : 'No earlier event.' });
        return;
      }
      const event = index.events[i]!;
      set({
        time: Date.parse(event.at),
        cursor: i,
        playing: false,
        selectedId: event.alertId ?? selectedId,
        announcement: `${localTime(event.at)}: ${event.summary}`,
      });
    },

    selectAlert(alertId) {
      const { index, time } = get();
      const alert = index?.byId.get(alertId);
      if (!index || !alert) return;
      // An alert is only shown once it has arrived; selecting a later one moves time to it.
      const received = Date.parse(alert.receivedAt);
      set({ selectedId: alertId, ...(received > time ? { time: received, cursor: null } : {}) });
    },

    selectNearest(time, among, times) {
      const visible = get().visible;
      if (!visible) return;
      const alert = nearestAlert(among ?? visible.alerts, times ?? visible.times, time);
      if (alert) get().selectAlert(alert.alertId);
    },

    setFilter(patch) {
      const { index } = get();
      const filter = { ...get().filter, ...patch };
      for (const k of Object.keys(filter) as (keyof ReplayFilter)[])
        if (filter[k] === undefined) delete filter[k];
      set({ filter, cursor: null, ...(index ? { visible: visibleOf(index, filter) } : {}) });
    },
    clearFilter() {
      const { index } = get();
      set({ filter: {}, cursor: null, ...(index ? { visible: visibleOf(index, {}) } : {}) });
    },

    async submitReview({ alertId, revision, verdict, comment }) {
      const replay = get().replay;
      if (!replay || get().review?.status === 'busy') return;
      set({ review: { status: 'busy', error: null, alertId } });
      try {
        const res = await bridge.supervisorReview({ key: replay.key, alertId, revision, verdict, comment });
        if (!res.ok) {
          set({ review: { status: 'error', error: res.error, alertId } });
          return;
        }
        set({
          review: { status: 'done', error: null, alertId },
          extraReviews: [...get().extraReviews, res.review],
        });
      } catch (e) {
        set({ review: { status: 'error', error: errorText(e), alertId } });
      }
    },

    async exportAs(kind, includeImages, language = 'en-GB') {
      const replay = get().replay;
      if (!replay) return;
      const put = (v: Pending & ExportAnswer) => set({ exports: { ...get().exports, [kind]: v } });
      put({ status: 'busy', error: null, path: null, bytes: null });
      try {
        const request = {
          key: replay.key,
          kind,
          ...(kind === 'pdf' && includeImages ? { includeImages: true } : {}),
          // English is the station's default: only another choice is sent.
          ...(kind !== 'bundle' && language !== 'en-GB' ? { language } : {}),
        };
        if (download) {
          const got = await download(request);
          if (got.ok)
            put({ status: 'done', error: null, path: got.path, bytes: got.bytes, downloaded: got.fileName });
          else put({ status: 'error', error: got.error, path: null, bytes: null });
          return;
        }
        const res = await bridge.exportReplay(request);
        if (res.ok)
          put({
            status: 'done',
            error: null,
            path: res.path,
            bytes: res.bytes,
            ...(res.savedTo !== undefined ? { savedTo: res.savedTo } : {}),
          });
        else put({ status: 'error', error: res.error, path: null, bytes: null });
      } catch (e) {
        put({ status: 'error', error: errorText(e), path: null, bytes: null });
      }
    },

    async setLegalHold(deploymentId, active, reason) {
      set({ hold: { status: 'busy', error: null, message: null } });
      try {
        const res = await bridge.setLegalHold({ deploymentId, active, reason });
        if (!res.ok) {
          set({ hold: { status: 'error', error: res.error, message: null } });
          return;
        }
        set({
          hold: {
            status: 'done',
            error: null,
            message: active ? 'Legal hold placed.' : 'Legal hold released.',
          },
        });
        await get().refresh();
      } catch (e) {
        set({ hold: { status: 'error', error: errorText(e), message: null } });
      }
    },

    listArchive: () => bridge.listArchiveDeployments({}),

    async enrolKey({ line, key, label }) {
      set({ enrolment: { status: 'busy', error: null, message: null } });
      try {
        const res = await bridge.enrolStationKey({
          ...(line !== undefined ? { line } : {}),
          ...(key !== undefined ? { key } : {}),
          ...(label.trim() ? { label: label.trim() } : {}),
        });
        if (!res.ok) {
          set({ enrolment: { status: 'error', error: res.error, message: null } });
          return;
        }
        const what = `station ${res.stationId}, key ${res.fingerprint}${res.label ? ` (${res.label})` : ''}`;
        set({
          enrolment: {
            status: 'done',
            error: null,
            message:
              (res.added ? `Enrolled ${what}.` : `Already on the trust list: ${what}.`) +
              (key ? ' Open the bundle again to verify it against the trust list.' : ''),
          },
        });
        // Verdicts in the list are worked out against the trust list: show them anew.
        await get().refresh();
      } catch (e) {
        set({ enrolment: { status: 'error', error: errorText(e), message: null } });
      }
    },
  }));
}
