/**
 * The transparency report as CSV: one row per counted deployment, then one per month, then
 * the total, then every deployment left out (not-counted: a journal did not verify or the
 * stations disagree; in-progress), every journal set apart (not an enrolled station's, or
 * another key), each with its reasons, then the equality section as published (`equality`
 * rows, transparency-csv-equality.ts: counts under 5 hidden as in the PDF). The `section`
 * column says which; RFC 4180, with csvCell's formula guard. The equality columns, then
 * the claim columns (shared deployments: claim times in seconds, take-overs; empty where no
 * deployment covered was shared) come last, so the earlier columns keep their places.
 */
import { csvCell } from '../core/replay/csv';
import { journalLine, type TransparencyReport, type UnverifiedDeployment } from './transparency';
import type { Figures } from './transparency-totals';
import { equalityCsvRows, type Cell } from './transparency-csv-equality';
import { disagreementSentence } from './transparency-disagreements';

export const TRANSPARENCY_COLUMNS = [
  'section',
  'deploymentId',
  'date',
  'month',
  'title',
  'place',
  'stations',
  'deployments',
  'watchlistSize',
  'facesCompared',
  'alerts',
  'engaged',
  'confirmedTrue',
  'confirmedFalse',
  'notLocated',
  'arrests',
  'falseAlerts',
  'falseAlertsPer1000Faces',
  'falseAlertsPerAlert',
  'stops',
  'stopMinutesTotal',
  'stopMinutesMedian',
  'stopMinutesMax',
  'verdicts',
  'equalityScope',
  'observedDimension',
  'observedGroup',
  'falseAlertsPerMillionFaces',
  'falseShare',
  'falseShare95Low',
  'falseShare95High',
  'sharedDeployments',
  'claimedAlerts',
  'toClaimMedianSeconds',
  'toClaimP90Seconds',
  'claimToDecisionMedianSeconds',
  'claimToDecisionP90Seconds',
  'takeOvers',
] as const;

type Column = (typeof TRANSPARENCY_COLUMNS)[number];

/** A row given by column name; the columns it does not name are empty. */
function byColumn(cells: Partial<Record<Column, Cell>>): Cell[] {
  return TRANSPARENCY_COLUMNS.map((c) => cells[c] ?? null);
}

function figureCells(f: Figures): Cell[] {
  return [
    f.deployments,
    f.watchlistSize,
    f.faces,
    f.alerts,
    f.engaged,
    f.confirmedTrue,
    f.confirmedFalse,
    f.notLocated,
    f.arrests,
    f.falseAlerts,
    f.falseAlertsPer1000Faces,
    f.falseAlertsPerAlert,
    f.stops.count,
    f.stops.totalMinutes,
    f.stops.medianMinutes,
    f.stops.maxMinutes,
  ];
}

const seconds = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 100) / 10);

/** A figures row with its claim columns filled in (the row as wide as the header). */
function withClaims(cells: Cell[], f: Figures): Cell[] {
  const row = padded(cells);
  const c = f.claims;
  if (!c) return row;
  const claimCells: Partial<Record<Column, Cell>> = {
    sharedDeployments: c.deployments,
    claimedAlerts: c.claimed,
    toClaimMedianSeconds: seconds(c.toClaim.p50Ms),
    toClaimP90Seconds: seconds(c.toClaim.p90Ms),
    claimToDecisionMedianSeconds: seconds(c.claimToDecision.p50Ms),
    claimToDecisionP90Seconds: seconds(c.claimToDecision.p90Ms),
    takeOvers: c.takeOvers,
  };
  for (const [column, value] of Object.entries(claimCells))
    row[TRANSPARENCY_COLUMNS.indexOf(column as Column)] = value;
  return row;
}

/** deploymentId, date, month, title, place and stations: a deployment's columns, counted or not. */
function deploymentCells(
  d: { deploymentId: string; date: string; title: string; place: string },
  stations: readonly string[],
): Cell[] {
  return [d.deploymentId, d.date, d.date.slice(0, 7), d.title, d.place, stations.join(';')];
}

/** Every row as wide as the header (rows before the equality columns leave them empty). */
const padded = (cells: Cell[]): Cell[] => [
  ...cells,
  ...Array<Cell>(Math.max(0, TRANSPARENCY_COLUMNS.length - cells.length)).fill(null),
];

export function transparencyCsv(report: TransparencyReport): { text: string; rows: number } {
  const lines: Cell[][] = [];
  for (const r of report.rows)
    lines.push(
      withClaims(['deployment', ...deploymentCells(r, r.stations), ...figureCells(r), 'verified'], r),
    );
  for (const m of report.months)
    lines.push(withClaims(['month', null, null, m.month, null, null, null, ...figureCells(m), null], m));
  lines.push(
    withClaims(
      [
        'total',
        null,
        `${report.from}..${report.to}`,
        null,
        null,
        null,
        null,
        ...figureCells(report.totals),
        null,
      ],
      report.totals,
    ),
  );
  const apart = (section: string, list: UnverifiedDeployment[]) => {
    for (const u of list)
      lines.push([
        section,
        ...deploymentCells(
          u,
          u.journals.map((j) => j.stationId),
        ),
        ...Array<Cell>(16).fill(null),
        [...u.disagreements.map(disagreementSentence), ...u.journals.map(journalLine)].join(' | '),
      ]);
  };
  apart('not-counted', report.unverified);
  apart('in-progress', report.inProgress);
  for (const j of report.setApart)
    lines.push([
      'set-apart',
      j.deploymentId,
      null,
      null,
      null,
      null,
      j.stationId,
      ...Array<Cell>(16).fill(null),
      journalLine(j),
    ]);
  for (const w of report.withoutRecord)
    lines.push([
      'no-deployment-record',
      w.deploymentId,
      w.openedAt.slice(0, 10),
      w.openedAt.slice(0, 7),
      null,
      null,
      w.stationId,
      ...Array<Cell>(16).fill(null),
      'no deployment record in the journal',
    ]);
  for (const e of equalityCsvRows(report.equality)) lines.push(byColumn({ section: 'equality', ...e }));
  const text = [
    TRANSPARENCY_COLUMNS.join(','),
    ...lines.map((cells) => padded(cells).map(csvCell).join(',')),
  ].join('\r\n');
  return { text: `\ufeff${text}\r\n`, rows: lines.length };
}
