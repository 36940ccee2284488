/**
 * The oversight PDF's "Claims" part (issue 22 item 5): on a shared deployment, how long
 * alerts waited for a seat to claim them and how long a claim took to become a decision
 * (nearest-rank median, 90th percentile, longest: shared/claim-stats.ts), the supervisor
 * take-overs, and the alerts decided at more than one station (disagreements, never
 * resolved here). Written only when the statistics have claims (`stats.claims` not null),
 * so a single-seat deployment's report is unchanged.
 */
import { defineMessages } from '@formatjs/intl';
import type { DurationSummary } from '../../../shared/claim-stats';
import { messageTable } from '../../../shared/message-table';
import type { ReplayStats } from '../../../shared/replay-stats';
import type { Writer } from './pdf-writer';
import type { ReportWords, Text } from './report-words';

const M = messageTable(
  defineMessages({
    heading: {
      id: 'reports.pdf.claims',
      defaultMessage: 'Claims',
      description: 'Oversight PDF: heading of the claim times on a deployment shared by several seats',
    },
    measure: {
      id: 'reports.pdf.claims.measure',
      defaultMessage: 'Time',
      description: 'Oversight PDF, claims table: column of what is timed',
    },
    median: {
      id: 'reports.pdf.claims.median',
      defaultMessage: 'Median',
      description: 'Oversight PDF, claims table: column of the median duration',
    },
    p90: {
      id: 'reports.pdf.claims.p90',
      defaultMessage: '90th percentile',
      description: 'Oversight PDF, claims table: column of the 90th percentile duration',
    },
    longest: {
      id: 'reports.pdf.claims.longest',
      defaultMessage: 'Longest',
      description: 'Oversight PDF, claims table: column of the longest duration',
    },
    toClaim: {
      id: 'reports.pdf.claims.to-claim',
      defaultMessage: 'From alert to claim',
      description: 'Oversight PDF, claims table: from the alert arriving to a seat first claiming it',
    },
    claimToDecision: {
      id: 'reports.pdf.claims.claim-to-decision',
      defaultMessage: 'From claim to decision',
      description: 'Oversight PDF, claims table: from the deciding seat claiming the alert to its decision',
    },
    takeOvers: {
      id: 'reports.pdf.claims.take-overs',
      defaultMessage: 'Take-overs by a supervisor: {count}',
      description: 'Oversight PDF: how many claims a supervisor took over from another seat',
    },
    several: {
      id: 'reports.pdf.claims.several-stations',
      defaultMessage: 'Alerts decided at more than one station: {count}',
      description:
        'Oversight PDF: alerts two or more stations each decided (a disagreement to investigate, not resolved by the report)',
    },
    note: {
      id: 'reports.pdf.claims.note',
      defaultMessage:
        'Claimed alerts: {claimed}. Percentiles are nearest-rank. From claim to decision starts at the claim of the seat that decided.',
      description: 'Oversight PDF: note under the claims table; claimed = how many alerts a seat claimed',
    },
  }),
);

/** Durations as figures with their unit, as in the totals (the units are the same in Welsh). */
export const fmtMs = (ms: number | null) =>
  ms === null ? '-' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;

const durationRow = (label: Text, d: DurationSummary): [Text, string, string, string] => [
  label,
  fmtMs(d.p50Ms),
  fmtMs(d.p90Ms),
  fmtMs(d.maxMs),
];

/** The "Claims" part of the statistics; nothing when the deployment had no claims. */
export function claimTimes(w: Writer, words: ReportWords, s: ReplayStats): void {
  const claims = s.claims;
  if (!claims) return;
  const t = words.msg.bind(words);
  w.heading(t(M.heading));
  w.table(
    [t(M.measure), t(M.median), t(M.p90), t(M.longest)],
    [durationRow(t(M.toClaim), claims.toClaim), durationRow(t(M.claimToDecision), claims.claimToDecision)],
    [180, 80, 100, 80],
  );
  w.para(t(M.takeOvers, { count: String(claims.takeOvers) }));
  w.para(t(M.several, { count: String(claims.decidedAtSeveralStations) }));
  w.para(t(M.note, { claimed: String(claims.claimed) }), { size: 8, colour: '#555' });
}
