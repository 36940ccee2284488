/**
 * What the station sends the feed server, built in one place and typed by the wire
 * schemas (shared/feed/schemas.ts): decision, outcome and checkpoint payloads, and the
 * evidence block a decision carries (in its journal entry and on the wire alike). Also
 * what the journal says is still owed after a restart, and journalling the answers.
 */
import {
  PROTOCOL_VERSION,
  toWellFormedText,
  type CheckpointMessage,
  type DecisionMessage,
  type OutcomeMessage,
  type ServerAck,
} from '../../../shared/feed/schemas';
import { answerKey } from '../../../shared/journal/folded';
import type { StationAlert } from '../../../shared/view';
import type { Observed } from '../../../shared/vocabulary';
import type { CheckpointNotice } from '../journal/journal';
import type { OutboxItem } from '../outbox';
import type { OpenDeployment, SlotLookup, Writer } from './context';

/** What the officer looked at when deciding: both images by hash, the score and the threshold. */
export function evidenceOf(alert: StationAlert): DecisionMessage['evidence'] {
  return {
    probeSha256: alert.probe.sha256,
    subjectSha256: alert.subject.image.sha256,
    score: alert.score,
    threshold: alert.threshold,
  };
}

function decisionMessage(alert: StationAlert, revision: number): DecisionMessage {
  const d = alert.decisions.find((x) => x.revision === revision);
  if (!d) throw new Error(`alert ${alert.alertId} has no decision revision ${revision}`);
  return {
    v: PROTOCOL_VERSION,
    alertId: alert.alertId,
    deploymentId: alert.deploymentId,
    revision,
    decision: d.decision,
    reasons: d.reasons,
    rationale: d.rationale,
    operator: d.operator,
    shownAt: d.shownAt,
    decidedAt: d.decidedAt,
    evidence: evidenceOf(alert),
    journal: d.journal,
  };
}

/** One outcome revision as sent; `observed` is the fold's (it is never on the StationAlert). */
function outcomeMessage(alert: StationAlert, revision: number, observed?: Observed): OutcomeMessage {
  const o = alert.outcomes.find((x) => x.revision === revision);
  if (!o) throw new Error(`alert ${alert.alertId} has no outcome revision ${revision}`);
  return {
    v: PROTOCOL_VERSION,
    alertId: alert.alertId,
    deploymentId: alert.deploymentId,
    revision,
    result: o.result,
    ...(o.action ? { action: o.action } : {}),
    ...(o.engagementOfficer ? { engagementOfficer: o.engagementOfficer } : {}),
    ...(o.stopMinutes !== null ? { stopMinutes: o.stopMinutes } : {}),
    ...(o.leafletGiven !== null ? { leafletGiven: o.leafletGiven } : {}),
    notes: o.notes,
    ...(observed ? { observed } : {}),
    recordedBy: o.recordedBy,
    recordedAt: o.recordedAt,
  };
}

function checkpointMessage(cp: CheckpointNotice): CheckpointMessage {
  return { v: PROTOCOL_VERSION, ...cp };
}

export const decisionItem = (alert: StationAlert, revision: number, queuedAt: string): OutboxItem => ({
  kind: 'decision',
  key: `${alert.alertId}#${revision}`,
  payload: decisionMessage(alert, revision),
  queuedAt,
});

export const outcomeItem = (
  alert: StationAlert,
  revision: number,
  queuedAt: string,
  observed?: Observed,
): OutboxItem => ({
  kind: 'outcome',
  key: `${alert.alertId}#${revision}`,
  payload: outcomeMessage(alert, revision, observed),
  queuedAt,
});

export const checkpointItem = (cp: CheckpointNotice, queuedAt: string): OutboxItem => ({
  kind: 'checkpoint',
  key: `${cp.deploymentId}#${cp.seq}`,
  payload: checkpointMessage(cp),
  queuedAt,
});

/** Everything the journal says the server has not answered yet, to send again after a restart. */
export function pendingOutboxItems(slot: OpenDeployment, stationId: string, queuedAt: string): OutboxItem[] {
  const items: OutboxItem[] = [];
  const { state } = slot;
  for (const alert of state.alerts.values()) {
    for (const d of alert.decisions)
      if (!d.recorded && !state.answered.has(answerKey('decision', alert.alertId, d.revision)))
        items.push(decisionItem(alert, d.revision, queuedAt));
    for (const o of alert.outcomes)
      if (!o.recorded && !state.answered.has(answerKey('outcome', alert.alertId, o.revision)))
        items.push(
          outcomeItem(
            alert,
            o.revision,
            queuedAt,
            state.observed.get(answerKey('outcome', alert.alertId, o.revision)),
          ),
        );
  }
  const cp = state.lastCheckpoint;
  if (cp) items.push(checkpointItem({ stationId, deploymentId: state.deploymentId, ...cp }, queuedAt));
  return items;
}

/** A rejection reason as journalled and shown: at most 500 characters, valid Unicode. */
const REJECTION_REASON_LIMIT = 500;
function capReason(reason: string): string {
  const text = toWellFormedText(reason.trim() || 'rejected without a reason');
  return text.length > REJECTION_REASON_LIMIT ? `${text.slice(0, REJECTION_REASON_LIMIT - 1)}…` : text;
}

/** The server answered an outbox item: journal it (rejections too: resending will not help). */
export async function recordAnswer(
  ctx: Writer & SlotLookup,
  item: OutboxItem,
  answer: ServerAck,
): Promise<void> {
  if (item.kind === 'checkpoint') return;
  const [alertId, revision] = item.key.split('#') as [string, string];
  const slot = ctx.slotOfAlert(alertId);
  if (!slot) return;
  const data = {
    alertId,
    revision: Number(revision),
    status: answer.status,
    // The server's words are kept, but a server cannot fill the journal with them.
    ...(answer.status === 'rejected' ? { reason: capReason(answer.reason) } : {}),
  };
  if (item.kind === 'decision') await ctx.append(slot, 'decision-recorded', null, data);
  else await ctx.append(slot, 'outcome-recorded', null, data);
  if (answer.status === 'rejected') ctx.log(`server rejected ${item.kind} ${item.key}: ${answer.reason}`);
  ctx.schedulePush();
}
