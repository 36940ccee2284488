/**
 * Turns journal entries, in order, into what a replay shows: the shared fold (the same
 * code the station rebuilds itself with) plus what only replay needs: every showing of
 * an alert, supervisor reviews, the event list, rejections, safeguards, sign-in spans.
 * Every lookup is by Map, so a 100,000-entry journal folds in one linear pass.
 */
import type { Actor, JournalEntry } from '../../../shared/journal/entries';
import { applyEntry, emptyDeployment, type FoldedDeployment } from '../../../shared/journal/fold';
import type {
  Integrity,
  OperatorSpan,
  ReplayAlert,
  ReplayData,
  ReplayEvent,
  SupervisorReview,
} from '../../../shared/replay';
import type { AlertView } from '../../../shared/view';

type D = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function isActor(v: unknown): v is Actor {
  return typeof v === 'object' && v !== null && typeof (v as Actor).id === 'string';
}

export function reviewFromEntry(entry: JournalEntry): SupervisorReview | null {
  const d = entry.data as D;
  const verdict = d.verdict === 'countersign' || d.verdict === 'disagree' ? d.verdict : null;
  const alertId = str(d.alertId);
  const revision = num(d.revision);
  if (!verdict || !alertId || revision === null || !isActor(entry.actor)) return null;
  return {
    alertId,
    revision,
    verdict,
    comment: str(d.comment) ?? '',
    by: { id: entry.actor.id, name: entry.actor.name },
    at: entry.at,
    seq: entry.seq,
  };
}

export class ReplayBuilder {
  readonly state: FoldedDeployment;
  private readonly shown = new Map<string, ReplayAlert['shown']>();
  private readonly reviewsByAlert = new Map<string, SupervisorReview[]>();
  readonly events: ReplayEvent[] = [];
  readonly rejected: ReplayData['rejected'] = [];
  readonly safeguards: ReplayData['safeguards'] = [];
  readonly operators: OperatorSpan[] = [];
  readonly reviews: SupervisorReview[] = [];
  /** Image hashes referenced by alert-received entries so far. */
  readonly images = new Set<string>();
  first: string | null = null;
  last: string | null = null;
  /** Lines that could not be folded (only in a journal that failed verification). */
  skipped = 0;

  constructor(deploymentId: string) {
    this.state = emptyDeployment(deploymentId);
  }

  apply(entry: JournalEntry): void {
    this.first ??= entry.at;
    this.last = entry.at;
    try {
      applyEntry(this.state, entry);
    } catch {
      // Data the fold cannot read (a journal that failed verification): show what can be shown.
      this.skipped += 1;
    }
    const d = entry.data as D;
    switch (entry.type) {
      case 'alert-received':
        for (const ref of [d.probe, d.scene, (d.subject as D | undefined)?.image]) {
          const sha = (ref as { sha256?: unknown } | undefined)?.sha256;
          if (typeof sha === 'string') this.images.add(sha);
        }
        break;
      case 'alert-shown': {
        const alertId = str(d.alertId);
        if (alertId && isActor(entry.actor)) {
          let list = this.shown.get(alertId);
          if (!list) this.shown.set(alertId, (list = []));
          list.push({ at: entry.at, operator: { id: entry.actor.id, name: entry.actor.name } });
        }
        break;
      }
      case 'supervisor-review':
        this.addReview(entry);
        break;
      case 'alert-rejected':
        this.rejected.push({
          at: entry.at,
          seq: entry.seq,
          alertId: str(d.alertId),
          code: str(d.code) ?? str(d.kind) ?? 'invalid',
          reason: str(d.reason) ?? '',
        });
        break;
      case 'safeguard-warning':
        this.safeguards.push({
          at: entry.at,
          code: str(d.code) ?? '',
          severity: str(d.severity) ?? '',
          title: str(d.title) ?? '',
          detail: str(d.detail) ?? '',
        });
        break;
      case 'operator-signed-in':
        // One person is signed in at a time: a new sign-in ends any span still open.
        this.closeSpans(entry.at);
        if (isActor(entry.actor))
          this.operators.push({
            operator: {
              id: entry.actor.id,
              name: entry.actor.name,
              role: d.role === 'supervisor' ? 'supervisor' : 'officer',
            },
            from: entry.at,
            to: null,
          });
        break;
      case 'operator-signed-out':
      case 'journal-closed':
        this.closeSpans(entry.at);
        break;
      default:
        break;
    }
    const event = this.describe(entry);
    if (event) this.events.push(event);
  }

  addReview(entry: JournalEntry): void {
    const review = reviewFromEntry(entry);
    if (!review) return;
    this.reviews.push(review);
    let list = this.reviewsByAlert.get(review.alertId);
    if (!list) this.reviewsByAlert.set(review.alertId, (list = []));
    list.push(review);
  }

  private closeSpans(at: string): void {
    for (let i = this.operators.length - 1; i >= 0; i--) {
      const span = this.operators[i]!;
      if (span.to !== null) break;
      span.to = at;
    }
  }

  private label(alertId: string | null): string {
    const alert = alertId ? this.state.alerts.get(alertId) : undefined;
    return alert ? `alert #${alert.seq}` : `alert ${alertId ?? '?'}`;
  }

  private describe(entry: JournalEntry): ReplayEvent | null {
    const d = entry.data as D;
    const who = entry.actor?.name ?? 'the station';
    const alertId = str(d.alertId);
    let summary: string;
    switch (entry.type) {
      case 'journal-opened':
        summary = `Journal opened by station ${str(d.stationId) ?? '?'} (app ${str(d.appVersion) ?? '?'})`;
        break;
      case 'deployment':
        summary = `Deployment record: ${str(d.title) ?? '?'}, ${str(d.startsAt) ?? '?'} to ${str(d.endsAt) ?? '?'}, threshold ${num(d.threshold) ?? '?'}`;
        break;
      case 'operator-signed-in':
        summary = `${who} signed in as ${d.role === 'supervisor' ? 'supervisor' : 'officer'}`;
        break;
      case 'operator-signed-out':
        summary = `${who} signed out (${str(d.reason) ?? 'sign-out'})`;
        break;
      case 'alert-received': {
        const a = alertId ? this.state.alerts.get(alertId) : undefined;
        summary = a
          ? `Alert #${a.seq} received: ${a.subject.tier} ${a.subject.category}, score ${a.score.toFixed(3)}, ${a.camera.label}`
          : 'Alert received (unreadable)';
        break;
      }
      case 'alert-rejected':
        summary = `Alert refused (${str(d.code) ?? str(d.kind) ?? 'invalid'}): ${str(d.reason) ?? ''}`;
        break;
      case 'alert-withdrawn':
        summary = `${this.label(alertId)} withdrawn by the feed: ${str(d.reason) ?? ''}`;
        break;
      case 'alert-shown':
        summary = `${this.label(alertId)} shown to ${who}`;
        break;
      case 'alert-escalated':
        summary = `${this.label(alertId)} escalated: undecided for ${Math.round((num(d.undecidedForMs) ?? 0) / 1000)} s`;
        break;
      case 'decision': {
        const confirmed = isActor(d.confirmedBy) ? `, confirmed by ${d.confirmedBy.name}` : '';
        summary = `${who} decided ${str(d.decision) ?? '?'} on ${this.label(alertId)} (revision ${num(d.revision) ?? '?'})${confirmed}`;
        break;
      }
      case 'decision-recorded':
      case 'outcome-recorded':
        // The server's acknowledgements are noise on a timeline unless it refused.
        if (d.status !== 'rejected') return null;
        summary = `Feed server refused the ${entry.type === 'decision-recorded' ? 'decision' : 'outcome'} for ${this.label(alertId)} (revision ${num(d.revision) ?? '?'}): ${str(d.reason) ?? ''}`;
        break;
      case 'outcome':
        summary = `Outcome for ${this.label(alertId)}: ${str(d.result) ?? '?'}${str(d.action) ? `, ${str(d.action)}` : ''} (recorded by ${isActor(d.recordedBy) ? d.recordedBy.name : who})`;
        break;
      case 'safeguard-warning':
        summary = `Safeguard warning: ${str(d.title) ?? str(d.code) ?? '?'}`;
        break;
      case 'welfare-prompt':
        summary =
          d.response !== undefined
            ? `${who} answered the welfare prompt: ${str(d.response) ?? '?'}`
            : `Welfare prompt shown to ${who} after ${Math.round((num(d.reviewingForMs) ?? 0) / 60000)} min of review`;
        break;
      case 'settings-changed':
        summary = `Settings changed by ${who}: ${Object.keys(d).join(', ')}`;
        break;
      case 'retention-purge':
        summary = `Retention: ${Array.isArray(d.images) ? d.images.length : 0} images deleted`;
        break;
      case 'legal-hold':
        summary =
          d.active === false
            ? `Legal hold lifted by ${who}`
            : `Legal hold placed by ${who}: ${str(d.reason) ?? ''}`;
        break;
      case 'supervisor-review':
        summary = `${who} ${d.verdict === 'countersign' ? 'countersigned' : 'disagreed with'} the decision on ${this.label(alertId)} (revision ${num(d.revision) ?? '?'}): ${str(d.comment) ?? ''}`;
        break;
      case 'replay-opened':
        summary = `Replay opened by ${who}`;
        break;
      case 'recovered':
        summary = `Recovered after a crash: ${num(d.bytes) ?? '?'} bytes of a torn last line cut (${str(d.reason) ?? ''})`;
        break;
      case 'journal-closed':
        summary = `Journal closed (${str(d.reason) ?? ''})`;
        break;
      default:
        return null;
    }
    return {
      seq: entry.seq,
      at: entry.at,
      type: entry.type,
      alertId,
      actor: isActor(entry.actor) ? { id: entry.actor.id, name: entry.actor.name } : null,
      summary,
    };
  }

  replayAlert(alert: AlertView): ReplayAlert {
    const first = alert.decisions[0];
    const shownAt = alert.shownAt ?? first?.shownAt ?? null;
    const ttd = first && shownAt ? Date.parse(first.decidedAt) - Date.parse(shownAt) : null;
    return {
      ...alert,
      shown: this.shown.get(alert.alertId) ?? [],
      reviews: this.reviewsByAlert.get(alert.alertId) ?? [],
      timeToDecisionMs: ttd !== null && Number.isFinite(ttd) ? ttd : null,
    };
  }

  /** A snapshot of the replay so far (fresh arrays; alert objects are new too). */
  build(meta: { key: string; source: 'station' | 'import'; integrity: Integrity }): ReplayData {
    const alerts: ReplayAlert[] = [];
    for (const alert of this.state.alerts.values()) alerts.push(this.replayAlert(alert));
    return {
      key: meta.key,
      source: meta.source,
      deploymentId: this.state.deploymentId,
      training: this.state.training,
      deployment: this.state.deployment,
      integrity: meta.integrity,
      alerts,
      events: [...this.events],
      rejected: [...this.rejected],
      safeguards: [...this.safeguards],
      operators: this.operators.map((s) => ({ ...s })),
      reviews: [...this.reviews],
      range: {
        from: this.first ?? new Date(0).toISOString(),
        to: this.last ?? this.first ?? new Date(0).toISOString(),
      },
    };
  }
}
