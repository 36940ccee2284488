/**
 * What the renderer is shown: a pure function of the station's state at one moment.
 * Pending alerts first in queue order, then the most recent decided ones.
 */
import { compareQueue } from '../../../shared/queue-order';
import { RECENT_DECIDED, type ScreenCounts, type StationStatus } from '../../../shared/screen';
import { safeguardWarnings } from '../../../shared/safeguards';
import type { StationAlert, ReliabilityView, RoomView, StationSnapshot } from '../../../shared/view';
import { purgeAfterMs } from '../retention';
import { rollbackWarning } from './rollback';
import { standingAlarmWarnings } from './standing-alarms';
import type { Session, OpenDeployment, StationOptions } from './context';
import { breakDue } from './timers';

export interface SnapshotInput {
  options: Pick<StationOptions, 'signer' | 'appVersion' | 'training' | 'mode' | 'archiveStatus' | 'alarms'>;
  session: Session;
  slots: Iterable<OpenDeployment>;
  active: OpenDeployment | undefined;
  tampered: Iterable<string>;
  outbox: { pending: number; oldestAt: string | null };
  now: number;
  /** The station's monotonic clock now: what the welfare check measures on. */
  mono: number;
  reliability?: ReliabilityView;
  /** The supervisor's room (room.ts), when there is one to show. */
  room?: RoomView | null;
}

export function snapshotOf(input: SnapshotInput): StationSnapshot {
  const pending: StationAlert[] = [];
  const done: StationAlert[] = [];
  // Summarised alerts are neither waiting nor among the most recent (summaries.ts): only counted.
  let withdrawnSummarised = 0;
  for (const slot of input.slots) {
    for (const a of slot.state.alerts.values()) (a.status === 'pending' ? pending : done).push(a);
    for (const s of slot.state.summaries.values()) if (s.status === 'withdrawn') withdrawnSummarised++;
  }
  pending.sort((a, b) => compareQueue({ ...a, tier: a.subject.tier }, { ...b, tier: b.subject.tier }));
  const lastTouched = (a: StationAlert) => a.decisions.at(-1)?.decidedAt ?? a.receivedAt;
  done.sort((a, b) => lastTouched(b).localeCompare(lastTouched(a)));
  const withdrawn = done.filter((a) => a.status === 'withdrawn').length + withdrawnSummarised;
  return {
    ...statusOf(input, { undecided: pending.length, withdrawn }),
    alerts: [...pending, ...done.slice(0, RECENT_DECIDED)],
  };
}

/**
 * Everything on screen but the alerts. Its size does not depend on the queue: the
 * counts come from the caller (the screen feed keeps them as alerts change).
 */
export function statusOf(input: SnapshotInput, counts: ScreenCounts): StationStatus {
  const { options, session, active, now } = input;
  const deployment = active?.state.deployment ?? null;
  const fatal = [...input.tampered][0] ?? null;
  // TRAINING on screen: the built-in feed, or a practice deployment (deployment.training) from any feed.
  const training = options.training || active?.state.training === true || deployment?.training === true;
  return {
    station: {
      stationId: options.signer.stationId,
      appVersion: options.appVersion,
      training,
      mode: options.mode,
    },
    feed: session.feedStatus,
    handover: session.lastHandover,
    deployment,
    deploymentChangedAt: active?.state.deploymentChangedAt ?? null,
    // A rolled-back journal comes first: it is about the record itself (rollback.ts).
    safeguards: [
      ...rollbackWarning(active),
      // Every other alarm only a supervisor clears, from the store: again after every start.
      ...standingAlarmWarnings(input),
      ...(deployment ? safeguardWarnings(deployment, now, training) : []),
    ],
    operator: session.operator,
    breakDue: breakDue(session, input.mono),
    counts: {
      undecided: counts.undecided,
      rejected: active?.state.rejected ?? 0,
      outsideWindow: active?.state.outsideWindow ?? 0,
      withdrawn: counts.withdrawn,
    },
    outbox: input.outbox,
    settings: session.settings,
    retention:
      active && deployment
        ? {
            deploymentId: active.state.deploymentId,
            endsAt: deployment.endsAt,
            purgeAfter: new Date(purgeAfterMs(deployment)).toISOString(),
            legalHold: active.state.legalHold,
            purgedImages: active.state.purged.size,
          }
        : null,
    fatal: fatal
      ? `${fatal}. Alerts for that deployment are refused; the journal is kept for investigation.`
      : null,
    ...(input.reliability ? { reliability: input.reliability } : {}),
    ...(options.archiveStatus ? { archive: options.archiveStatus() } : {}),
    ...(active ? { facesCompared: active.state.facesCompared } : {}),
    ...(input.room ? { room: input.room } : {}),
  };
}
