/**
 * The renderer's state, in slices. Each slice owns one part of the screen and the
 * actions that change it; components read a slice through selectors (./selectors.ts)
 * so a change in one slice re-renders only the components that read it.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { StationBridge } from '../../../shared/contract';
import type { Tier } from '../../../shared/feed/schemas';
import type { StationAlert, OutcomeRecord, StationSnapshot } from '../../../shared/view';
import type { DecisionFormDraft, FormProblem } from './form-rules';
import type { ObservedEthnicity, ObservedSex, Role, WelfareAction } from '../../../shared/vocabulary';

/** Everything main sends except the alerts, which the queue slice keeps keyed by alertId. */
export type StationMeta = Omit<StationSnapshot, 'alerts'>;

export type ImageSlot = 'probe' | 'subject';

export interface SaveState {
  status: 'saving' | 'saved' | 'error';
  /** How many decisions (or outcomes) the alert had when saving started. */
  base: number;
  error: string | null;
}

export interface OutcomeDraft {
  result: OutcomeRecord['result'] | null;
  action: NonNullable<OutcomeRecord['action']> | '';
  officerId: string;
  officerName: string;
  stopMinutes: string;
  leafletGiven: boolean;
  notes: string;
  /** Equality monitoring: null until the officer chooses (shown as "Not recorded"; an update keeps the earlier choice). */
  observedSex: ObservedSex | null;
  observedEthnicity: ObservedEthnicity | null;
}

export interface FeedDrop {
  /** Station time the feed was first seen lost. */
  at: string;
  /** When it came back, or null while it is still lost. */
  until: string | null;
  state: string;
  message: string;
}

export type Overlay = 'shortcuts' | 'handover' | null;

export interface SessionSlice {
  /** Main's last word on the station, minus alerts. Null until the first snapshot. */
  station: StationMeta | null;
  connectError: string | null;
  /** Station clock minus this page's monotonic clock (performance.now), from the last `clock` event. */
  clockOffsetMs: number;
  /** Station time in ms; every "ago" is measured against it. */
  now: number;
  /** The station's clock has been heard from (a `clock` event): `now` is the station's, not this machine's. */
  clockHeard: boolean;
  /**
   * This page's monotonic clock (performance.now) when `now` was last set: the look time
   * and time on review are measured on it (monotonic.ts), so a wall clock stepped back or
   * forward changes neither.
   */
  mono: number;
  overlay: Overlay;
  muted: boolean;
  alertAnnouncement: string;
  saveAnnouncement: string;
  signIn: { busy: boolean; error: string | null };
  signOutError: string | null;
  /** Feed drops seen this session, newest first (since when, and why), for the alarm banner. */
  feedDrops: FeedDrop[];
  /** Refused alerts the officer has acknowledged; the banner shows those after it. */
  refusalsSeen: number;
  acknowledgeRefusals: () => void;
  setOverlay: (overlay: Overlay) => void;
  toggleMute: () => void;
  signInAs: (payload: { id: string; name: string; role: Role }) => Promise<void>;
  signOut: (handover: boolean) => Promise<void>;
  /** A credential sign-in (station account or single sign-on); the form keeps its own busy and error. */
  signInWith: StationBridge['signIn'];
  /** A fresh proof, for the idle lock or a sensitive request. */
  reauthenticate: StationBridge['reauthenticate'];
  /** Input at the screen, reported so the session does not lock (a failure shows as the lock). */
  reportActivity: () => void;
  /** Sign out with a note for the next officer; main journals it with what is open. */
  handOver: (note: string) => Promise<void>;
  /** The second officer of a two-person check signs on with the provider; an error text or null. */
  proveSecondOfficerSso: () => Promise<string | null>;
  welfare: (action: WelfareAction) => Promise<void>;
  setLegalHold: StationBridge['setLegalHold'];
  resolveAlarm: StationBridge['resolveAlarm'];
  /** A supervisor acknowledges the room's backlog alarm (issue 22): journalled, the sound stops. */
  acknowledgeBacklog: () => ReturnType<StationBridge['acknowledgeBacklog']>;
  updateSettings: StationBridge['updateSettings'];
  // Station accounts, a supervisor's (the core checks the role and a fresh proof).
  listAccounts: StationBridge['listAccounts'];
  addAccount: StationBridge['addAccount'];
  disableAccount: StationBridge['disableAccount'];
  enableAccount: StationBridge['enableAccount'];
  resetPassword: StationBridge['resetPassword'];
}

export type TierFilter = Tier | 'all';
export type SidebarTab = 'queue' | 'decided';

export interface QueueSlice {
  /** Every alert main holds, keyed by alertId (a delta replaces only the alerts it names). */
  alerts: ReadonlyMap<string, StationAlert>;
  /** The pending alerts in queue order, kept as they change (renderer/src/state/pending-queue.ts). */
  pending: readonly StationAlert[];
  openAlertId: string | null;
  tierFilter: TierFilter;
  sidebarTab: SidebarTab;
  /** At narrow widths (200% zoom) the queue is a drawer over the review. */
  drawerOpen: boolean;
  openAlert: (alertId: string) => void;
  step: (step: 1 | -1) => void;
  openNextPending: () => void;
  setTierFilter: (filter: TierFilter) => void;
  setSidebarTab: (tab: SidebarTab) => void;
  setDrawerOpen: (open: boolean) => void;
}

export interface BlockedSubmit {
  alertId: string;
  problems: FormProblem[];
  /** Increments on each blocked attempt, so saying the same thing twice is heard twice. */
  attempt: number;
}

export interface DecisionSlice {
  drafts: Record<string, DecisionFormDraft>;
  amending: Record<string, boolean>;
  rendered: Record<string, Record<ImageSlot, boolean>>;
  /** shownAt from alertShown answers, in case the snapshot lags behind. */
  shownAt: Record<string, string>;
  shownRequested: Record<string, boolean>;
  /**
   * Alerts a supervisor watching the room chose to review at this seat (or took over): only
   * these are claimed from this screen (see maybeAnnounceShown).
   */
  reviewHere: Record<string, boolean>;
  decisionSave: Record<string, SaveState>;
  /** The last attempt to record that was refused on this screen, and why. */
  blocked: BlockedSubmit | null;
  setDraft: (alertId: string, patch: Partial<DecisionFormDraft>) => void;
  toggleReason: (alertId: string, code: string) => void;
  imageLoaded: (alertId: string, slot: ImageSlot, ok: boolean) => void;
  /** Tell the station the open alert's faces are shown, if not yet told and nothing holds it elsewhere. */
  announceShownIfDue: (alertId: string) => void;
  /** A supervisor watching the room reviews this alert here: it is claimed once its faces are on screen. */
  reviewAlertHere: (alertId: string) => void;
  /** Record the open form's decision, or say (and show) what is missing. */
  trySubmitDecision: (alertId: string) => FormProblem[];
  submitDecision: (alertId: string) => Promise<void>;
  startAmend: (alertId: string) => void;
  cancelAmend: (alertId: string) => void;
}

export interface OutcomeSlice {
  outcomeDrafts: Record<string, OutcomeDraft>;
  outcomeSave: Record<string, SaveState>;
  setOutcomeDraft: (alertId: string, patch: Partial<OutcomeDraft>) => void;
  submitOutcome: (alertId: string) => Promise<void>;
}

export type CompareMode = 'side-by-side' | 'swipe' | 'overlay';

export interface ViewState {
  zoom: number;
  panX: number;
  panY: number;
  showScene: boolean;
  /** Percent, applied to both faces in step. */
  brightness: number;
  contrast: number;
  compare: CompareMode;
  /** Swipe divider / overlay opacity, 0-100. */
  mix: number;
}

export interface ViewerSlice {
  view: ViewState;
  setView: (patch: Partial<ViewState>) => void;
  zoomBy: (factor: number) => void;
  resetView: () => void;
  toggleScene: () => void;
  stepTone: (which: 'brightness' | 'contrast', step: 1 | -1) => void;
  resetTone: () => void;
  /** Electron: the image pane in a second window; the answer is an error text or null. */
  openImageWindow: (alertId: string | null) => Promise<string | null>;
  /** Electron: tell main which alert is open here, so the image window follows it. */
  followInImageWindow: (alertId: string | null) => void;
  /** The image window's side: called with each alert the main window opens; returns the unsubscribe. */
  onViewerFollow: (listener: (alertId: string | null) => void) => () => void;
}

export interface StoreCore {
  start: () => () => void;
  /** Main's state as a whole snapshot (apply-main.ts; changes arrive through `start`). */
  applySnapshot: (snapshot: StationSnapshot) => void;
}

/** Requests that only forward to the bridge; their answers go back to whoever asked (bridge-requests.ts). */
export type BridgeRequestName =
  | 'reauthenticate'
  | 'setLegalHold'
  | 'resolveAlarm'
  | 'acknowledgeBacklog'
  | 'updateSettings'
  | 'listAccounts'
  | 'addAccount'
  | 'disableAccount'
  | 'enableAccount'
  | 'resetPassword';
export type BridgeRequests = Pick<SessionSlice, BridgeRequestName>;

export type StationUiState = SessionSlice &
  QueueSlice &
  DecisionSlice &
  OutcomeSlice &
  ViewerSlice &
  StoreCore;

export type SetState = (patch: Partial<StationUiState>) => void;
export type GetState = () => StationUiState;

export interface StoreOptions {
  /** Local ticker between `clock` events, so counters move smoothly; 0 turns it off (tests). */
  tickMs?: number;
  /** Plays the arrival sound; injected so tests can hear it without WebAudio. */
  chime?: (tier: Tier) => void;
  /** This machine's clock (tests may pin it). */
  localNow?: () => number;
  /** This page's monotonic clock (performance.now; tests may pin it). */
  localMono?: () => number;
}

export interface SliceContext {
  set: SetState;
  get: GetState;
  bridge: StationBridge;
  options: Required<StoreOptions>;
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The live store (createStationStore): components reach it through context.tsx. */
export type StationStore = StoreApi<StationUiState>;
