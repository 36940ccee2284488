/**
 * Claim times of shared deployments for the transparency report (issue 22 item 5): for
 * each counted deployment whose stations journalled claims, the time from an alert's
 * arrival to its first claim, from the claim to the decision, and the take-overs.
 *
 * The definitions are the replay's, by the replay's own code: each station's claim,
 * release and decision entries are folded into holds by ClaimHolds (as a replay of that
 * journal does), the stations' holds of an alert are put on one timeline (as a replay
 * across stations does, electron/archive/replay-archive.ts), and claimSample
 * (shared/claim-stats.ts) measures them. An alert's arrival is the earliest station's.
 * Only the journals given are read (those that verify), and only deployments with at
 * least one `claim` entry: the rest have no claim figures.
 */
import type pg from 'pg';
import { ClaimHolds } from '../core/replay/claim-holds';
import { claimSample, type ClaimFacts, type ClaimSample } from '../../shared/claim-stats';
import type { JournalEntry } from '../../shared/journal/entries';
import { checkEntryData } from '../../shared/journal/read-entry';
import type { CountedJournal } from './transparency-figures';

// Two small indexed reads (entries by deployment and type), not a scan of the period: most
// deployments have no claims, and a year's report should not pay for them.
const SHARED_SQL = `
SELECT DISTINCT deployment_id FROM lfr.entries
WHERE deployment_id = ANY($1::text[]) AND type = 'claim'`;

const CLAIM_ENTRIES_SQL = `
SELECT x.deployment_id, x.station_id, x.line
FROM unnest($1::text[], $2::text[]) AS ok(station_id, deployment_id)
JOIN lfr.entries x ON x.deployment_id = ok.deployment_id AND x.station_id = ok.station_id
WHERE x.deployment_id = ANY($3::text[]) AND x.type IN ('alert-received', 'claim', 'claim-released', 'decision')
ORDER BY x.deployment_id, x.station_id, x.seq`;

interface AlertFacts extends ClaimFacts {
  holds: NonNullable<ClaimFacts['holds']>;
  decisions: Array<{ decidedAt: string }>;
}

/** One station's journal of one deployment, folded as its replay folds it. */
class StationFold {
  readonly holds = new ClaimHolds();
  readonly alerts = new Set<string>();
}

/** Each shared deployment's claim measurements, by deployment id, from the counted journals only. */
export async function claimSamples(
  db: pg.Pool,
  counted: readonly CountedJournal[],
): Promise<Map<string, ClaimSample>> {
  const out = new Map<string, ClaimSample>();
  if (counted.length === 0) return out;
  const deployments = [...new Set(counted.map((j) => j.deploymentId))];
  const shared = (await db.query<{ deployment_id: string }>(SHARED_SQL, [deployments])).rows.map(
    (r) => r.deployment_id,
  );
  if (shared.length === 0) return out;
  const { rows } = await db.query<{ deployment_id: string; station_id: string; line: string }>(
    CLAIM_ENTRIES_SQL,
    [counted.map((j) => j.stationId), counted.map((j) => j.deploymentId), shared],
  );
  const byDeployment = new Map<
    string,
    { alerts: Map<string, AlertFacts>; stations: Map<string, StationFold> }
  >();
  for (const row of rows) {
    let deployment = byDeployment.get(row.deployment_id);
    if (!deployment)
      byDeployment.set(row.deployment_id, (deployment = { alerts: new Map(), stations: new Map() }));
    let station = deployment.stations.get(row.station_id);
    if (!station) deployment.stations.set(row.station_id, (station = new StationFold()));
    addEntry(deployment.alerts, station, row.line);
  }
  for (const [id, { alerts, stations }] of byDeployment) out.set(id, claimSample(merged(alerts, stations)));
  return out;
}

function addEntry(alerts: Map<string, AlertFacts>, station: StationFold, line: string): void {
  // The line verified (transparency-verdicts.ts), and its station validated the data before
  // signing it; an entry whose data still does not match its type is left out, as the
  // replay of that journal would show it.
  const checked = checkEntryData(JSON.parse(line) as JournalEntry);
  const entry = checked.ok ? checked.entry : null;
  if (!entry) return;
  switch (entry.type) {
    case 'alert-received': {
      const known = alerts.get(entry.data.alertId);
      if (!known) alerts.set(entry.data.alertId, { receivedAt: entry.at, holds: [], decisions: [] });
      else if (entry.at < known.receivedAt) known.receivedAt = entry.at;
      return;
    }
    case 'decision':
      alerts.get(entry.data.alertId)?.decisions.push({ decidedAt: entry.data.decidedAt });
      station.holds.add(entry);
      station.alerts.add(entry.data.alertId);
      return;
    case 'claim':
    case 'claim-released':
      station.holds.add(entry);
      station.alerts.add(entry.data.alertId);
      return;
    default:
      return;
  }
}

/** Every station's holds of each alert on one timeline, and its decisions in time order. */
function merged(alerts: Map<string, AlertFacts>, stations: Map<string, StationFold>): AlertFacts[] {
  for (const station of stations.values())
    for (const alertId of station.alerts) {
      const alert = alerts.get(alertId);
      const holds = station.holds.of(alertId);
      if (alert && holds) alert.holds.push(...holds);
    }
  for (const alert of alerts.values()) {
    alert.holds.sort((a, b) => a.from.localeCompare(b.from));
    alert.decisions.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  }
  return [...alerts.values()];
}
