/**
 * The transparency report's equality monitoring section (issue 27): the same figures as a
 * replay's (shared/equality-stats.ts), computed by PostgreSQL over the archived entries
 * of the counted deployments' verified journals only, then made fit to publish (shared/equality-publish.ts).
 *
 * As in transparency-figures.ts, an alert's result and observed group are its latest
 * outcome revision's (one row per alert even when two stations journalled it); the
 * algorithm is the deployment record's, the threshold the one the alert carried. Faces
 * compared (tally periods, each camera period once) are given to the deployment's
 * algorithm and the threshold its alerts most often carried (the one faces were compared
 * at), or its authorised threshold when it had no alert. The faces per deployment come from
 * the figures query (the same definition), so the year's tallies are read once per report,
 * not twice: on the bench archive that second pass was a third of the report's time.
 */
import type pg from 'pg';
import { reportQuery } from './report-query';
import type { CountedJournal } from './transparency-figures';
import { equalityStats, NO_ALGORITHM, stratumKey, type EqualityRecord } from '../../shared/equality-stats';
import { publishEquality, type PublishedEquality } from '../../shared/equality-publish';
import type { ObservedEthnicity, ObservedSex, OutcomeResult } from '../../shared/vocabulary';
import { OBSERVED_ETHNICITIES, OBSERVED_SEXES, OUTCOME_RESULTS } from '../../shared/vocabulary';

const EQUALITY_SQL = `
WITH ok AS (
  -- Only the journals the report counts (transparency-verdicts.ts), as transparency-figures.ts.
  SELECT * FROM unnest($1::text[], $2::text[]) AS t(station_id, deployment_id)
), e AS NOT MATERIALIZED (
  SELECT x.* FROM lfr.entries x JOIN ok USING (station_id, deployment_id)
), dep AS (
  SELECT DISTINCT ON (deployment_id) deployment_id,
    CASE WHEN data->'algorithm'->>'name' IS NOT NULL
      THEN (data->'algorithm'->>'name') || ' ' || coalesce(data->'algorithm'->>'version', '') END AS algorithm,
    CASE WHEN jsonb_typeof(data->'threshold') = 'number' THEN (data->>'threshold')::float8 END AS threshold
  FROM e WHERE type = 'deployment'
  ORDER BY deployment_id, at DESC, station_id
), outc AS (
  SELECT DISTINCT ON (deployment_id, data->>'alertId') deployment_id, data->>'alertId' AS alert_id,
    data->>'result' AS result, data->'observed'->>'sex' AS sex, data->'observed'->>'ethnicity' AS ethnicity
  FROM e WHERE type = 'outcome'
  ORDER BY deployment_id, data->>'alertId', (data->>'revision')::int DESC, at DESC
), thr AS (
  SELECT DISTINCT ON (deployment_id, data->>'alertId') deployment_id, data->>'alertId' AS alert_id,
    CASE WHEN jsonb_typeof(data->'threshold') = 'number' THEN (data->>'threshold')::float8 END AS threshold
  FROM e WHERE type = 'alert-received'
  ORDER BY deployment_id, data->>'alertId', at, station_id
)
SELECT 'outcome' AS kind, NULL AS deployment_id, dep.algorithm, coalesce(thr.threshold, dep.threshold) AS threshold,
  o.result, o.sex, o.ethnicity, count(*)::bigint AS n
FROM outc o LEFT JOIN thr USING (deployment_id, alert_id) LEFT JOIN dep USING (deployment_id)
GROUP BY 2, 3, 4, 5, 6, 7
UNION ALL
-- Each counted deployment's algorithm and the threshold its faces were compared at; the
-- faces themselves are the figures' (transparency-figures.ts), not a second pass over tallies.
SELECT 'faces', d.deployment_id, dep.algorithm, coalesce(usual.threshold, dep.threshold), NULL, NULL, NULL, 0
FROM (SELECT DISTINCT deployment_id FROM ok) d LEFT JOIN dep USING (deployment_id)
LEFT JOIN (
  SELECT deployment_id, mode() WITHIN GROUP (ORDER BY threshold) AS threshold FROM thr GROUP BY deployment_id
) usual USING (deployment_id)`;

interface Row {
  kind: 'outcome' | 'faces';
  deployment_id: string | null;
  algorithm: string | null;
  threshold: number | null;
  result: string | null;
  sex: string | null;
  ethnicity: string | null;
  n: string;
}

// Values outside the vocabulary (an archive row edited by hand, a newer station) count as not recorded.
const known = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined;

/**
 * The exact figures from these journals (the ones the report counts). `facesOf` gives each
 * deployment's faces compared as the figures counted them (a deployment absent has none).
 */
export async function archiveEqualityRecords(
  db: pg.Pool,
  journals: readonly CountedJournal[],
  facesOf: ReadonlyMap<string, number> = new Map(),
): Promise<{ records: EqualityRecord[]; faces: Map<string, number> }> {
  const stations = journals.map((j) => j.stationId);
  const deployments = journals.map((j) => j.deploymentId);
  const rows = await reportQuery<Row>(db, EQUALITY_SQL, [stations, deployments]);
  const records: EqualityRecord[] = [];
  const faces = new Map<string, number>();
  for (const r of rows) {
    const algorithm = r.algorithm ?? NO_ALGORITHM;
    // A deployment with no threshold anywhere is put at 0 rather than dropped.
    const threshold = r.threshold ?? 0;
    if (r.kind === 'faces') {
      // A split whose faces sum to 0 has no faces figure (equality-stats.ts), as before.
      const key = stratumKey(algorithm, threshold);
      faces.set(key, (faces.get(key) ?? 0) + (facesOf.get(r.deployment_id ?? '') ?? 0));
      continue;
    }
    const result = known<OutcomeResult>(OUTCOME_RESULTS, r.result);
    if (!result) continue;
    const sex = known<ObservedSex>(OBSERVED_SEXES, r.sex);
    const ethnicity = known<ObservedEthnicity>(OBSERVED_ETHNICITIES, r.ethnicity);
    records.push({ result, algorithm, threshold, count: Number(r.n), observed: { sex, ethnicity } });
  }
  return { records, faces };
}

/** The section as published: exact figures computed, small counts hidden. */
export async function transparencyEquality(
  db: pg.Pool,
  journals: readonly CountedJournal[],
  facesOf: ReadonlyMap<string, number>,
): Promise<PublishedEquality> {
  const { records, faces } = await archiveEqualityRecords(db, journals, facesOf);
  return publishEquality(equalityStats(records, faces));
}
