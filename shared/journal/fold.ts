/**
 * Folds journal entries into the state of a deployment: its alerts, decisions,
 * outcomes and counters. Pure, so the station rebuilds itself after a crash with
 * the same code that replay uses to show a moment in the past.
 */
import type { Deployment, DecisionKind } from '../feed/schemas';
import { DEFAULT_RETENTION_DAYS } from '../feed/limits';
import type { Actor, JournalEntry, StoredImage } from './entries';
import type { AlertView, DecisionRecord, ImageRef, OutcomeRecord } from '../view';

export interface FoldedDeployment {
  deploymentId: string;
  training: boolean;
  deployment: (Deployment & { retentionDays: number }) | null;
  deploymentChangedAt: string | null;
  alerts: Map<string, AlertView>;
  /** alertId -> seq used, to refuse a second alert claiming a seq already taken. */
  seqs: Map<number, string>;
  maxAlertSeq: number;
  rejected: number;
  outsideWindow: number;
  rejectedAlerts: Map<string, string>;
  /** Outbox keys the server has answered (recorded or rejected): "decision:<alertId>#<revision>". */
  answered: Set<string>;
  operator: (Actor & { role: 'officer' | 'supervisor'; at: string }) | null;
  lastCheckpoint: { seq: number; hash: string; signature: string } | null;
  purged: Set<string>;
  legalHold: { reason: string; by: Actor; at: string } | null;
  safeguardsRaised: Set<string>;
  closed: boolean;
  lastSeq: number;
}

export function emptyDeployment(deploymentId: string): FoldedDeployment {
  return {
    deploymentId,
    training: false,
    deployment: null,
    deploymentChangedAt: null,
    alerts: new Map(),
    seqs: new Map(),
    maxAlertSeq: 0,
    rejected: 0,
    outsideWindow: 0,
    rejectedAlerts: new Map(),
    answered: new Set(),
    operator: null,
    lastCheckpoint: null,
    purged: new Set(),
    legalHold: null,
    safeguardsRaised: new Set(),
    closed: false,
    lastSeq: 0,
  };
}

export const imageUrl = (deploymentId: string, sha256: string) => `/images/${deploymentId}/${sha256}`;

function imageRef(deploymentId: string, stored: StoredImage, purged: Set<string>): ImageRef {
  return {
    sha256: stored.sha256,
    mime: stored.mime,
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
    url: purged.has(stored.sha256) ? null : imageUrl(deploymentId, stored.sha256),
  };
}

type D = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Build the alert as the renderer sees it from an `alert-received` entry's data. */
export function alertFromEntry(data: D, at: string, deploymentId: string, purged: Set<string>): AlertView {
  const subject = data.subject as D;
  const subjectImage = subject.image as StoredImage & { takenAt?: string; source?: string };
  const scene = data.scene as
    (StoredImage & { box?: { x: number; y: number; w: number; h: number } }) | undefined;
  return {
    alertId: data.alertId as string,
    seq: data.seq as number,
    deploymentId,
    capturedAt: data.capturedAt as string,
    receivedAt: at,
    camera: data.camera as { id: string; label: string },
    score: data.score as number,
    threshold: data.threshold as number,
    probe: imageRef(deploymentId, data.probe as StoredImage, purged),
    scene: scene ? { ...imageRef(deploymentId, scene, purged), box: scene.box ?? null } : null,
    subject: {
      entryId: subject.entryId as string,
      name: str(subject.name),
      category: subject.category as string,
      tier: subject.tier as AlertView['subject']['tier'],
      reason: subject.reason as string,
      warnings: (subject.warnings as string[]) ?? [],
      ownerContact: str(subject.ownerContact),
      image: {
        ...imageRef(deploymentId, subjectImage, purged),
        takenAt: str(subjectImage.takenAt),
        source: str(subjectImage.source),
      },
    },
    status: 'pending',
    withdrawnReason: null,
    shownAt: null,
    escalated: false,
    decisions: [],
    outcomes: [],
  };
}

function markPurged(state: FoldedDeployment, hashes: string[]): void {
  for (const h of hashes) state.purged.add(h);
  for (const alert of state.alerts.values()) {
    for (const ref of [alert.probe, alert.scene, alert.subject.image])
      if (ref && state.purged.has(ref.sha256)) ref.url = null;
  }
}

/** Apply one entry. Unknown types are ignored (the format allows more). */
export function applyEntry(state: FoldedDeployment, entry: JournalEntry): void {
  const data = entry.data as D;
  state.lastSeq = entry.seq;
  switch (entry.type) {
    case 'journal-opened':
      state.training = data.training === true;
      break;
    case 'deployment': {
      const d = data as unknown as Deployment;
      state.deployment = { ...d, retentionDays: d.retentionDays ?? DEFAULT_RETENTION_DAYS };
      state.deploymentChangedAt = entry.at;
      break;
    }
    case 'operator-signed-in':
      state.operator = {
        ...(entry.actor as Actor),
        role: data.role === 'supervisor' ? 'supervisor' : 'officer',
        at: entry.at,
      };
      break;
    case 'operator-signed-out':
      state.operator = null;
      break;
    case 'alert-received': {
      const alert = alertFromEntry(data, entry.at, state.deploymentId, state.purged);
      state.alerts.set(alert.alertId, alert);
      state.seqs.set(alert.seq, alert.alertId);
      state.maxAlertSeq = Math.max(state.maxAlertSeq, alert.seq);
      break;
    }
    case 'alert-rejected':
      state.rejected += 1;
      if (data.code === 'outside-window') state.outsideWindow += 1;
      if (typeof data.alertId === 'string') state.rejectedAlerts.set(data.alertId, String(data.reason));
      if (typeof data.seq === 'number' && data.deploymentId === state.deploymentId)
        state.maxAlertSeq = Math.max(state.maxAlertSeq, data.seq);
      break;
    case 'alert-withdrawn': {
      const alert = state.alerts.get(data.alertId as string);
      if (alert) {
        alert.status = 'withdrawn';
        alert.withdrawnReason = str(data.reason);
      }
      break;
    }
    case 'alert-shown': {
      const alert = state.alerts.get(data.alertId as string);
      if (alert && !alert.shownAt) alert.shownAt = entry.at;
      break;
    }
    case 'alert-escalated': {
      const alert = state.alerts.get(data.alertId as string);
      if (alert) alert.escalated = true;
      break;
    }
    case 'decision': {
      const alert = state.alerts.get(data.alertId as string);
      if (!alert) break;
      const record: DecisionRecord = {
        revision: data.revision as number,
        decision: data.decision as DecisionKind,
        reasons: data.reasons as string[],
        rationale: data.rationale as string,
        operator: data.operator as Actor,
        confirmedBy: (data.confirmedBy as DecisionRecord['confirmedBy']) ?? null,
        shownAt: data.shownAt as string,
        decidedAt: data.decidedAt as string,
        journal: { seq: entry.seq, hash: entry.hash },
        recorded: false,
      };
      alert.decisions.push(record);
      if (alert.status === 'pending') alert.status = 'decided';
      break;
    }
    case 'decision-recorded': {
      state.answered.add(`decision:${String(data.alertId)}#${String(data.revision)}`);
      const record = state.alerts
        .get(data.alertId as string)
        ?.decisions.find((d) => d.revision === data.revision);
      if (record && data.status !== 'rejected') record.recorded = true;
      break;
    }
    case 'outcome': {
      const alert = state.alerts.get(data.alertId as string);
      if (!alert) break;
      const record: OutcomeRecord = {
        revision: data.revision as number,
        result: data.result as OutcomeRecord['result'],
        action: (data.action as OutcomeRecord['action']) ?? null,
        engagementOfficer: (data.engagementOfficer as Actor) ?? null,
        stopMinutes: (data.stopMinutes as number) ?? null,
        leafletGiven: (data.leafletGiven as boolean) ?? null,
        notes: (data.notes as string) ?? '',
        recordedBy: data.recordedBy as Actor,
        recordedAt: data.recordedAt as string,
        recorded: false,
      };
      alert.outcomes.push(record);
      break;
    }
    case 'outcome-recorded': {
      state.answered.add(`outcome:${String(data.alertId)}#${String(data.revision)}`);
      const record = state.alerts
        .get(data.alertId as string)
        ?.outcomes.find((o) => o.revision === data.revision);
      if (record && data.status !== 'rejected') record.recorded = true;
      break;
    }
    case 'checkpoint':
      state.lastCheckpoint = data as unknown as FoldedDeployment['lastCheckpoint'];
      break;
    case 'retention-purge':
      markPurged(state, (data.images as string[]) ?? []);
      break;
    case 'legal-hold':
      state.legalHold =
        data.active === false
          ? null
          : { reason: String(data.reason), by: entry.actor as Actor, at: entry.at };
      break;
    case 'safeguard-warning':
      if (typeof data.code === 'string') state.safeguardsRaised.add(data.code);
      break;
    case 'journal-closed':
      state.closed = true;
      break;
    default:
      break;
  }
  if (entry.type !== 'journal-closed' && entry.type !== 'checkpoint') state.closed = false;
}

export function foldEntries(deploymentId: string, entries: Iterable<JournalEntry>): FoldedDeployment {
  const state = emptyDeployment(deploymentId);
  for (const entry of entries) applyEntry(state, entry);
  return state;
}
