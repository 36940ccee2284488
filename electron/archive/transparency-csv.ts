/**
 * The transparency report as CSV: one row per counted deployment, then one per month, then
 * the total, then every deployment left out (not-counted: a journal did not verify or the
 * stations disagree; in-progress), every journal set apart (not an enrolled station's, or
 * another key), each with its reasons, then the equality section as published (`equality`
 * rows, transparency-csv-equality.ts: counts under 5 hidden as in the PDF). The `section`
 * column says which; RFC 4180, with csvCell's formula guard. The equality columns come
 * last, so the earlier columns keep their places.
 */
import { csvCell } from '../core/replay/csv';
import { journalLine, type TransparencyReport, type UnverifiedDeployment } from './transparency';
import type { Figures } from './transparency-totals';
import { equalityCsvRows, type Cell } from './transparency-csv-equality';

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
    lines.push(['deployment', ...deploymentCells(r, r.stations), ...figureCells(r), 'verified']);
  for (const m of report.months)
    lines.push(['month', null, null, m.month, null, null, null, ...figureCells(m), null]);
  lines.push([
    'total',
    null,
    `${report.from}..${report.to}`,
    null,
    null,
    null,
    null,
    ...figureCells(report.totals),
    null,
  ]);
  const apart = (section: string, list: UnverifiedDeployment[]) => {
    for (const u of list)
      lines.push([
        section,
        ...deploymentCells(
          u,
          u.journals.map((j) => j.stationId),
        ),
        ...Array<Cell>(16).fill(null),
        [...u.disagreements, ...u.journals.map(journalLine)].join(' | '),
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
