/**
 * A shared deployment's claim times in replay statistics (issue 22 item 5): how long alerts
 * waited for a seat, how long a seat held one before deciding, take-overs, and alerts that
 * more than one station decided (a disagreement the record keeps, never resolves).
 */
import { defineMessages, useIntl } from 'react-intl';
import type { DurationSummary } from '../../../shared/claim-stats';
import { messageTable } from '../../../shared/message-table';
import type { ReplayStats } from '../../../shared/replay-stats';
import { ttdText } from './labels';

const M = messageTable(
  defineMessages({
    heading: {
      id: 'reports.claims.heading',
      defaultMessage: 'Claims',
      description: 'Replay statistics: section heading (shared deployments)',
    },
    intro: {
      id: 'reports.claims.intro',
      defaultMessage:
        'On a shared deployment each alert is decided at one seat: who held it, and for how long.',
      description: 'Replay statistics: under the Claims heading',
    },
    figure: { id: 'reports.claims.figure', defaultMessage: 'Figure', description: 'Column heading' },
    median: { id: 'reports.claims.median', defaultMessage: 'Median', description: 'Column heading' },
    p90: { id: 'reports.claims.p90', defaultMessage: '90th percentile', description: 'Column heading' },
    longest: { id: 'reports.claims.longest', defaultMessage: 'Longest', description: 'Column heading' },
    count: {
      id: 'reports.claims.count',
      defaultMessage: 'Alerts',
      description: 'Column heading: how many alerts the row counts',
    },
    toClaim: {
      id: 'reports.claims.to-claim',
      defaultMessage: 'From alert to claim',
      description: 'Row: time from the alert arriving to a seat taking it',
    },
    toDecision: {
      id: 'reports.claims.to-decision',
      defaultMessage: 'From claim to decision',
      description: 'Row: time from the seat taking the alert to its decision',
    },
    takeOvers: {
      id: 'reports.claims.take-overs',
      defaultMessage:
        '{count, plural, =0 {No take-overs by a supervisor.} one {1 take-over by a supervisor.} other {{n} take-overs by a supervisor.}}',
      description: 'Replay statistics: supervisor take-overs of held alerts; {n} is the count as digits',
    },
    several: {
      id: 'reports.claims.several',
      defaultMessage:
        '{count, plural, one {1 alert was decided at more than one station: a disagreement, listed with each decision.} other {{n} alerts were decided at more than one station: disagreements, listed with each decision.}}',
      description:
        'Replay statistics: alerts two stations each decided (a feed without claims); {n} is the count as digits',
    },
  }),
);

/** No figure (nothing to measure) is a dash, not "not decided". */
const NONE = '–';

function Row({ label, figure }: { label: string; figure: DurationSummary }) {
  const intl = useIntl();
  const time = (ms: number | null) => (ms === null ? NONE : ttdText(intl, ms));
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{figure.count}</td>
      <td>{time(figure.p50Ms)}</td>
      <td>{time(figure.p90Ms)}</td>
      <td>{time(figure.maxMs)}</td>
    </tr>
  );
}

export function ClaimTimes({ stats }: { stats: ReplayStats }) {
  const say = useIntl().formatMessage;
  const claims = stats.claims;
  if (!claims) return null;
  return (
    <section className="panel" aria-labelledby="claims-heading">
      <h3 id="claims-heading">{say(M.heading)}</h3>
      <p className="muted">{say(M.intro)}</p>
      <table className="data-table">
        <caption className="visually-hidden">{say(M.heading)}</caption>
        <thead>
          <tr>
            <th scope="col">{say(M.figure)}</th>
            <th scope="col">{say(M.count)}</th>
            <th scope="col">{say(M.median)}</th>
            <th scope="col">{say(M.p90)}</th>
            <th scope="col">{say(M.longest)}</th>
          </tr>
        </thead>
        <tbody>
          <Row label={say(M.toClaim)} figure={claims.toClaim} />
          <Row label={say(M.toDecision)} figure={claims.claimToDecision} />
        </tbody>
      </table>
      <p>{say(M.takeOvers, { count: claims.takeOvers, n: String(claims.takeOvers) })}</p>
      {claims.decidedAtSeveralStations > 0 && (
        <p className="warning">
          {say(M.several, {
            count: claims.decidedAtSeveralStations,
            n: String(claims.decidedAtSeveralStations),
          })}
        </p>
      )}
    </section>
  );
}
