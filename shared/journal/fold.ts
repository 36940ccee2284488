/**
 * Folds journal entries into the state of a deployment: its alerts, decisions,
 * outcomes and counters. Pure, so the station rebuilds itself after a crash with
 * the same code that replay uses to show a moment in the past. The state itself is in
 * folded.ts; each entry is routed (applyKnown) to the part it changes.
 */
import { DEFAULT_RETENTION_DAYS } from '../feed/limits';
import type { Actor, EntryOf, JournalEntry, KnownEntry } from './entries';
import { alertFromEntry } from './alert-of-entry';
import { knownEntry } from './read-entry';
import { alertIdNamed } from './alert-named';
import { answerKey, emptyDeployment, tallyKey, type FoldedDeployment } from './folded';
import { interner, type Intern } from './intern';
import type { DecisionRecord, OutcomeRecord, StationAlert } from '../view';

function markPurged(state: FoldedDeployment, hashes: string[]): void {
  for (const h of hashes) state.purged.add(h);
  for (const alert of state.alerts.values()) {
    for (const ref of [alert.probe, alert.scene, alert.subject.image])
      if (ref && state.purged.has(ref.sha256)) ref.url = null;
  }
}

const UNNAMED: Actor = { id: '?', name: 'not named' };

/** Each fold's table of repeated strings (intern.ts), kept beside its state and dropped with it. */
const interners = new WeakMap<FoldedDeployment, Intern>();
function internOf(state: FoldedDeployment): Intern {
  let intern = interners.get(state);
  if (!intern) interners.set(state, (intern = interner()));
  return intern;
}

/**
 * Apply one entry. Types this version does not know are skipped (the format allows
 * more); data that does not match its type throws EntryDataError (see read-entry.ts).
 */
export function applyEntry(state: FoldedDeployment, raw: JournalEntry): void {
  noteEntry(state, raw);
  const entry = knownEntry(raw);
  if (entry) applyKnown(state, entry);
}

/**
 * applyEntry for an entry the station has just written from its own typed data (station/
 * write.ts): not parsed against its schema again (3 % of a 200-alert burst's event loop,
 * issue 25). Read back from disk (start-up, replay, a summary made whole), it is checked.
 */
export function applyWrittenEntry(state: FoldedDeployment, entry: KnownEntry): void {
  noteEntry(state, entry);
  applyKnown(state, entry);
}

/** What every entry changes, known or not: the last seq, and whether the journal is closed. */
function noteEntry(state: FoldedDeployment, raw: JournalEntry): void {
  // A summarised alert is read back (made whole) before an entry naming it is folded
  // (electron/core/station/summaries.ts): folding it here would lose or misplace the change.
  if (state.summaries.size > 0) {
    const alertId = alertIdNamed(raw.type, raw.data);
    if (alertId !== null && state.summaries.has(alertId))
      throw new Error(`alert ${alertId} is summarised: it must be read back before seq ${raw.seq} is folded`);
  }
  state.lastSeq = raw.seq;
  if (raw.type !== 'journal-closed' && raw.type !== 'checkpoint') state.closed = false;
}

/** Route each known entry to the part of the state it changes. */
function applyKnown(state: FoldedDeployment, entry: KnownEntry): void {
  switch (entry.type) {
    case 'alert-received':
    case 'alert-rejected':
    case 'alert-withdrawn':
    case 'alert-shown':
    case 'alert-conflict':
    case 'alert-escalated':
    case 'escalation':
    case 'alert-settled':
    case 'claim':
    case 'claim-released':
      return applyAlertEvent(state, entry);
    case 'decision':
    case 'decision-recorded':
    case 'outcome':
    case 'outcome-recorded':
      return applyRecord(state, entry);
    case 'journal-opened':
    case 'deployment':
    case 'operator-signed-in':
    case 'operator-signed-out':
    case 'checkpoint':
    case 'retention-purge':
    case 'legal-hold':
    case 'safeguard-warning':
    case 'journal-closed':
    case 'clock-step':
    case 'clock-confirmed':
    case 'tally':
      return applyJournalFact(state, entry);
    // What only replay or the record needs: nothing in the live state depends on these.
    case 'recovered':
    case 'supervisor-review':
    case 'welfare-prompt':
    case 'settings-changed':
    case 'replay-opened':
    case 'export':
    case 'trust-enrolled':
    case 'account-changed':
      return;
    default: {
      const _exhaustive: never = entry;
      return _exhaustive;
    }
  }
}

type AlertEvent = Extract<
  KnownEntry,
  {
    type:
      | 'alert-received'
      | 'alert-rejected'
      | 'alert-withdrawn'
      | 'alert-shown'
      | 'alert-conflict'
      | 'alert-escalated'
      | 'escalation'
      | 'alert-settled'
      | 'claim'
      | 'claim-released';
  }
>;

/** What happened to one alert: arrival, refusal, withdrawal, showing, claims, escalation, settlement elsewhere. */
function applyAlertEvent(state: FoldedDeployment, entry: AlertEvent): void {
  switch (entry.type) {
    case 'alert-received': {
      const alert = alertFromEntry(entry.data, entry.at, state.deploymentId, state.purged, internOf(state));
      state.alerts.set(alert.alertId, alert);
      state.seqs.set(alert.seq, alert.alertId);
      state.maxAlertSeq = Math.max(state.maxAlertSeq, alert.seq);
      // Named afresh: if it is missing again, only a later listing covers it (journal-v1 "Verifying").
      if (state.lost.size > 0)
        for (const ref of [alert.probe, alert.scene, alert.subject.image])
          if (ref) state.lost.delete(ref.sha256);
      return;
    }
    case 'alert-rejected': {
      const d = entry.data;
      state.rejected += 1;
      if (d.code === 'outside-window') state.outsideWindow += 1;
      if (typeof d.alertId === 'string') state.rejectedAlerts.set(d.alertId, d.reason);
      if (typeof d.seq === 'number' && d.deploymentId === state.deploymentId)
        state.maxAlertSeq = Math.max(state.maxAlertSeq, d.seq);
      return;
    }
    case 'alert-withdrawn': {
      const alert = state.alerts.get(entry.data.alertId);
      if (alert) {
        alert.status = 'withdrawn';
        alert.withdrawnReason = entry.data.reason;
      }
      return;
    }
    case 'alert-shown': {
      const alert = state.alerts.get(entry.data.alertId);
      if (!alert) return;
      if (entry.data.note !== undefined) return addOfficerNote(alert, entry);
      if (!alert.shownAt) alert.shownAt = entry.at;
      // Faces reported not shown add up (each is reported as it fails); a showing with both clears them.
      const notShown = entry.data.imagesNotShown?.map((i) => i.role) ?? [];
      if (notShown.length > 0)
        alert.facesNotShown = [...new Set([...(alert.facesNotShown ?? []), ...notShown])];
      else delete alert.facesNotShown;
      return;
    }
    case 'alert-conflict': {
      const notes = state.alerts.get(entry.data.alertId)?.notes;
      if (notes) notes.conflicts += 1;
      return;
    }
    case 'alert-escalated':
    case 'escalation': {
      const alert = state.alerts.get(entry.data.alertId);
      // An escalation received from another station marks nothing here: it is that station's alert to escalate.
      if (alert && !('by' in entry.data && entry.data.by)) alert.escalated = true;
      return;
    }
    case 'alert-settled': {
      // Decided at another station of a shared deployment: nothing more is asked of this officer.
      const alert = state.alerts.get(entry.data.alertId);
      if (alert && alert.decisions.length === 0) {
        const { by, decision, revision, decidedAt } = entry.data;
        alert.settledElsewhere = { by, decision, revision, decidedAt };
        delete alert.heldElsewhere;
        if (alert.status === 'pending') alert.status = 'decided';
      }
      return;
    }
    case 'claim': {
      // Who held the alert when this station asked: shown until this station holds it or it is settled.
      const alert = state.alerts.get(entry.data.alertId);
      if (!alert) return;
      if (entry.data.status === 'held' && entry.data.by)
        alert.heldElsewhere = { ...entry.data.by, ...(entry.data.since ? { since: entry.data.since } : {}) };
      else if (entry.data.status === 'granted') delete alert.heldElsewhere;
      return;
    }
    case 'claim-released': {
      // Whoever held it let it go (or the feed did): nobody is named as holding it any more.
      const alert = state.alerts.get(entry.data.alertId);
      if (alert) delete alert.heldElsewhere;
      return;
    }
    default: {
      const _exhaustive: never = entry;
      return _exhaustive;
    }
  }
}

type RecordEntry = Extract<
  KnownEntry,
  { type: 'decision' | 'decision-recorded' | 'outcome' | 'outcome-recorded' }
>;

/** An officer's decision or outcome, and the server's answer to it. */
function applyRecord(state: FoldedDeployment, entry: RecordEntry): void {
  switch (entry.type) {
    case 'decision': {
      const d = entry.data;
      const alert = state.alerts.get(d.alertId);
      if (!alert) return;
      const intern = internOf(state);
      const record: DecisionRecord = {
        revision: d.revision,
        decision: d.decision,
        reasons: intern.list(d.reasons),
        rationale: d.rationale,
        operator: intern.actor(d.operator),
        confirmedBy: d.confirmedBy ?? null,
        // Nearly always the time the alert was first shown: that string, not a second copy.
        shownAt: d.shownAt === alert.shownAt ? alert.shownAt : d.shownAt,
        decidedAt: d.decidedAt,
        journal: { seq: entry.seq, hash: entry.hash },
        recorded: false,
        ...(d.lead ? { lead: d.lead } : {}),
      };
      alert.decisions.push(record);
      if (alert.status === 'pending') alert.status = 'decided';
      return;
    }
    case 'decision-recorded': {
      const d = entry.data;
      state.answered.add(answerKey('decision', d.alertId, d.revision));
      const record = state.alerts.get(d.alertId)?.decisions.find((x) => x.revision === d.revision);
      if (record && d.status !== 'rejected') record.recorded = true;
      if (record && d.status === 'rejected') record.rejected = d.reason ?? 'rejected without a reason';
      return;
    }
    case 'outcome': {
      const d = entry.data;
      const alert = state.alerts.get(d.alertId);
      if (!alert) return;
      const intern = internOf(state);
      const record: OutcomeRecord = {
        revision: d.revision,
        result: intern(d.result),
        action: d.action ?? null,
        engagementOfficer: d.engagementOfficer ?? null,
        stopMinutes: d.stopMinutes ?? null,
        leafletGiven: d.leafletGiven ?? null,
        notes: d.notes,
        recordedBy: intern.actor(d.recordedBy),
        recordedAt: d.recordedAt,
        recorded: false,
      };
      alert.outcomes.push(record);
      if (d.observed) state.observed.set(answerKey('outcome', d.alertId, d.revision), d.observed);
      return;
    }
    case 'outcome-recorded': {
      const d = entry.data;
      state.answered.add(answerKey('outcome', d.alertId, d.revision));
      const record = state.alerts.get(d.alertId)?.outcomes.find((x) => x.revision === d.revision);
      if (record && d.status !== 'rejected') record.recorded = true;
      return;
    }
    default: {
      const _exhaustive: never = entry;
      return _exhaustive;
    }
  }
}

type JournalFact = Extract<
  KnownEntry,
  {
    type:
      | 'journal-opened'
      | 'deployment'
      | 'operator-signed-in'
      | 'operator-signed-out'
      | 'checkpoint'
      | 'retention-purge'
      | 'legal-hold'
      | 'safeguard-warning'
      | 'journal-closed'
      | 'clock-step'
      | 'clock-confirmed'
      | 'tally';
  }
>;

/** Facts about the deployment and its journal: who is signed in, holds, safeguards, the clock, tallies. */
function applyJournalFact(state: FoldedDeployment, entry: JournalFact): void {
  switch (entry.type) {
    case 'journal-opened':
      state.training = entry.data.training === true;
      return;
    case 'deployment': {
      const d = entry.data;
      state.deployment = { ...d, retentionDays: d.retentionDays ?? DEFAULT_RETENTION_DAYS };
      state.deploymentChangedAt = entry.at;
      return;
    }
    case 'operator-signed-in':
      if (entry.actor)
        state.operator = {
          id: entry.actor.id,
          name: entry.actor.name,
          role: entry.data.role,
          at: entry.at,
        };
      return;
    case 'operator-signed-out': {
      state.operator = null;
      const { reason, note, open } = entry.data;
      if (reason === 'handover' && entry.actor && note !== undefined && open)
        state.lastHandover = { by: entry.actor, at: entry.at, note, open };
      return;
    }
    case 'checkpoint':
      state.lastCheckpoint = {
        seq: entry.data.seq,
        hash: entry.data.hash,
        signature: entry.data.signature,
      };
      return;
    case 'retention-purge':
      // Images the station found gone ("lost", station/image-loss.ts) are not purged under
      // retention: the screen still tries them and says it cannot show them; retention still runs.
      if (entry.data.reason !== 'lost') markPurged(state, entry.data.images);
      else for (const sha256 of entry.data.images) state.lost.add(sha256);
      return;
    case 'legal-hold':
      // The station always names who placed a hold; a journal that does not is still read.
      state.legalHold = entry.data.active
        ? { reason: entry.data.reason, by: entry.actor ?? UNNAMED, at: entry.at }
        : null;
      return;
    case 'safeguard-warning':
      state.safeguardsRaised.add(entry.data.code);
      if (entry.data.code === 'journal-rollback')
        state.rollbackAlarm = { seq: entry.seq, detail: entry.data.detail };
      if (entry.data.code === 'journal-rollback-resolved') state.rollbackAlarm = null;
      return;
    case 'journal-closed':
      state.closed = true;
      return;
    case 'clock-step':
      state.clockDoubt = { seq: entry.seq, before: entry.data.before, after: entry.data.after };
      return;
    case 'clock-confirmed':
      state.clockDoubt = null;
      return;
    case 'tally': {
      const key = tallyKey(entry.data);
      if (state.tallies.has(key)) return;
      state.tallies.add(key);
      state.facesCompared += entry.data.faces;
      return;
    }
    default: {
      const _exhaustive: never = entry;
      return _exhaustive;
    }
  }
}

export function foldEntries(deploymentId: string, entries: Iterable<JournalEntry>): FoldedDeployment {
  const state = emptyDeployment(deploymentId);
  for (const entry of entries) applyEntry(state, entry);
  return state;
}

/** A note is not a showing: it changes neither when the alert was first shown nor which faces were. */
function addOfficerNote(alert: StationAlert, entry: EntryOf<'alert-shown'>): void {
  if (!entry.actor || entry.data.note === undefined) return;
  (alert.officerNotes ??= []).push({ at: entry.at, by: entry.actor, text: entry.data.note });
}
