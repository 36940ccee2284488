import { messageTable } from '../../../shared/message-table';
import { useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { IMAGE_NOT_SHOWN } from '../../../shared/decision-rules';
import type { Placed, ReplayAlert, SupervisorReview } from '../../../shared/replay';
import { AlertView } from '../components/AlertView';
import { DecisionForm } from '../components/DecisionForm';
import { History } from '../components/History';
import { ago } from '../format';
import { MAX_ZOOM, MIN_ZOOM, initialView } from '../state/viewer-slice';
import type { ViewState } from '../state/types';
import { decisionWord, ttdText } from './labels';
import { SupervisorReviewPanel } from './SupervisorReviewPanel';
import { AlertNotes } from '../room/AlertActions';
import type { Pending } from './replay-store';
import type { ReviewVerdict } from '../../../shared/vocabulary';
import { useWhen } from './when';

const M = messageTable(
  defineMessages({
    recorded: {
      id: 'reports.moment.recorded',
      defaultMessage: 'Decision as recorded: {decision}, revision {revision}',
      description: 'Heading of the read-only decision form in replay',
    },
    decision: { id: 'reports.moment.decision', defaultMessage: 'Decision', description: 'Panel heading' },
    withdrawn: {
      id: 'reports.moment.withdrawn',
      defaultMessage: 'Withdrawn before a decision.',
      description: 'The alert was withdrawn before anyone decided',
    },
    notDecided: {
      id: 'reports.moment.not-decided',
      defaultMessage: 'Not decided at this time.',
      description: 'No decision yet at the replay time',
    },
    timing: {
      id: 'reports.moment.timing',
      defaultMessage: 'On screen and timing',
      description: 'Panel heading: when the alert arrived, was shown and was decided',
    },
    received: { id: 'reports.moment.received', defaultMessage: 'Received', description: 'Fact label' },
    onScreen: { id: 'reports.moment.on-screen', defaultMessage: 'On screen', description: 'Fact label' },
    notShown: {
      id: 'reports.moment.not-shown',
      defaultMessage: 'Not yet shown to an officer',
      description: 'The alert had not been shown to anyone',
    },
    shownTo: {
      id: 'reports.moment.shown-to',
      defaultMessage: 'Shown to',
      description: 'List of the officers the alert was shown to (accessible name)',
    },
    shownFrom: {
      id: 'reports.moment.shown-from',
      defaultMessage: '{name} ({id}) from {time}',
      description: 'An officer the alert was shown to, and from when',
    },
    firstDecided: {
      id: 'reports.moment.first-decided',
      defaultMessage: 'First decided',
      description: 'Fact label',
    },
    decidedBy: {
      id: 'reports.moment.decided-by',
      defaultMessage: '{time} by {name}',
      description: 'When the alert was first decided, and by whom',
    },
    notYet: { id: 'reports.moment.not-yet', defaultMessage: 'Not yet', description: 'Not decided yet' },
    ttd: { id: 'reports.moment.ttd', defaultMessage: 'Time to decision', description: 'Fact label' },
    amendments: { id: 'reports.moment.amendments', defaultMessage: 'Amendments', description: 'Fact label' },
    outcome: { id: 'reports.moment.outcome', defaultMessage: 'Outcome', description: 'Fact label' },
    outcomes: {
      id: 'reports.moment.outcomes',
      defaultMessage: '{count} recorded',
      description: 'How many outcome revisions were recorded',
    },
    noOutcome: {
      id: 'reports.moment.no-outcome',
      defaultMessage: 'None recorded',
      description: 'No outcome recorded',
    },
    clock: { id: 'reports.moment.clock', defaultMessage: 'Station clock', description: 'Fact label' },
    clockDoubt: {
      id: 'reports.moment.clock-doubt',
      defaultMessage:
        'In doubt when {count, plural, one {revision {revisions} was} other {revisions {revisions} were}} written: the clock had stepped and the feed had not yet confirmed it. Compare with the capture time.',
      description:
        "Replay: a decision was journalled after the station's clock jumped and before the feed's capture times confirmed it; {revisions} lists revision numbers",
    },
    placed: {
      id: 'reports.moment.placed',
      defaultMessage:
        "{how, select, correction {placed at {time} by the clock step's correction} continued {placed at {time}, by the real time since the clock stepped: the feed has not confirmed either reading} other {placed at {time}, after the entry before it: the clock had stepped back}}",
      description:
        "Replay: beside a time as the journal recorded it, where the replay's time axis puts it instead. how is correction (a clock step, confirmed by the feed later, shows the clock was wrong by that much), continued (the clock stepped and the feed has not confirmed it since: the time is carried on from the clock before the step) or order (the recorded time is earlier than the entry before it, after the clock stepped back)",
    },
    escalated: { id: 'reports.moment.escalated', defaultMessage: 'Escalated', description: 'Fact label' },
    escalatedWhy: {
      id: 'reports.moment.escalated-why',
      defaultMessage: 'Yes: waited too long',
      description: 'The alert was escalated because it waited too long for a decision',
    },
  }),
);

interface MomentViewProps {
  /** The alert as it stood at the replay time (see alertAt). */
  alert: ReplayAlert;
  time: number;
  reviews: SupervisorReview[];
  review: (Pending & { alertId: string }) | null;
  onReview: (p: { revision: number; verdict: ReviewVerdict; comment: string }) => void;
}

const noop = () => undefined;

/** The live review screen as the officer had it at the replay time, every control read-only. */
export function MomentView({ alert, time, reviews, review, onReview }: MomentViewProps) {
  const intl = useIntl();
  const [view, setView] = useState<ViewState>(() => initialView());
  const latest = alert.decisions[alert.decisions.length - 1];
  const zoomBy = (factor: number) => {
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
    setView(zoom === 1 ? { ...view, zoom, panX: 0, panY: 0 } : { ...view, zoom });
  };
  return (
    <div className="review-grid moment">
      <AlertView
        alert={alert}
        capturedAgo={ago(alert.capturedAt, time)}
        view={view}
        onImageLoad={noop}
        onZoom={zoomBy}
        onPan={(dx, dy) => setView({ ...view, panX: view.panX + dx, panY: view.panY + dy })}
        onResetView={() => setView({ ...view, zoom: 1, panX: 0, panY: 0 })}
        onToggleScene={() => setView({ ...view, showScene: !view.showScene })}
      />
      <div className="side">
        {latest ? (
          <DecisionForm
            readOnly
            offerImageNotShown={latest.reasons.includes(IMAGE_NOT_SHOWN.code)}
            heading={intl.formatMessage(M.recorded, {
              decision: decisionWord(intl, latest.decision),
              revision: String(latest.revision),
            })}
            mode={latest.revision > 1 ? 'amend' : 'decide'}
            revision={latest.revision}
            draft={{
              decision: latest.decision,
              reasons: latest.reasons,
              rationale: latest.rationale,
              second: latest.confirmedBy
                ? {
                    id: latest.confirmedBy.id,
                    name: latest.confirmedBy.name,
                    note: latest.confirmedBy.note,
                    password: '',
                  }
                : { id: '', name: '', note: '', password: '' },
              outcomeNote: '',
            }}
            problems={[]}
            needsSecondOfficer={latest.confirmedBy !== null}
            save={undefined}
            onDecision={noop}
            onToggleReason={noop}
            onRationale={noop}
            onSecond={noop}
            onSubmit={noop}
          />
        ) : (
          <section className="panel" aria-labelledby="moment-decision-heading">
            <h2 id="moment-decision-heading">{intl.formatMessage(M.decision)}</h2>
            <p>{intl.formatMessage(alert.status === 'withdrawn' ? M.withdrawn : M.notDecided)}</p>
          </section>
        )}
        <Timing alert={alert} />
        <AlertNotes alert={alert} until={time} />
        {alert.decisions.length > 0 || alert.outcomes.length > 0 ? <History alert={alert} /> : null}
        <SupervisorReviewPanel
          key={alert.alertId}
          alert={alert}
          reviews={reviews}
          state={review?.alertId === alert.alertId ? review : null}
          onSubmit={onReview}
        />
      </div>
    </div>
  );
}

function Timing({ alert }: { alert: ReplayAlert }) {
  const first = alert.decisions[0];
  // Only the revisions made by the replay time (alertAt keeps those in `decisions`).
  const doubted = alert.decisions
    .filter((d) => alert.clockDoubtRevisions?.includes(d.revision))
    .map((d) => d.revision);
  const intl = useIntl();
  const when = useWhen();
  const say = (d: (typeof M)[keyof typeof M]) => intl.formatMessage(d);
  return (
    <section className="panel" aria-labelledby="timing-heading">
      <h2 id="timing-heading">{say(M.timing)}</h2>
      <dl className="facts">
        <dt>{say(M.received)}</dt>
        <dd>
          <time dateTime={alert.receivedAt}>{when.dateTime(alert.receivedAt)}</time>
          <PlacedNote placed={alert.placedReceived} format={when.dateTime} />
        </dd>
        <dt>{say(M.onScreen)}</dt>
        <dd>
          {alert.shown.length === 0 ? (
            say(M.notShown)
          ) : (
            <ul aria-label={say(M.shownTo)} className="plain-list">
              {alert.shown.map((s, i) => (
                <li key={`${s.at}:${s.operator.id}:${i}`}>
                  {intl.formatMessage(M.shownFrom, {
                    name: s.operator.name,
                    id: s.operator.id,
                    time: <time dateTime={s.at}>{when.time(s.at)}</time>,
                  })}
                  <PlacedNote placed={s.placed} format={when.time} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{say(M.firstDecided)}</dt>
        <dd>
          {first
            ? intl.formatMessage(M.decidedBy, {
                time: <time dateTime={first.decidedAt}>{when.time(first.decidedAt)}</time>,
                name: first.operator.name,
              })
            : say(M.notYet)}
          <PlacedNote placed={first?.placed} format={when.time} />
        </dd>
        <dt>{say(M.ttd)}</dt>
        <dd>{ttdText(intl, alert.timeToDecisionMs)}</dd>
        <dt>{say(M.amendments)}</dt>
        <dd>{Math.max(0, alert.decisions.length - 1)}</dd>
        <dt>{say(M.outcome)}</dt>
        <dd>
          {alert.outcomes.length
            ? intl.formatMessage(M.outcomes, { count: String(alert.outcomes.length) })
            : say(M.noOutcome)}
        </dd>
        {doubted.length > 0 && (
          <>
            <dt>{say(M.clock)}</dt>
            <dd className="clock-doubt">
              {intl.formatMessage(M.clockDoubt, { count: doubted.length, revisions: doubted.join(', ') })}
            </dd>
          </>
        )}
        {alert.escalated && (
          <>
            <dt>{say(M.escalated)}</dt>
            <dd>{say(M.escalatedWhy)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Between the recorded time and the placed one (a variable: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';

/**
 * Beside a time as the journal recorded it: where the replay's axis puts it instead, after a
 * step of the station's clock (shared/replay-placed.ts). The recorded time stays as it is.
 */
function PlacedNote({ placed, format }: { placed: Placed | undefined; format: (at: string) => string }) {
  const intl = useIntl();
  if (!placed) return null;
  return (
    <>
      {SPACE}
      <span className="clock-placed">
        {intl.formatMessage(M.placed, {
          how: placed.by,
          time: <time dateTime={placed.at}>{format(placed.at)}</time>,
        })}
      </span>
    </>
  );
}
