/**
 * The transparency PDF's part on shared deployments (issue 22 item 5): for each counted
 * deployment whose stations claimed alerts, how long alerts waited for a seat to claim
 * them and how long a claim took to become a decision (nearest-rank median and 90th
 * percentile, as the oversight PDF's "Claims", electron/core/replay/pdf-claims.ts), and
 * the take-overs; then the total, pooled over every claim. Disagreements (an alert decided
 * differently at two stations) keep a deployment out of the count and are listed with the
 * deployments not counted.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { fmtMs } from '../core/replay/pdf-claims';
import { messageTable } from '../../shared/message-table';
import type { ClaimFigures } from './transparency-totals';

export const C = messageTable(
  defineMessages({
    heading: {
      id: 'reports.transparency.claims',
      defaultMessage: 'Shared deployments: claims',
      description: 'Transparency PDF: heading of the claim times of deployments shared by several seats',
    },
    intro: {
      id: 'reports.transparency.claims.intro',
      defaultMessage:
        'On a deployment shared by several seats, each alert is claimed by one seat and decided there. From alert to claim: from the alert reaching the first station to a seat claiming it. From claim to decision: from the deciding seat claiming it to the decision. Median and 90th percentile, nearest-rank; the total pools every claim. Alerts that two stations decided differently keep their deployment out of the count: they are listed under the deployments not counted.',
      description: 'Transparency PDF: what the claims table measures, and where disagreements are listed',
    },
    none: {
      id: 'reports.transparency.claims.none',
      defaultMessage: 'No counted deployment in this period was shared by several seats.',
      description: 'Transparency PDF, claims part: when no counted deployment had claims',
    },
    colDeployment: {
      id: 'reports.transparency.claims.col.deployment',
      defaultMessage: 'Deployment',
      description: 'Transparency PDF, claims table: column, the deployment (date, title, place)',
    },
    colClaimed: {
      id: 'reports.transparency.claims.col.claimed',
      defaultMessage: 'Claimed',
      description: 'Transparency PDF, claims table: column, alerts a seat claimed',
    },
    colToClaim: {
      id: 'reports.transparency.claims.col.toClaim',
      defaultMessage: 'Alert to claim (median, 90th)',
      description: 'Transparency PDF, claims table: column, from alert to claim, median and 90th percentile',
    },
    colToDecision: {
      id: 'reports.transparency.claims.col.toDecision',
      defaultMessage: 'Claim to decision (median, 90th)',
      description:
        'Transparency PDF, claims table: column, from claim to decision, median and 90th percentile',
    },
    colTakeOvers: {
      id: 'reports.transparency.claims.col.takeOvers',
      defaultMessage: 'Taken over',
      description: 'Transparency PDF, claims table: column, claims a supervisor took over from another seat',
    },
  }),
);

export const CLAIM_COLUMNS: Array<{ title: MessageDescriptor; width: number }> = [
  { title: C.colDeployment, width: 250 },
  { title: C.colClaimed, width: 70 },
  { title: C.colToClaim, width: 170 },
  { title: C.colToDecision, width: 170 },
  { title: C.colTakeOvers, width: 80 },
];

const pair = (d: ClaimFigures['toClaim']) => `${fmtMs(d.p50Ms)}, ${fmtMs(d.p90Ms)}`;

/** One row of the claims table: the deployment (or the total) and its claim figures. */
export function claimCells(label: string, c: ClaimFigures): string[] {
  return [label, String(c.claimed), pair(c.toClaim), pair(c.claimToDecision), String(c.takeOvers)];
}
