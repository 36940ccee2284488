/**
 * The renderer's one store. The station part (snapshot, clock) is fed only by bridge
 * events and the first getSnapshot; everything else is local to this screen (open
 * alert, drafts, zoom, overlays). Nothing here decides what is on record: an alert
 * leaves the queue only when main's snapshot says it is decided.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StationBridge } from '../../shared/contract';
import type { Tier } from '../../shared/feed/schemas';
import type { AlertView, OutcomeRecord, StationSnapshot } from '../../shared/view';
import { TIER_RANK } from '../../shared/queue-order';
import { arrivals, nextOpenAlert, stepInQueue } from './selection';
import { emptyDecisionDraft, needsSecondOfficer, type DecisionFormDraft } from './form-rules';

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
}

export const emptyOutcomeDraft = (): OutcomeDraft => ({
  result: null,
  action: '',
  officerId: '',
  officerName: '',
  stopMinutes: '',
  leafletGiven: false,
  notes: '',
});

export interface ViewState {
  zoom: number;
  panX: number;
  panY: number;
  showScene: boolean;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 6;
const initialView = (): ViewState => ({ zoom: 1, panX: 0, panY: 0, showScene: false });

export interface StationUiState {
  snapshot: StationSnapshot | null;
  connectError: string | null;
  /** Station clock minus this machine's clock, from the last `clock` event. */
  clockOffsetMs: number;
  /** Station time in ms; every "ago" and the dwell are measured against it. */
  now: number;
  openAlertId: string | null;
  drafts: Record<string, DecisionFormDraft>;
  amending: Record<string, boolean>;
  outcomeDrafts: Record<string, OutcomeDraft>;
  rendered: Record<string, Record<ImageSlot, boolean>>;
  /** shownAt from alertShown answers, in case the snapshot lags behind. */
  shownAt: Record<string, string>;
  shownRequested: Record<string, boolean>;
  decisionSave: Record<string, SaveState>;
  outcomeSave: Record<string, SaveState>;
  view: ViewState;
  overlay: 'shortcuts' | null;
  muted: boolean;
  alertAnnouncement: string;
  saveAnnouncement: string;
  signIn: { busy: boolean; error: string | null };
  signOutError: string | null;

  start: () => () => void;
  openAlert: (alertId: string) => void;
  step: (step: 1 | -1) => void;
  openNextPending: () => void;
  setDraft: (alertId: string, patch: Partial<DecisionFormDraft>) => void;
  toggleReason: (alertId: string, code: string) => void;
  imageLoaded: (alertId: string, slot: ImageSlot, ok: boolean) => void;
  submitDecision: (alertId: string) => Promise<void>;
  startAmend: (alertId: string) => void;
  cancelAmend: (alertId: string) => void;
  setOutcomeDraft: (alertId: string, patch: Partial<OutcomeDraft>) => void;
  submitOutcome: (alertId: string) => Promise<void>;
  setView: (patch: Partial<ViewState>) => void;
  zoomBy: (factor: number) => void;
  resetView: () => void;
  toggleScene: () => void;
  setOverlay: (overlay: 'shortcuts' | null) => void;
  toggleMute: () => void;
  signInAs: (payload: { id: string; name: string; role: 'officer' | 'supervisor' }) => Promise<void>;
  signOut: (handover: boolean) => Promise<void>;
  welfare: (action: 'break-taken' | 'continue') => Promise<void>;
}

export interface StoreOptions {
  /** Local ticker between `clock` events, so counters move smoothly; 0 turns it off (tests). */
  tickMs?: number;
  /** Plays the arrival sound; injected so tests can hear it without WebAudio. */
  chime?: (tier: Tier) => void;
  /** This machine's clock (tests may pin it). */
  localNow?: () => number;
}

export type StationStore = StoreApi<StationUiState>;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const cameraOf = (a: AlertView) => a.camera.label;
const decisionWord = (d: string) => (d === 'engage' ? 'Engage' : 'No engage');

export function createStationStore(bridge: StationBridge, options: StoreOptions = {}): StationStore {
  const localNow = options.localNow ?? (() => Date.now());
  const tickMs = options.tickMs ?? 250;
  const chime = options.chime ?? (() => undefined);

  return createStore<StationUiState>()((set, get) => {
    const findAlert = (alertId: string) => get().snapshot?.alerts.find((a) => a.alertId === alertId);

    /** Settle saves that main's snapshot now confirms. */
    const reconcile = () => {
      const { snapshot, decisionSave, outcomeSave } = get();
      if (!snapshot) return;
      const nextDecision = { ...decisionSave };
      const nextOutcome = { ...outcomeSave };
      const drafts = { ...get().drafts };
      const amending = { ...get().amending };
      const outcomeDrafts = { ...get().outcomeDrafts };
      const said: string[] = [];
      let changed = false;
      for (const [id, save] of Object.entries(decisionSave)) {
        const alert = snapshot.alerts.find((a) => a.alertId === id);
        if (save.status !== 'saving' || !alert || alert.decisions.length <= save.base) continue;
        const latest = alert.decisions[alert.decisions.length - 1]!;
        nextDecision[id] = { ...save, status: 'saved' };
        delete drafts[id];
        delete amending[id];
        said.push(
          `Decision saved: ${decisionWord(latest.decision)} (revision ${latest.revision}) on the alert from ${cameraOf(alert)}.`,
        );
        changed = true;
      }
      for (const [id, save] of Object.entries(outcomeSave)) {
        const alert = snapshot.alerts.find((a) => a.alertId === id);
        if (save.status !== 'saving' || !alert || alert.outcomes.length <= save.base) continue;
        nextOutcome[id] = { ...save, status: 'saved' };
        delete outcomeDrafts[id];
        said.push(`Outcome saved for the alert from ${cameraOf(alert)}.`);
        changed = true;
      }
      if (changed)
        set({
          decisionSave: nextDecision,
          outcomeSave: nextOutcome,
          drafts,
          amending,
          outcomeDrafts,
          saveAnnouncement: said.join(' '),
        });
    };

    const receive = (snapshot: StationSnapshot) => {
      const state = get();
      const previous = state.snapshot;
      const patch: Partial<StationUiState> = { snapshot, connectError: null };
      // A new officer must not inherit the last one's half-written judgements.
      if (previous?.operator?.id !== snapshot.operator?.id) {
        patch.drafts = {};
        patch.amending = {};
        patch.outcomeDrafts = {};
      }
      const openId = nextOpenAlert(state.openAlertId, previous, snapshot);
      if (openId !== state.openAlertId) {
        patch.openAlertId = openId;
        patch.view = initialView();
        patch.rendered = withoutRendered(state.rendered, openId);
      }
      const arrived = arrivals(previous, snapshot);
      if (arrived.length) {
        arrived.sort((a, b) => TIER_RANK[a.subject.tier] - TIER_RANK[b.subject.tier]);
        patch.alertAnnouncement = arrived
          .map((a) => `New ${a.subject.tier} alert from ${cameraOf(a)}.`)
          .join(' ');
        if (snapshot.settings.sound && !state.muted) {
          try {
            chime(arrived[0]!.subject.tier);
          } catch {
            // Sound is a courtesy; the visible cue and announcement carry the news.
          }
        }
      }
      set(patch);
      reconcile();
    };

    const open = (alertId: string | null) => {
      if (alertId === get().openAlertId) return;
      // Images must render again in this view before a decision counts them as seen.
      set({ openAlertId: alertId, view: initialView(), rendered: withoutRendered(get().rendered, alertId) });
    };

    const maybeAnnounceShown = (alertId: string) => {
      const state = get();
      const alert = findAlert(alertId);
      const slots = state.rendered[alertId];
      if (!alert || !slots?.probe || !slots.subject) return;
      if (alert.status !== 'pending' || alert.shownAt || state.shownRequested[alertId]) return;
      set({ shownRequested: { ...state.shownRequested, [alertId]: true } });
      bridge.alertShown({ alertId }).then(
        (res) => {
          if (res.ok) set({ shownAt: { ...get().shownAt, [alertId]: res.shownAt } });
          else set({ shownRequested: { ...get().shownRequested, [alertId]: false } });
        },
        () => set({ shownRequested: { ...get().shownRequested, [alertId]: false } }),
      );
    };

    return {
      snapshot: null,
      connectError: null,
      clockOffsetMs: 0,
      now: localNow(),
      openAlertId: null,
      drafts: {},
      amending: {},
      outcomeDrafts: {},
      rendered: {},
      shownAt: {},
      shownRequested: {},
      decisionSave: {},
      outcomeSave: {},
      view: initialView(),
      overlay: null,
      muted: false,
      alertAnnouncement: '',
      saveAnnouncement: '',
      signIn: { busy: false, error: null },
      signOutError: null,

      start() {
        let live = true;
        let sawEvent = false;
        const offState = bridge.onState((s) => {
          sawEvent = true;
          receive(s);
        });
        const offClock = bridge.onClock(({ now }) => {
          const t = Date.parse(now);
          if (Number.isFinite(t)) set({ now: t, clockOffsetMs: t - localNow() });
        });
        bridge.getSnapshot({}).then(
          (s) => {
            // A pushed snapshot is at least as new as the answer to our request.
            if (live && !sawEvent) receive(s);
          },
          (e: unknown) => {
            if (live) set({ connectError: errorText(e) });
          },
        );
        const timer =
          tickMs > 0 ? setInterval(() => set({ now: localNow() + get().clockOffsetMs }), tickMs) : undefined;
        return () => {
          live = false;
          offState();
          offClock();
          if (timer) clearInterval(timer);
        };
      },

      openAlert: (alertId) => open(alertId),
      step: (step) => {
        const { snapshot, openAlertId } = get();
        if (snapshot) open(stepInQueue(snapshot.alerts, openAlertId, step));
      },
      openNextPending: () => {
        const { snapshot, openAlertId } = get();
        if (!snapshot) return;
        const first = nextOpenAlert(null, null, snapshot);
        open(first === openAlertId ? openAlertId : first);
      },

      setDraft(alertId, patch) {
        const drafts = get().drafts;
        const current = drafts[alertId] ?? emptyDecisionDraft();
        set({ drafts: { ...drafts, [alertId]: { ...current, ...patch } } });
      },
      toggleReason(alertId, code) {
        const current = get().drafts[alertId] ?? emptyDecisionDraft();
        const reasons = current.reasons.includes(code)
          ? current.reasons.filter((r) => r !== code)
          : [...current.reasons, code];
        get().setDraft(alertId, { reasons });
      },

      imageLoaded(alertId, slot, ok) {
        const rendered = get().rendered;
        const current = rendered[alertId] ?? { probe: false, subject: false };
        if (current[slot] === ok) return;
        set({ rendered: { ...rendered, [alertId]: { ...current, [slot]: ok } } });
        if (ok) maybeAnnounceShown(alertId);
      },

      async submitDecision(alertId) {
        const state = get();
        const alert = findAlert(alertId);
        const draft = state.drafts[alertId];
        if (!alert || !draft || !draft.decision || !state.snapshot) return;
        if (state.decisionSave[alertId]?.status === 'saving') return;
        const base = alert.decisions.length;
        set({ decisionSave: { ...state.decisionSave, [alertId]: { status: 'saving', base, error: null } } });
        const confirmation = needsSecondOfficer(alert, state.snapshot.settings, draft)
          ? { id: draft.second.id.trim(), name: draft.second.name.trim(), note: draft.second.note.trim() }
          : undefined;
        let error: string | null = null;
        try {
          const res = await bridge.recordDecision({
            alertId,
            decision: draft.decision,
            reasons: draft.reasons,
            rationale: draft.rationale.trim(),
            ...(confirmation ? { confirmation } : {}),
          });
          if (!res.ok) error = res.error;
        } catch (e) {
          error = errorText(e);
        }
        if (error !== null) {
          set({ decisionSave: { ...get().decisionSave, [alertId]: { status: 'error', base, error } } });
          return;
        }
        reconcile();
      },

      startAmend(alertId) {
        set({
          amending: { ...get().amending, [alertId]: true },
          drafts: { ...get().drafts, [alertId]: emptyDecisionDraft() },
        });
        const saves = { ...get().decisionSave };
        delete saves[alertId];
        set({ decisionSave: saves });
      },
      cancelAmend(alertId) {
        const amending = { ...get().amending };
        const drafts = { ...get().drafts };
        delete amending[alertId];
        delete drafts[alertId];
        set({ amending, drafts });
      },

      setOutcomeDraft(alertId, patch) {
        const drafts = get().outcomeDrafts;
        const current = drafts[alertId] ?? emptyOutcomeDraft();
        set({ outcomeDrafts: { ...drafts, [alertId]: { ...current, ...patch } } });
      },
      async submitOutcome(alertId) {
        const state = get();
        const alert = findAlert(alertId);
        const draft = state.outcomeDrafts[alertId];
        if (!alert || !draft || outcomeProblems(draft).length) return;
        if (state.outcomeSave[alertId]?.status === 'saving') return;
        const base = alert.outcomes.length;
        set({ outcomeSave: { ...state.outcomeSave, [alertId]: { status: 'saving', base, error: null } } });
        let error: string | null = null;
        try {
          const res = await bridge.recordOutcome(outcomePayload(alertId, draft));
          if (!res.ok) error = res.error;
        } catch (e) {
          error = errorText(e);
        }
        if (error !== null) {
          set({ outcomeSave: { ...get().outcomeSave, [alertId]: { status: 'error', base, error } } });
          return;
        }
        reconcile();
      },

      setView: (patch) => set({ view: { ...get().view, ...patch } }),
      zoomBy(factor) {
        const view = get().view;
        const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
        // Back at 1x the images fit their frames again, so any pan is dropped.
        set({ view: zoom === 1 ? { ...view, zoom, panX: 0, panY: 0 } : { ...view, zoom } });
      },
      resetView: () => set({ view: { ...get().view, zoom: 1, panX: 0, panY: 0 } }),
      toggleScene: () => set({ view: { ...get().view, showScene: !get().view.showScene } }),
      setOverlay: (overlay) => set({ overlay }),
      toggleMute: () => set({ muted: !get().muted }),

      async signInAs(payload) {
        set({ signIn: { busy: true, error: null } });
        try {
          const res = await bridge.signIn(payload);
          set({ signIn: { busy: false, error: res.ok ? null : res.error } });
        } catch (e) {
          set({ signIn: { busy: false, error: errorText(e) } });
        }
      },
      async signOut(handover) {
        try {
          const res = await bridge.signOut({ handover });
          set({ signOutError: res.ok ? null : res.error });
        } catch (e) {
          set({ signOutError: errorText(e) });
        }
      },
      async welfare(action) {
        try {
          await bridge.welfare({ action });
        } catch {
          // The prompt stays while main still says a break is due; nothing else to do.
        }
      },
    };
  });
}

function withoutRendered(
  rendered: StationUiState['rendered'],
  alertId: string | null,
): StationUiState['rendered'] {
  if (alertId === null || !(alertId in rendered)) return rendered;
  const next = { ...rendered };
  delete next[alertId];
  return next;
}

/** What stops an outcome from being recorded, in words. */
export function outcomeProblems(draft: OutcomeDraft): string[] {
  const problems: string[] = [];
  if (!draft.result) problems.push('Choose a result.');
  const hasId = draft.officerId.trim() !== '';
  const hasName = draft.officerName.trim() !== '';
  if (hasId !== hasName) problems.push('Give both the engagement officer ID and name, or neither.');
  if (draft.stopMinutes.trim() !== '') {
    const n = Number(draft.stopMinutes);
    if (!Number.isInteger(n) || n < 0 || n > 24 * 60)
      problems.push('Stop duration is whole minutes, 0 to 1440.');
  }
  return problems;
}

export function outcomePayload(alertId: string, draft: OutcomeDraft) {
  return {
    alertId,
    result: draft.result!,
    ...(draft.action ? { action: draft.action } : {}),
    ...(draft.officerId.trim() && draft.officerName.trim()
      ? { engagementOfficer: { id: draft.officerId.trim(), name: draft.officerName.trim() } }
      : {}),
    ...(draft.stopMinutes.trim() !== '' ? { stopMinutes: Number(draft.stopMinutes) } : {}),
    leafletGiven: draft.leafletGiven,
    notes: draft.notes.trim(),
  };
}
