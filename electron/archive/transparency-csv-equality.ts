/**
 * The equality section of the transparency CSV (issue 27): one `equality` row per observed
 * group and total, for the whole period and for each split by algorithm and threshold,
 * exactly as published in the PDF (shared/equality-publish.ts: a count under 5 is "<5",
 * a count that would give one away is "[c]", and a share or interval made of a hidden
 * count is left empty). The raw figures never reach this file, only the published ones.
 */
import type { PublishedEquality, PublishedGroup, PublishedTable } from '../../shared/equality-publish';

export type Cell = string | number | null;

/** Where an equality row's cells go, by column name (transparency-csv.ts places them). */
export interface EqualityCells {
  equalityScope: string;
  observedDimension: string;
  observedGroup: string;
  alerts: string;
  confirmedTrue: string;
  confirmedFalse: string;
  notLocated: string;
  facesCompared: number | null;
  falseAlertsPerMillionFaces: number | null;
  falseShare: number | null;
  falseShare95Low: number | null;
  falseShare95High: number | null;
}

const rounded = (x: number | null, digits = 4) => (x === null ? null : Number(x.toFixed(digits)));

function groupCells(
  scope: string,
  table: PublishedTable,
  group: PublishedGroup,
  faces: { facesCompared: number | null; falseAlertsPerMillionFaces: number | null },
): EqualityCells {
  return {
    equalityScope: scope,
    observedDimension: table.dimension,
    observedGroup: group.group,
    alerts: group.counts.alerts.text,
    confirmedTrue: group.counts.confirmedTrue.text,
    confirmedFalse: group.counts.confirmedFalse.text,
    notLocated: group.counts.notLocated.text,
    // Faces are per split, not per group: given on the split's total rows only.
    ...(group.group === 'total' ? faces : { facesCompared: null, falseAlertsPerMillionFaces: null }),
    falseShare: rounded(group.falseShare),
    falseShare95Low: rounded(group.interval?.low ?? null),
    falseShare95High: rounded(group.interval?.high ?? null),
  };
}

function tableRows(
  scope: string,
  tables: PublishedTable[],
  faces: { facesCompared: number | null; falseAlertsPerMillionFaces: number | null },
): EqualityCells[] {
  return tables.flatMap((t) => [...t.groups, t.total].map((g) => groupCells(scope, t, g, faces)));
}

/** Every published equality row: the whole period ("all"), then each split. */
export function equalityCsvRows(equality: PublishedEquality): EqualityCells[] {
  const none = { facesCompared: null, falseAlertsPerMillionFaces: null };
  return [
    ...tableRows('all', [equality.sex, equality.ethnicity], none),
    ...equality.strata.flatMap((s) =>
      tableRows(`${s.algorithm} threshold ${s.threshold.toFixed(2)}`, [s.sex, s.ethnicity], {
        facesCompared: s.facesCompared,
        falseAlertsPerMillionFaces: rounded(s.falsePerMillionFaces, 2),
      }),
    ),
  ];
}
