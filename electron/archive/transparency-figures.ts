/**
 * The figures of the transparency report, computed by PostgreSQL over the archived entries
 * (one pass per entry type, grouped by deployment), with the same definitions as a replay
 * (shared/replay-stats.ts): an alert's decision is its latest revision, its result its
 * latest outcome; a false alert is a confirmed-false outcome, or, with no outcome, a
 * no-engage for a "not the person" reason. Only the journals given are read: `data` is
 * generated from the verified `line`. Faces compared are the sum of `tally` periods,
 * each (camera, from, to) counted once even when two stations journalled it.
 */
import type pg from 'pg';
import { reportQuery } from './report-query';
import { NOT_A_MATCH_REASONS } from '../../shared/replay-stats';

export interface DeploymentFigures {
  deploymentId: string;
  /** A practice deployment (deployment.training): never counted. */
  training: boolean;
  /** The deployment's start (the `deployment` record), ISO date. */
  date: string;
  startsAt: string;
  title: string;
  place: string;
  watchlistSize: number | null;
  stations: string[];
  faces: number;
  alerts: number;
  engaged: number;
  confirmedTrue: number;
  confirmedFalse: number;
  notLocated: number;
  arrests: number;
  falseAlerts: number;
  /** Stop durations (minutes) of the latest outcomes that recorded one. */
  stopMinutes: number[];
}

const FIGURES_SQL = `
WITH ok AS (
  -- Only the journals the report may count (transparency-verdicts.ts): nothing else reaches a figure.
  SELECT * FROM unnest($4::text[], $5::text[]) AS t(station_id, deployment_id)
), dep AS (
  SELECT DISTINCT ON (x.deployment_id) x.deployment_id, x.data
  FROM lfr.entries x JOIN ok USING (station_id, deployment_id) WHERE x.type = 'deployment'
  ORDER BY x.deployment_id, x.seq DESC, x.station_id
), practice AS (
  SELECT DISTINCT x.deployment_id FROM lfr.entries x JOIN ok USING (station_id, deployment_id)
  WHERE x.type IN ('deployment', 'journal-opened') AND x.data->'training' = 'true'::jsonb
), sel AS (
  SELECT deployment_id, data, lfr.instant_or_null(data->>'startsAt') AS starts_at,
    deployment_id IN (SELECT deployment_id FROM practice) AS training
  FROM dep
  WHERE lfr.instant_or_null(data->>'startsAt') >= $1::timestamptz AND lfr.instant_or_null(data->>'startsAt') < $2::timestamptz
), e AS NOT MATERIALIZED (
  -- Inlined into each use below, so each scans only its own entry type (never a copy of all).
  SELECT x.* FROM lfr.entries x JOIN ok USING (station_id, deployment_id) JOIN sel USING (deployment_id)
  WHERE x.type IN ('tally', 'alert-received', 'decision', 'outcome')
), faces AS (
  SELECT deployment_id, sum(faces)::bigint AS faces FROM (
    SELECT deployment_id, max(f) AS faces FROM (
      -- Each tally's five values taken out first (OFFSET 0 keeps PostgreSQL from folding
      -- this back in): a year's tallies, about a million, are then sorted as five short
      -- values each rather than with their whole data, a third less time to group them.
      SELECT deployment_id, data->>'cameraId' AS camera, data->>'from' AS from_at, data->>'to' AS to_at,
        (data->>'faces')::bigint AS f
      FROM e WHERE type = 'tally' AND jsonb_typeof(data->'faces') = 'number' OFFSET 0
    ) t GROUP BY deployment_id, camera, from_at, to_at
  ) p GROUP BY deployment_id
), alerts AS (
  SELECT deployment_id, count(DISTINCT data->>'alertId')::int AS alerts FROM e WHERE type = 'alert-received' GROUP BY deployment_id
), dec AS (
  SELECT DISTINCT ON (deployment_id, data->>'alertId') deployment_id, data->>'alertId' AS alert_id,
    data->>'decision' AS decision, data->'reasons' AS reasons
  FROM e WHERE type = 'decision'
  ORDER BY deployment_id, data->>'alertId', (data->>'revision')::int DESC, at DESC
), outc AS (
  SELECT DISTINCT ON (deployment_id, data->>'alertId') deployment_id, data->>'alertId' AS alert_id,
    data->>'result' AS result, data->>'action' AS action,
    CASE WHEN jsonb_typeof(data->'stopMinutes') = 'number' THEN (data->>'stopMinutes')::float8 END AS stop_minutes
  FROM e WHERE type = 'outcome'
  ORDER BY deployment_id, data->>'alertId', (data->>'revision')::int DESC, at DESC
), per_alert AS (
  SELECT coalesce(d.deployment_id, o.deployment_id) AS deployment_id, d.decision, d.reasons, o.result, o.action, o.stop_minutes
  FROM dec d FULL JOIN outc o ON o.deployment_id = d.deployment_id AND o.alert_id = d.alert_id
), results AS (
  SELECT deployment_id,
    count(*) FILTER (WHERE decision = 'engage')::int AS engaged,
    count(*) FILTER (WHERE result = 'confirmed-true')::int AS confirmed_true,
    count(*) FILTER (WHERE result = 'confirmed-false')::int AS confirmed_false,
    count(*) FILTER (WHERE result = 'not-located')::int AS not_located,
    count(*) FILTER (WHERE action = 'arrest')::int AS arrests,
    count(*) FILTER (WHERE result = 'confirmed-false'
      OR (result IS NULL AND decision = 'no-engage' AND reasons ?| $3::text[]))::int AS false_alerts,
    coalesce(array_agg(stop_minutes ORDER BY stop_minutes) FILTER (WHERE stop_minutes IS NOT NULL), '{}') AS stops
  FROM per_alert GROUP BY deployment_id
), stations AS (
  SELECT deployment_id, array_agg(station_id ORDER BY station_id) AS stations
  FROM ok JOIN sel USING (deployment_id) GROUP BY deployment_id
)
SELECT sel.deployment_id, sel.starts_at, sel.training, sel.data->>'title' AS title, sel.data->'location'->>'name' AS place,
  CASE WHEN jsonb_typeof(sel.data->'watchlist'->'size') = 'number' THEN (sel.data->'watchlist'->>'size')::int END AS watchlist_size,
  coalesce(stations.stations, '{}') AS stations,
  coalesce(faces.faces, 0) AS faces, coalesce(alerts.alerts, 0) AS alerts,
  coalesce(r.engaged, 0) AS engaged, coalesce(r.confirmed_true, 0) AS confirmed_true,
  coalesce(r.confirmed_false, 0) AS confirmed_false, coalesce(r.not_located, 0) AS not_located,
  coalesce(r.arrests, 0) AS arrests, coalesce(r.false_alerts, 0) AS false_alerts, coalesce(r.stops, '{}') AS stops
FROM sel
LEFT JOIN faces USING (deployment_id) LEFT JOIN alerts USING (deployment_id)
LEFT JOIN results r USING (deployment_id) LEFT JOIN stations USING (deployment_id)
ORDER BY sel.starts_at, sel.deployment_id`;

interface Row {
  deployment_id: string;
  training: boolean;
  starts_at: Date;
  title: string | null;
  place: string | null;
  watchlist_size: number | null;
  stations: string[];
  faces: string;
  alerts: number;
  engaged: number;
  confirmed_true: number;
  confirmed_false: number;
  not_located: number;
  arrests: number;
  false_alerts: number;
  stops: number[];
}

export interface CountedJournal {
  stationId: string;
  deploymentId: string;
}

/**
 * Figures for every deployment that starts in [from, to) (ISO instants), from the given
 * journals only (those that verify against the enrolled keys).
 */
export async function deploymentFigures(
  db: pg.Pool,
  from: string,
  to: string,
  counted: readonly CountedJournal[],
): Promise<DeploymentFigures[]> {
  // A year's tallies are about a million rows to group: hash joins, sorted in memory.
  const rows = await reportQuery<Row>(db, FIGURES_SQL, [
    from,
    to,
    NOT_A_MATCH_REASONS,
    counted.map((j) => j.stationId),
    counted.map((j) => j.deploymentId),
  ]);
  return rows.map((r) => ({
    deploymentId: r.deployment_id,
    training: r.training,
    startsAt: r.starts_at.toISOString(),
    date: r.starts_at.toISOString().slice(0, 10),
    title: r.title ?? '',
    place: r.place ?? '',
    watchlistSize: r.watchlist_size,
    stations: r.stations,
    faces: Number(r.faces),
    alerts: r.alerts,
    engaged: r.engaged,
    confirmedTrue: r.confirmed_true,
    confirmedFalse: r.confirmed_false,
    notLocated: r.not_located,
    arrests: r.arrests,
    falseAlerts: r.false_alerts,
    stopMinutes: r.stops.map(Number),
  }));
}

/** Each deployment's counted journals as one comparable key (its station ids, sorted). */
function journalsByDeployment(journals: readonly CountedJournal[]): Map<string, string> {
  const stations = new Map<string, string[]>();
  for (const j of journals)
    stations.set(j.deploymentId, [...(stations.get(j.deploymentId) ?? []), j.stationId]);
  return new Map([...stations].map(([id, list]) => [id, list.sort().join('\n')]));
}

/** FIGURES_SQL's order: by start, then by id (code units; the two agree but for ids only a collation orders differently). */
function inReportOrder(
  a: readonly DeploymentFigures[],
  b: readonly DeploymentFigures[],
): DeploymentFigures[] {
  const out: DeploymentFigures[] = [];
  let i = 0;
  let k = 0;
  for (let x = a[i], y = b[k]; x !== undefined || y !== undefined; x = a[i], y = b[k]) {
    const fromA =
      y === undefined ||
      (x !== undefined &&
        (x.startsAt < y.startsAt || (x.startsAt === y.startsAt && x.deploymentId < y.deploymentId)));
    if (fromA && x !== undefined) {
      out.push(x);
      i += 1;
    } else if (y !== undefined) {
      out.push(y);
      k += 1;
    }
  }
  return out;
}

/**
 * The figures of the journals that count, given figures computed earlier for a guess of
 * them (the report starts that query while the rows are still being hashed). A
 * deployment's row depends only on its own counted journals (every part of FIGURES_SQL
 * groups by deployment), so a row is kept wherever the guess named exactly the journals
 * that count for it, and only the deployments the guess got wrong are asked for again.
 * A first run guesses that every journal not still running will verify: before this, one
 * wrong guess (a journal left unsealed) sent the whole year's query round again, about
 * 1.5 s of a 1,000,000-entry report (docs/archive.md).
 */
export async function figuresAfterGuess(
  db: pg.Pool,
  from: string,
  to: string,
  guess: { journals: readonly CountedJournal[]; figures: readonly DeploymentFigures[] },
  counted: readonly CountedJournal[],
): Promise<DeploymentFigures[]> {
  const guessed = journalsByDeployment(guess.journals);
  const actual = journalsByDeployment(counted);
  const wrong = new Set(
    [...new Set([...guessed.keys(), ...actual.keys()])].filter((id) => guessed.get(id) !== actual.get(id)),
  );
  if (wrong.size === 0) return [...guess.figures];
  const kept = guess.figures.filter((f) => !wrong.has(f.deploymentId));
  const again = counted.filter((j) => wrong.has(j.deploymentId));
  return inReportOrder(kept, again.length > 0 ? await deploymentFigures(db, from, to, again) : []);
}

/** Deployments whose record (in any journal) starts in [from, to): the ones whose journals get verified. */
export async function candidateDeployments(db: pg.Pool, from: string, to: string): Promise<string[]> {
  const { rows } = await db.query<{ deployment_id: string }>(
    `SELECT DISTINCT deployment_id FROM lfr.entries
     WHERE type = 'deployment' AND lfr.instant_or_null(data->>'startsAt') >= $1::timestamptz
       AND lfr.instant_or_null(data->>'startsAt') < $2::timestamptz`,
    [from, to],
  );
  return rows.map((r) => r.deployment_id);
}
