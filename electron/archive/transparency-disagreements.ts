/**
 * Where counted station journals of one deployment disagree: the latest decision or the
 * latest outcome of one alert (two stations decided it differently: a feed without claims),
 * or the deployment record itself. The report says so and does not count the deployment,
 * rather than letting the latest writer win.
 */
import type pg from 'pg';
import { reportQuery } from './report-query';
import type { CountedJournal } from './transparency-figures';

export interface Disagreement {
  deploymentId: string;
  /** Null: the stations disagree about the deployment record. */
  alertId: string | null;
  what: 'decision' | 'outcome' | 'deployment record';
  /** "station-A: engage" for each station, in station order. */
  views: string[];
}

const DISAGREEMENTS_SQL = `
WITH ok AS (
  SELECT * FROM unnest($1::text[], $2::text[]) AS t(station_id, deployment_id)
), latest AS (
  SELECT DISTINCT ON (x.deployment_id, x.station_id, x.type, x.data->>'alertId')
    x.deployment_id, x.station_id, x.type, x.data->>'alertId' AS alert_id,
    CASE x.type WHEN 'decision' THEN x.data->>'decision' ELSE x.data->>'result' END AS view
  FROM lfr.entries x JOIN ok USING (station_id, deployment_id)
  WHERE x.type IN ('decision', 'outcome')
  ORDER BY x.deployment_id, x.station_id, x.type, x.data->>'alertId', x.seq DESC
), records AS (
  SELECT DISTINCT ON (x.deployment_id, x.station_id) x.deployment_id, x.station_id, x.data
  FROM lfr.entries x JOIN ok USING (station_id, deployment_id)
  WHERE x.type = 'deployment'
  ORDER BY x.deployment_id, x.station_id, x.seq DESC
)
SELECT deployment_id, alert_id, type AS what,
  array_agg(station_id || ': ' || coalesce(view, '?') ORDER BY station_id) AS views
FROM latest GROUP BY deployment_id, alert_id, type HAVING count(DISTINCT coalesce(view, '?')) > 1
UNION ALL
SELECT deployment_id, NULL, 'deployment record',
  array_agg(station_id || ': ' || left(encode(sha256(convert_to(data::text, 'UTF8')), 'hex'), 12) ORDER BY station_id)
FROM records GROUP BY deployment_id HAVING count(DISTINCT data) > 1
ORDER BY 1, 2 NULLS FIRST, 3`;

export async function disagreements(
  db: pg.Pool,
  counted: readonly CountedJournal[],
): Promise<Disagreement[]> {
  if (counted.length === 0) return [];
  const rows = await reportQuery<{
    deployment_id: string;
    alert_id: string | null;
    what: Disagreement['what'];
    views: string[];
  }>(db, DISAGREEMENTS_SQL, [counted.map((j) => j.stationId), counted.map((j) => j.deploymentId)]);
  return rows.map((r) => ({
    deploymentId: r.deployment_id,
    alertId: r.alert_id,
    what: r.what,
    views: r.views,
  }));
}

export function disagreementSentence(d: Disagreement): string {
  const about = d.alertId === null ? 'the deployment record' : `the ${d.what} of alert ${d.alertId}`;
  return `stations disagree about ${about} (${d.views.join('; ')})`;
}
