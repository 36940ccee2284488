/**
 * The words of the equality monitoring section, one place for the replay screen, the
 * oversight PDF and the transparency report (and for a translation later).
 */
import type { ObservedDimension } from './equality-stats';
import {
  OBSERVED_ETHNICITY_SHORT,
  OBSERVED_SEX_LABELS,
  type ObservedEthnicity,
  type ObservedSex,
} from './vocabulary';

export const EQUALITY_TEXT = {
  heading: 'Equality monitoring',
  bySex: 'By observed sex',
  byEthnicity: 'By observed ethnic group',
  group: 'Group',
  alerts: 'Engagements',
  confirmedTrue: 'Confirmed true',
  confirmedFalse: 'Confirmed false',
  notLocated: 'Not located',
  falseShare: 'False alert share',
  interval: '95% interval',
  total: 'All',
  /** Narrow column heads for the PDF tables. */
  columnsShort: [
    'Group',
    'Engaged',
    'Conf. true',
    'Conf. false',
    'Not located',
    'False share',
    '95% interval',
  ],
  split: (algorithm: string, threshold: number) => `${algorithm}, threshold ${threshold.toFixed(2)}`,
  facesLine: (faces: number | null, perMillion: number | null) =>
    faces === null
      ? 'Faces compared: not counted (no tallies), so no rate per face.'
      : perMillion === null
        ? `Faces compared: ${faces.toLocaleString('en-GB')}; false alerts per million faces: hidden (under 5).`
        : `Faces compared: ${faces.toLocaleString('en-GB')}; confirmed false alerts per million faces: ${perMillion.toFixed(2)}.`,
  none: 'No engagement in this period has a recorded outcome.',
  exact: 'Exact figures, for supervisors. Anything published hides counts under 5.',
  marks: 'Counts under 5 are shown as <5; [c] hides a further count that would let one be worked out.',
} as const;

/** What the figures can and cannot show, said with every table of them. */
export const EQUALITY_CAVEATS = [
  'The groups are the engagement officer’s perception of the person engaged, recorded for equality monitoring. They are not how the person describes themselves, and they may be wrong.',
  'The false alert share is confirmed false ÷ (confirmed true + confirmed false). Not located engagements are counted but say nothing either way. The 95% interval (Wilson) shows how uncertain a share is: with few engagements it is wide, and a difference between groups whose intervals overlap may be chance.',
  'Small numbers: counts under 5 are not published, and further counts are hidden so they cannot be worked out from totals.',
  'These figures describe engagements in aggregate. They say nothing about any individual, and nothing about people the system did not alert on.',
] as const;

export function groupLabel(dimension: ObservedDimension, group: string): string {
  if (group === 'total') return EQUALITY_TEXT.total;
  return dimension === 'sex'
    ? (OBSERVED_SEX_LABELS[group as ObservedSex] ?? group)
    : (OBSERVED_ETHNICITY_SHORT[group as ObservedEthnicity] ?? group);
}

export const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
export const intervalText = (i: { low: number; high: number } | null) =>
  i === null ? '–' : `${(i.low * 100).toFixed(1)}–${(i.high * 100).toFixed(1)}%`;
