/**
 * Turns journal entries, in order, into what a replay shows: the shared fold (the same
 * code the station rebuilds itself with) plus what only replay needs: every showing of
 * an alert, supervisor reviews, the event list, rejections, safeguards, sign-in spans.
 * Every lookup is by Map, so a 100,000-entry journal folds in one linear pass.
 */
import { translatorFor } from '../../../shared/i18n/translator';
import { replayLineText, type ReplayLine } from '../../../shared/replay-lines';
import { claimLine } from './claim-lines';
import { howProved } from './sign-in-words';
import { ClaimHolds } from './claim-holds';
import { ClockSteps } from './clock-steps';
import { AlertPlaces, placedList, placedRange } from './alert-places';
import type { Placement } from './clock-placement';
import type { Actor, EntryOf, JournalEntry, KnownEntry } from '../../../shared/journal/entries';
import { checkEntryData } from '../../../shared/journal/read-entry';
import { applyEntry } from '../../../shared/journal/fold';
import { answerKey, emptyDeployment, type FoldedDeployment } from '../../../shared/journal/folded';
import type {
  Integrity,
  OperatorSpan,
  ReplayAlert,
  ReplayData,
  ReplayEvent,
  SupervisorReview,
} from '../../../shared/replay';
import type { StationAlert } from '../../../shared/view';
import type { Observed } from '../../../shared/vocabulary';

export function reviewFromEntry(entry: EntryOf<'supervisor-review'>): SupervisorReview | null {
  const d = entry.data;
  if (!entry.actor) return null;
  return {
    alertId: d.alertId,
    revision: d.revision,
    verdict: d.verdict,
    comment: d.comment,
    by: { id: entry.actor.id, name: entry.actor.name },
    at: entry.at,
    seq: entry.seq,
  };
}

const person = (actor: Actor) => ({ id: actor.id, name: actor.name });
const seconds = (ms: number) => Math.round(ms / 1000);
const english = translatorFor('en-GB');

export class ReplayBuilder {
  readonly state: FoldedDeployment;
  private readonly shown = new Map<string, ReplayAlert['shown']>();
  private readonly reviewsByAlert = new Map<string, SupervisorReview[]>();
  private readonly holds = new ClaimHolds();
  readonly events: ReplayEvent[] = [];
  readonly rejected: ReplayData['rejected'] = [];
  readonly safeguards: ReplayData['safeguards'] = [];
  private readonly clock = new ClockSteps();
  /** Where the replay's time axis puts things after the clock's steps (alert-places.ts). */
  private readonly places = new AlertPlaces();
  readonly operators: OperatorSpan[] = [];
  readonly reviews: SupervisorReview[] = [];
  /** Image hashes referenced by alert-received entries so far. */
  readonly images = new Set<string>();
  first: string | null = null;
  last: string | null = null;
  /** Lines that could not be folded (only in a journal that failed verification). */
  skipped = 0;
  /** The first entry whose data does not match its type (the journal is at fault there). */
  malformed: { seq: number; reason: string } | null = null;

  constructor(deploymentId: string) {
    this.state = emptyDeployment(deploymentId);
  }

  apply(raw: JournalEntry): void {
    this.first ??= raw.at;
    this.last = raw.at;
    this.places.entry(raw.seq, raw.at);
    const checked = checkEntryData(raw);
    if (!checked.ok) {
      // Data the fold cannot read: show what can be shown, and say where the journal is wrong.
      this.skipped += 1;
      this.malformed ??= { seq: raw.seq, reason: checked.reason };
      return;
    }
    applyEntry(this.state, raw);
    const entry = checked.entry;
    if (!entry) return;
    this.collect(entry);
    const said = this.describe(entry);
    if (said === null) return;
    // A line with a code: its English summary from the same message, the code for the screen.
    const line = typeof said === 'string' ? null : said;
    const summary = typeof said === 'string' ? said : replayLineText(english, said);
    this.events.push({
      seq: entry.seq,
      at: entry.at,
      type: entry.type,
      alertId: 'alertId' in entry.data && typeof entry.data.alertId === 'string' ? entry.data.alertId : null,
      actor: entry.actor ? person(entry.actor) : null,
      summary,
      ...(line ? { line } : {}),
    });
  }

  /** What replay keeps beyond the fold: showings, reviews, refusals, safeguards, sign-in spans. */
  private collect(entry: KnownEntry): void {
    switch (entry.type) {
      case 'alert-received': {
        const d = entry.data;
        for (const ref of [d.probe, d.scene, d.subject.image]) if (ref) this.images.add(ref.sha256);
        this.places.received(d.alertId, entry.seq);
        break;
      }
      case 'outcome':
        // The fold keeps an outcome only for an alert it has.
        if (this.state.alerts.has(entry.data.alertId)) this.places.outcome(entry.data.alertId, entry.seq);
        break;
      case 'alert-shown':
        // An officer's note (issue 22) is journalled as `alert-shown` with a note: not a showing.
        if (entry.actor && entry.data.note === undefined) {
          let list = this.shown.get(entry.data.alertId);
          if (!list) this.shown.set(entry.data.alertId, (list = []));
          list.push({ at: entry.at, operator: person(entry.actor) });
          this.places.showing(entry.data.alertId, entry.seq);
        }
        break;
      case 'supervisor-review':
        this.addReview(entry);
        break;
      case 'alert-rejected':
        this.rejected.push({
          at: entry.at,
          seq: entry.seq,
          alertId: entry.data.alertId ?? null,
          code: entry.data.code ?? entry.data.kind ?? 'invalid',
          reason: entry.data.reason,
        });
        break;
      case 'safeguard-warning': {
        const { code, severity, title, detail } = entry.data;
        this.safeguards.push({ at: entry.at, code, severity, title, detail });
        break;
      }
      case 'operator-signed-in':
        // One person is signed in at a time: a new sign-in ends any span still open.
        this.closeSpans(entry.at);
        if (entry.actor)
          this.operators.push({
            operator: { ...person(entry.actor), role: entry.data.role },
            from: entry.at,
            to: null,
          });
        break;
      case 'operator-signed-out':
      case 'journal-closed':
        this.closeSpans(entry.at);
        break;
      case 'clock-step':
        this.clock.stepped(entry);
        break;
      case 'clock-confirmed':
        this.clock.confirmed(entry);
        break;
      case 'claim':
      case 'claim-released':
      case 'decision':
        this.holds.add(entry);
        break;
      default:
        break;
    }
  }

  addReview(entry: EntryOf<'supervisor-review'>): void {
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

  private label(alertId: string | null | undefined): string {
    const alert = alertId ? this.state.alerts.get(alertId) : undefined;
    return alert ? `alert #${alert.seq}` : `alert ${alertId ?? '?'}`;
  }

  /** The alert of a timeline line (replayLineText says it: "alert #12"). */
  private lineAlert(alertId: string | null | undefined): NonNullable<ReplayLine['alert']> {
    const alert = alertId ? this.state.alerts.get(alertId) : undefined;
    return alert ? { seq: String(alert.seq) } : { alertId: alertId ?? '?' };
  }

  /** The lines about one alert's arrival and showing, as codes (shared/replay-lines.ts). */
  private alertLine(
    entry:
      | EntryOf<'alert-withdrawn'>
      | EntryOf<'alert-shown'>
      | EntryOf<'alert-escalated'>
      | EntryOf<'alert-conflict'>,
  ): ReplayLine {
    const by = entry.actor?.name ?? null;
    const alert = this.lineAlert(entry.data.alertId);
    switch (entry.type) {
      case 'alert-withdrawn':
        return { code: 'withdrawn', alert, values: { reason: entry.data.reason } };
      case 'alert-shown':
        return entry.data.note !== undefined
          ? { code: 'noted', who: by, alert, values: { note: entry.data.note } }
          : { code: 'shown', who: by, alert };
      case 'alert-escalated':
        return { code: 'escalated', alert, values: { seconds: String(seconds(entry.data.undecidedForMs)) } };
      case 'alert-conflict':
        return { code: 'conflict', alert };
    }
  }

  /**
   * One line a person can read for the event list (as a code where it has one, else English
   * words); null for entries that are noise on a timeline.
   */
  private describe(entry: KnownEntry): string | ReplayLine | null {
    const who = entry.actor?.name ?? 'the station';
    const by = entry.actor?.name ?? null;
    switch (entry.type) {
      case 'journal-opened':
        return `Journal opened by station ${entry.data.stationId} (app ${entry.data.appVersion})`;
      case 'deployment': {
        const d = entry.data;
        return `Deployment record: ${d.title}, ${d.startsAt} to ${d.endsAt}, threshold ${d.threshold}`;
      }
      case 'operator-signed-in':
        return `${who} signed in as ${entry.data.role}: ${howProved(entry.data)}`;
      case 'operator-signed-out':
        return { code: 'signed-out', who: by, values: { reason: entry.data.reason } };
      case 'alert-received': {
        const a = this.state.alerts.get(entry.data.alertId);
        return a
          ? `Alert #${a.seq} received: ${a.subject.tier} ${a.subject.category}, score ${a.score.toFixed(3)}, ${a.camera.label}`
          : 'Alert received (unreadable)';
      }
      case 'alert-rejected':
        return `Alert refused (${entry.data.code ?? entry.data.kind ?? 'invalid'}): ${entry.data.reason}`;
      case 'alert-withdrawn':
      case 'alert-shown':
      case 'alert-escalated':
      case 'alert-conflict':
        return this.alertLine(entry);
      case 'decision': {
        const d = entry.data;
        const values = { decision: d.decision, revision: String(d.revision) };
        const alert = this.lineAlert(d.alertId);
        return d.confirmedBy
          ? { code: 'decided-confirmed', who: by, alert, values: { ...values, second: d.confirmedBy.name } }
          : { code: 'decided', who: by, alert, values };
      }
      case 'decision-recorded':
      case 'outcome-recorded': {
        // The server's acknowledgements are noise on a timeline unless it refused.
        const d = entry.data;
        if (d.status !== 'rejected') return null;
        const what = entry.type === 'decision-recorded' ? 'decision' : 'outcome';
        return `Feed server refused the ${what} for ${this.label(d.alertId)} (revision ${d.revision}): ${d.reason ?? ''}`;
      }
      case 'outcome': {
        const d = entry.data;
        return `Outcome for ${this.label(d.alertId)}: ${d.result}${d.action ? `, ${d.action}` : ''} (recorded by ${d.recordedBy.name})`;
      }
      case 'safeguard-warning':
        return `Safeguard warning: ${entry.data.title || entry.data.code}`;
      case 'welfare-prompt':
        return entry.data.response !== undefined
          ? { code: 'welfare-answered', who: by, values: { response: entry.data.response } }
          : `Welfare prompt shown to ${who} after ${Math.round((entry.data.reviewingForMs ?? 0) / 60000)} min of review`;
      case 'settings-changed':
        return `Settings changed by ${who}: ${Object.keys(entry.data).join(', ')}`;
      case 'retention-purge':
        // "lost": the station found the files gone while it ran (station/image-loss.ts).
        return entry.data.reason === 'lost'
          ? `${entry.data.images.length} image files found gone (their folder was deleted); on the record as lost`
          : `Retention: ${entry.data.images.length} images deleted`;
      case 'legal-hold':
        return entry.data.active
          ? { code: 'hold-placed', who: by, values: { reason: entry.data.reason } }
          : { code: 'hold-lifted', who: by };
      case 'supervisor-review': {
        const d = entry.data;
        return `${who} ${d.verdict === 'countersign' ? 'countersigned' : 'disagreed with'} the decision on ${this.label(d.alertId)} (revision ${d.revision}): ${d.comment}`;
      }
      case 'replay-opened':
        return { code: 'replay-opened', who: by };
      case 'export': {
        const d = entry.data;
        const what = d.kind === 'pdf' ? 'a PDF report' : d.kind === 'csv' ? 'a CSV file' : 'a bundle';
        return `${who} exported ${what}${d.includesImages ? ' with images' : ''} (${d.bytes} bytes, SHA-256 ${d.sha256})`;
      }
      case 'trust-enrolled': {
        const d = entry.data;
        return `${who} enrolled station key ${d.fingerprint} for station ${d.stationId}${d.label ? ` (${d.label})` : ''}, ${d.source === 'bundle' ? 'from an imported bundle' : 'pasted'}`;
      }
      case 'account-changed': {
        const d = entry.data;
        const what =
          d.action === 'added'
            ? `added the ${d.role ?? 'station'} account ${d.officerId}${d.name ? ` (${d.name})` : ''}`
            : d.action === 'password-reset'
              ? `reset the password of account ${d.officerId}`
              : `${d.action} the account ${d.officerId}`;
        return `${who} ${what}`;
      }
      case 'clock-step': {
        const d = entry.data;
        const restart = d.monotonicMs === null ? 'yes' : 'no';
        const seconds = String(Math.round((d.monotonicMs ?? 0) / 1000));
        return { code: 'clock-step', values: { before: d.before, after: d.after, restart, seconds } };
      }
      case 'clock-confirmed':
        return { code: 'clock-confirmed', values: { reason: entry.data.reason } };
      case 'recovered':
        return `Recovered after a crash: ${entry.data.bytes} bytes of a torn last line cut (${entry.data.reason})`;
      // Signatures and face counts are for the verifier and the statistics, not the timeline.
      case 'checkpoint':
      case 'tally':
        return null;
      case 'journal-closed':
        return `Journal closed (${entry.data.reason})`;
      case 'claim':
      case 'claim-released':
      case 'alert-settled':
      case 'escalation':
        return claimLine(entry, who, (alertId) => this.label(alertId));
      default: {
        const _exhaustive: never = entry;
        return _exhaustive;
      }
    }
  }

  replayAlert(alert: StationAlert, placement: Placement): ReplayAlert {
    const first = alert.decisions[0];
    const shownAt = alert.shownAt ?? first?.shownAt ?? null;
    const ttd = first && shownAt ? Date.parse(first.decidedAt) - Date.parse(shownAt) : null;
    const byRevision: Record<number, Observed> = {};
    for (const o of alert.outcomes) {
      const given = this.state.observed.get(answerKey('outcome', alert.alertId, o.revision));
      if (given) byRevision[o.revision] = given;
    }
    const latest = alert.outcomes.at(-1);
    const observed = latest && byRevision[latest.revision];
    const holds = this.holds.of(alert.alertId);
    const reviews = this.reviewsByAlert.get(alert.alertId) ?? [];
    const doubted = alert.decisions.filter((d) => this.clock.inDoubt(d.journal.seq)).map((d) => d.revision);
    return {
      ...alert,
      ...this.places.alert(alert, this.shown.get(alert.alertId) ?? [], reviews, placement),
      timeToDecisionMs: ttd !== null && Number.isFinite(ttd) ? ttd : null,
      ...(observed ? { observed } : {}),
      ...(Object.keys(byRevision).length ? { observedByRevision: byRevision } : {}),
      ...(holds ? { holds } : {}),
      ...(doubted.length ? { clockDoubtRevisions: doubted } : {}),
    };
  }

  /** A snapshot of the replay so far (fresh arrays; alert objects are new too). */
  build(meta: { key: string; source: 'station' | 'import'; integrity: Integrity }): ReplayData {
    const placement = this.places.place(this.clock.steps);
    const alerts: ReplayAlert[] = [];
    for (const alert of this.state.alerts.values()) alerts.push(this.replayAlert(alert, placement));
    const range = {
      from: this.first ?? new Date(0).toISOString(),
      to: this.last ?? this.first ?? new Date(0).toISOString(),
    };
    return {
      key: meta.key,
      source: meta.source,
      deploymentId: this.state.deploymentId,
      training: this.state.training,
      deployment: this.state.deployment,
      integrity: meta.integrity,
      alerts,
      events: placedList(this.events, placement),
      rejected: [...this.rejected],
      safeguards: [...this.safeguards],
      clockSteps: this.clock.steps.map((s) => ({ ...s })),
      operators: this.operators.map((s) => ({ ...s })),
      reviews: placedList(this.reviews, placement),
      range,
      ...placedRange(placement, range),
      ...(this.state.tallies.size ? { facesCompared: this.state.facesCompared } : {}),
    };
  }
}
