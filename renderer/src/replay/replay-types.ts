/**
 * The replay store's shape (replay-store.ts puts it together from its slices): which
 * deployments there are, the one open, where the playhead is, what is selected and
 * filtered, and the answers main gave to reviews, exports and legal holds.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ReplayProgress, StationBridge } from '../../../shared/contract';
import type {
  DeploymentListing,
  ReplayAlert,
  ReplayData,
  ReplayFilter,
  SupervisorReview,
} from '../../../shared/replay';
import type { ExportKind, ReviewVerdict } from '../../../shared/vocabulary';
import type { ReportLanguage } from '../../../shared/i18n/locale';
import type { ExportDownload } from './export-download';
import type { ReplayIndex } from './replay-index';

export type ReplaySection = 'timeline' | 'statistics' | 'exports';

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

/** What every slice is made with: the store's own set and get, main's bridge, and the open in flight. */
export interface ReplaySliceContext {
  set: StoreApi<ReplayUiState>['setState'];
  get: () => ReplayUiState;
  bridge: StationBridge;
  /** Browser mode's export, handed over as a file download (export-download.ts). */
  download: ExportDownload | undefined;
  /** Each open gets a token so a slow answer for an abandoned open is ignored. */
  opens: { token: number };
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
