/**
 * The words of the equality monitoring section, one place for the replay screen, the
 * oversight PDF and the transparency report, as messages in each language (issue 26).
 * `equalityText(intl)` gives them in one language; EQUALITY_TEXT and EQUALITY_CAVEATS are
 * the English, for callers that print English only.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { ObservedDimension } from './equality-stats';
import {
  OBSERVED_ETHNICITY_SHORT_MESSAGES,
  OBSERVED_SEX_MESSAGES,
  OUTCOME_RESULT_MESSAGES,
} from './i18n/glossary';
import { translatorFor } from './i18n/translator';
import type { ObservedEthnicity, ObservedSex } from './vocabulary';

/** What the section needs of a translator: react-intl's `useIntl()` and `translatorFor` both fit. */
export interface Speaks {
  formatMessage(descriptor: MessageDescriptor, values?: Record<string, string | number>): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

/** Plain descriptors: the builders pass values through `say`, untyped. */
const plain = <K extends string>(table: Record<K, MessageDescriptor>) =>
  table as Readonly<Record<K, MessageDescriptor>>;

const M = plain(
  defineMessages({
    heading: {
      id: 'reports.equality.heading',
      defaultMessage: 'Equality monitoring',
      description: 'Heading of the equality monitoring section',
    },
    bySex: {
      id: 'reports.equality.by-sex',
      defaultMessage: 'By observed sex',
      description: 'Table caption: figures per observed sex',
    },
    byEthnicity: {
      id: 'reports.equality.by-ethnicity',
      defaultMessage: 'By observed ethnic group',
      description: 'Table caption: figures per observed ethnic group',
    },
    group: { id: 'reports.equality.group', defaultMessage: 'Group', description: 'Table column' },
    alerts: {
      id: 'reports.equality.alerts',
      defaultMessage: 'Engagements',
      description: 'Table column: number of engagements',
    },
    falseShare: {
      id: 'reports.equality.false-share',
      defaultMessage: 'False alert share',
      description: 'Table column: confirmed false / (confirmed true + confirmed false)',
    },
    interval: {
      id: 'reports.equality.interval',
      defaultMessage: '95% interval',
      description: 'Table column: the 95% confidence interval',
    },
    total: {
      id: 'reports.equality.total',
      defaultMessage: 'All',
      description: 'Table row: all groups together',
    },
    shortGroup: {
      id: 'reports.equality.short.group',
      defaultMessage: 'Group',
      description: 'Narrow PDF column head',
    },
    shortEngaged: {
      id: 'reports.equality.short.engaged',
      defaultMessage: 'Engaged',
      description: 'Narrow PDF column head: engagements',
    },
    shortTrue: {
      id: 'reports.equality.short.true',
      defaultMessage: 'Conf. true',
      description: 'Narrow PDF column head: confirmed true (abbreviated)',
    },
    shortFalse: {
      id: 'reports.equality.short.false',
      defaultMessage: 'Conf. false',
      description: 'Narrow PDF column head: confirmed false (abbreviated)',
    },
    shortNotLocated: {
      id: 'reports.equality.short.not-located',
      defaultMessage: 'Not located',
      description: 'Narrow PDF column head',
    },
    shortFalseShare: {
      id: 'reports.equality.short.false-share',
      defaultMessage: 'False share',
      description: 'Narrow PDF column head: false alert share',
    },
    shortInterval: {
      id: 'reports.equality.short.interval',
      defaultMessage: '95% interval',
      description: 'Narrow PDF column head',
    },
    split: {
      id: 'reports.equality.split',
      defaultMessage: '{algorithm}, threshold {threshold}',
      description: 'Title of the figures for one algorithm and threshold',
    },
    facesNone: {
      id: 'reports.equality.faces-none',
      defaultMessage: 'Faces compared: not counted (no tallies), so no rate per face.',
      description: 'Line under a split',
    },
    facesHidden: {
      id: 'reports.equality.faces-hidden',
      defaultMessage: 'Faces compared: {faces}; false alerts per million faces: hidden (under 5).',
      description: 'Line under a split; faces = a number',
    },
    facesRate: {
      id: 'reports.equality.faces-rate',
      defaultMessage: 'Faces compared: {faces}; confirmed false alerts per million faces: {rate}.',
      description: 'Line under a split; faces and rate are numbers',
    },
    none: {
      id: 'reports.equality.none',
      defaultMessage: 'No engagement in this period has a recorded outcome.',
      description: 'When there are no figures',
    },
    exact: {
      id: 'reports.equality.exact',
      defaultMessage: 'Exact figures, for supervisors. Anything published hides counts under 5.',
      description: 'Note on screen above the tables',
    },
    marks: {
      id: 'reports.equality.marks',
      defaultMessage:
        'Counts under 5 are shown as <5; [c] hides a further count that would let one be worked out.',
      description: 'Note: <5 and [c] are marks printed in the tables, keep them as they are',
    },
    caveatPerception: {
      id: 'reports.equality.caveat.perception',
      defaultMessage:
        'The groups are the engagement officer\u2019s perception of the person engaged, recorded for equality monitoring. They are not how the person describes themselves, and they may be wrong.',
      description: 'Caveat printed with every table',
    },
    caveatShare: {
      id: 'reports.equality.caveat.share',
      defaultMessage:
        'The false alert share is confirmed false \u00f7 (confirmed true + confirmed false). Not located engagements are counted but say nothing either way. The 95% interval (Wilson) shows how uncertain a share is: with few engagements it is wide, and a difference between groups whose intervals overlap may be chance.',
      description: 'Caveat printed with every table',
    },
    caveatSmall: {
      id: 'reports.equality.caveat.small',
      defaultMessage:
        'Small numbers: counts under 5 are not published, and further counts are hidden so they cannot be worked out from totals.',
      description: 'Caveat printed with every table',
    },
    caveatAggregate: {
      id: 'reports.equality.caveat.aggregate',
      defaultMessage:
        'These figures describe engagements in aggregate. They say nothing about any individual, and nothing about people the system did not alert on.',
      description: 'Caveat printed with every table',
    },
    hiddenSmall: {
      id: 'reports.equality.hidden-small',
      defaultMessage: 'hidden (small numbers)',
      description: 'PDF chart: a share hidden because the numbers are small',
    },
    noSettled: {
      id: 'reports.equality.no-settled',
      defaultMessage: 'no settled engagement',
      description: 'PDF chart: no engagement with a true/false result',
    },
  }),
);

export function equalityText(intl: Speaks) {
  const say = (d: MessageDescriptor, values?: Record<string, string | number>) =>
    intl.formatMessage(d, values);
  return {
    heading: say(M.heading),
    bySex: say(M.bySex),
    byEthnicity: say(M.byEthnicity),
    group: say(M.group),
    alerts: say(M.alerts),
    confirmedTrue: say(OUTCOME_RESULT_MESSAGES['confirmed-true']),
    confirmedFalse: say(OUTCOME_RESULT_MESSAGES['confirmed-false']),
    notLocated: say(OUTCOME_RESULT_MESSAGES['not-located']),
    falseShare: say(M.falseShare),
    interval: say(M.interval),
    total: say(M.total),
    /** Narrow column heads for the PDF tables. */
    columnsShort: [
      say(M.shortGroup),
      say(M.shortEngaged),
      say(M.shortTrue),
      say(M.shortFalse),
      say(M.shortNotLocated),
      say(M.shortFalseShare),
      say(M.shortInterval),
    ],
    split: (algorithm: string, threshold: number) =>
      say(M.split, { algorithm, threshold: threshold.toFixed(2) }),
    facesLine: (faces: number | null, perMillion: number | null) =>
      faces === null
        ? say(M.facesNone)
        : perMillion === null
          ? say(M.facesHidden, { faces: intl.formatNumber(faces) })
          : say(M.facesRate, { faces: intl.formatNumber(faces), rate: perMillion.toFixed(2) }),
    none: say(M.none),
    exact: say(M.exact),
    marks: say(M.marks),
    /** PDF chart words where a share cannot be drawn. */
    hiddenSmall: say(M.hiddenSmall),
    noSettled: say(M.noSettled),
  };
}

export type EqualityWords = ReturnType<typeof equalityText>;

/** What the figures can and cannot show, said with every table of them. */
export function equalityCaveats(intl: Speaks): string[] {
  return [M.caveatPerception, M.caveatShare, M.caveatSmall, M.caveatAggregate].map((d) =>
    intl.formatMessage(d),
  );
}

/** A group's name in one language ("All" for the total). */
export function groupLabelIn(intl: Speaks, dimension: ObservedDimension, group: string): string {
  if (group === 'total') return intl.formatMessage(M.total);
  const message =
    dimension === 'sex'
      ? OBSERVED_SEX_MESSAGES[group as ObservedSex]
      : OBSERVED_ETHNICITY_SHORT_MESSAGES[group as ObservedEthnicity];
  return message ? intl.formatMessage(message) : group;
}

const english = translatorFor('en-GB');
export const EQUALITY_TEXT = equalityText(english);
export const EQUALITY_CAVEATS = equalityCaveats(english);
export const groupLabel = (dimension: ObservedDimension, group: string) =>
  groupLabelIn(english, dimension, group);

export const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
export const intervalText = (i: { low: number; high: number } | null) =>
  i === null ? '–' : `${(i.low * 100).toFixed(1)}–${(i.high * 100).toFixed(1)}%`;
