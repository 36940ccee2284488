/** The decision form: drafts per alert, which images rendered, amendments, and saving. */
import { refusedWords } from '../i18n/refused';
import { outcomeContradiction } from '../../../shared/decision-rules';
import { confirmationOf, emptyDecisionDraft, needsSecondOfficer, secondProofOf } from './form-rules';
import { selectOpenReview, watchingTheRoom } from './selectors';
import { monoStartNoEarlierThan } from './monotonic';
import { reconcileSaves } from './reconcile';
import type { DecisionSlice, ImageSlot, SliceContext } from './types';
import { errorText } from './types';

/** What the screen tells the station about an alert's faces: shown, or one not shown. */
function shownReports(ctx: SliceContext) {
  const { set, get, bridge } = ctx;

  /** Tell the station once per `key`; asked again later if the answer was not ok. */
  const announce = (key: string, payload: { alertId: string; notShown?: ImageSlot[] }) => {
    const { alertId } = payload;
    set({ shownRequested: { ...get().shownRequested, [key]: true } });
    const retryLater = () => set({ shownRequested: { ...get().shownRequested, [key]: false } });
    bridge.alertShown(payload).then((res) => {
      if (res.ok) {
        // The look time counts on from main's own count, on this page's monotonic clock (monotonic.ts).
        if (res.lookedMs !== undefined)
          monoStartNoEarlierThan(`shown:${alertId}`, res.shownAt, ctx.options.localMono(), res.lookedMs);
        set({ shownAt: { ...get().shownAt, [alertId]: res.shownAt } });
      } else retryLater();
    }, retryLater);
  };

  const maybeAnnounceShown = (alertId: string) => {
    const s = get();
    const alert = s.alerts.get(alertId);
    const slots = s.rendered[alertId];
    if (!alert || !slots?.probe || !slots.subject || alert.status !== 'pending') return;
    // Held at another seat: asking again now would only be refused; its release brings it back here.
    if (alert.heldElsewhere) return;
    if (watchingTheRoom(s, alertId)) return;
    // Both faces on screen after the station recorded one as not shown: that record is corrected.
    const again = Boolean(alert.facesNotShown?.length);
    const key = again ? `${alertId}:both-shown-again` : alertId;
    if ((alert.shownAt && !again) || s.shownRequested[key]) return;
    announce(key, { alertId });
  };

  /** A face that could not be shown is reported as such (journalled; a file gone is asked of the feed again). */
  const reportNotShown = (alertId: string, slot: ImageSlot) => {
    const s = get();
    const alert = s.alerts.get(alertId);
    const key = `${alertId}:not-shown:${slot}`;
    if (!alert || alert.status !== 'pending' || s.shownRequested[key]) return;
    if (alert.facesNotShown?.includes(slot)) return;
    if (watchingTheRoom(s, alertId)) return;
    announce(key, { alertId, notShown: [slot] });
  };

  return { maybeAnnounceShown, reportNotShown };
}

export function createDecisionSlice(ctx: SliceContext): DecisionSlice {
  const { set, get, bridge } = ctx;

  const { maybeAnnounceShown, reportNotShown } = shownReports(ctx);

  return {
    drafts: {},
    amending: {},
    rendered: {},
    shownAt: {},
    shownRequested: {},
    reviewHere: {},
    decisionSave: {},
    blocked: null,

    setDraft(alertId, patch) {
      const drafts = get().drafts;
      const current = drafts[alertId] ?? emptyDecisionDraft();
      const blocked = get().blocked;
      set({
        drafts: { ...drafts, [alertId]: { ...current, ...patch } },
        // The "not ready" message answers one attempt; editing the form starts afresh.
        ...(blocked?.alertId === alertId ? { blocked: null } : {}),
      });
    },
    toggleReason(alertId, code) {
      const current = get().drafts[alertId] ?? emptyDecisionDraft();
      const reasons = current.reasons.includes(code)
        ? current.reasons.filter((r) => r !== code)
        : [...current.reasons, code];
      get().setDraft(alertId, { reasons });
    },

    announceShownIfDue: maybeAnnounceShown,

    reviewAlertHere(alertId) {
      set({ reviewHere: { ...get().reviewHere, [alertId]: true } });
      maybeAnnounceShown(alertId);
    },

    imageLoaded(alertId, slot, ok) {
      const rendered = get().rendered;
      const current = rendered[alertId] ?? { probe: false, subject: false };
      if (!ok) reportNotShown(alertId, slot);
      if (current[slot] === ok) return;
      set({ rendered: { ...rendered, [alertId]: { ...current, [slot]: ok } } });
      if (ok) maybeAnnounceShown(alertId);
    },

    trySubmitDecision(alertId) {
      const review = selectOpenReview(get());
      if (!review?.form || review.alert.alertId !== alertId) return [];
      if (get().decisionSave[alertId]?.status === 'saving') return [];
      if (review.problems.length === 0) {
        set({ blocked: null });
        void get().submitDecision(alertId);
        return [];
      }
      const attempt = (get().blocked?.attempt ?? 0) + 1;
      set({ blocked: { alertId, problems: review.problems, attempt } });
      return review.problems;
    },

    async submitDecision(alertId) {
      const s = get();
      const alert = s.alerts.get(alertId);
      const draft = s.drafts[alertId];
      if (!alert || !draft || !draft.decision || !s.station) return;
      if (s.decisionSave[alertId]?.status === 'saving') return;
      const base = alert.decisions.length;
      set({ decisionSave: { ...s.decisionSave, [alertId]: { status: 'saving', base, error: null } } });
      const confirmation = needsSecondOfficer(alert, s.station.settings, draft)
        ? confirmationOf(draft.second, secondProofOf(s.station.access))
        : undefined;
      let error: string | null = null;
      try {
        const res = await bridge.recordDecision({
          alertId,
          decision: draft.decision,
          reasons: draft.reasons,
          rationale: draft.rationale.trim(),
          ...(confirmation ? { confirmation } : {}),
          ...(outcomeContradiction(draft.decision, alert.outcomes)
            ? { amendOutcome: { note: draft.outcomeNote.trim() } }
            : {}),
        });
        if (!res.ok) error = refusedWords(res);
      } catch (e) {
        error = errorText(e);
      }
      if (error !== null) {
        set({ decisionSave: { ...get().decisionSave, [alertId]: { status: 'error', base, error } } });
        return;
      }
      reconcileSaves(set, get);
    },

    startAmend(alertId) {
      const saves = { ...get().decisionSave };
      delete saves[alertId];
      set({
        amending: { ...get().amending, [alertId]: true },
        drafts: { ...get().drafts, [alertId]: emptyDecisionDraft() },
        decisionSave: saves,
      });
    },
    cancelAmend(alertId) {
      const amending = { ...get().amending };
      const drafts = { ...get().drafts };
      delete amending[alertId];
      delete drafts[alertId];
      set({ amending, drafts, blocked: null });
    },
  };
}
