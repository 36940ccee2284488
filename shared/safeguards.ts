/**
 * The deployment safeguards of the College of Policing LFR guidance, as rules the
 * station can check. Pure: given the deployment and the time, which warnings stand.
 */
import type { Deployment } from './feed/schemas';
import type { SafeguardWarning } from './view';
import { NPL_THRESHOLD } from './vocabulary';

export { NPL_THRESHOLD };

export function insideWindow(
  deployment: Pick<Deployment, 'startsAt' | 'endsAt'>,
  at: string | number,
): boolean {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return t >= Date.parse(deployment.startsAt) && t <= Date.parse(deployment.endsAt);
}

export function safeguardWarnings(
  deployment: Deployment,
  now: number,
  training: boolean,
): SafeguardWarning[] {
  const warnings: SafeguardWarning[] = [];
  if (training)
    warnings.push({
      code: 'training',
      severity: 'info',
      title: 'Training feed',
      detail: 'Alerts are synthetic. Nothing here is sent to a real feed or mixed with real records.',
    });
  if (now < Date.parse(deployment.startsAt))
    warnings.push({
      code: 'not-started',
      severity: 'warning',
      title: 'Deployment has not started',
      values: { startsAt: deployment.startsAt },
      detail: `The authorised window opens at ${deployment.startsAt}. Alerts captured before then are refused.`,
    });
  if (now > Date.parse(deployment.endsAt))
    warnings.push({
      code: 'ended',
      severity: 'warning',
      title: 'Authorised window has ended',
      values: { endsAt: deployment.endsAt },
      detail: `The window closed at ${deployment.endsAt}. New alerts are refused; alerts already taken must still be decided.`,
    });
  const { reviewedAt, reviewedBy } = deployment.watchlist;
  if (!reviewedAt || !reviewedBy)
    warnings.push({
      code: 'watchlist-unreviewed',
      severity: 'serious',
      title: 'Watchlist not reviewed',
      values: { version: deployment.watchlist.version },
      detail: `No review of watchlist ${deployment.watchlist.version} is recorded. The guidance requires a review before every deployment.`,
    });
  else if (Date.parse(reviewedAt) > Date.parse(deployment.startsAt))
    warnings.push({
      code: 'watchlist-reviewed-late',
      severity: 'serious',
      title: 'Watchlist reviewed after the deployment started',
      values: { reviewedBy, reviewedAt, startsAt: deployment.startsAt },
      detail: `Reviewed by ${reviewedBy} at ${reviewedAt}, after the window opened at ${deployment.startsAt}.`,
    });
  if (deployment.threshold < NPL_THRESHOLD)
    warnings.push({
      code: 'low-threshold',
      severity: 'serious',
      title: `Threshold ${deployment.threshold.toFixed(2)} is below ${NPL_THRESHOLD.toFixed(2)}`,
      values: { threshold: deployment.threshold.toFixed(2), npl: NPL_THRESHOLD.toFixed(2) },
      detail:
        'The National Physical Laboratory (2023) found that below 0.6 this algorithm wrongly matched some demographic groups more often than others. Expect more false alerts, unevenly spread: check each one with extra care.',
    });
  if (!deployment.notice.given && !deployment.notice.reasonIfNot?.trim())
    warnings.push({
      code: 'no-notice',
      severity: 'warning',
      title: 'No public notice, and no reason recorded',
      detail: 'The deployment record says the public was not told and gives no reason why.',
    });
  return warnings;
}
