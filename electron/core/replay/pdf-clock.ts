/**
 * The oversight report's "Station clock" section: every step of the station's wall clock
 * the journal recorded, and whether the feed's capture times confirmed the clock again.
 * Times written between a step and its confirmation may be wrong by the size of the step
 * (a decision "at 03:15" for a face captured at 06:15), and a reader of the report cannot
 * see that from the times alone; the decision record marks those decisions too.
 */
import { defineMessages } from '@formatjs/intl';
import type { ClockStep } from '../../../shared/replay';
import { messageTable } from '../../../shared/message-table';
import { CONTENT_WIDTH, type Writer } from './pdf-writer';
import { reportTime, type ReportWords, type Text } from './report-words';

export const CLOCK = messageTable(
  defineMessages({
    heading: { id: 'reports.pdf.clock.heading', defaultMessage: 'Station clock', description: 'Heading' },
    steady: {
      id: 'reports.pdf.clock.steady',
      defaultMessage: "The station's clock did not step while this journal was written.",
      description: 'Paragraph: the journal records no jump of the station clock',
    },
    stepped: {
      id: 'reports.pdf.clock.stepped',
      defaultMessage:
        "The station's clock stepped {count, plural, one {once} other {# times}} while this journal was written. Times the station wrote after a step and before the feed's capture times confirmed its clock follow a clock it had reason to doubt: compare them with the capture times, which come from the matching system. Decisions written then are marked in the decision record.",
      description: 'Paragraph before the table of clock steps',
    },
    entry: {
      id: 'reports.pdf.clock.entry',
      defaultMessage: 'Entry',
      description: 'Column: journal entry number',
    },
    before: {
      id: 'reports.pdf.clock.before',
      defaultMessage: 'Clock read before',
      description: 'Column: the station clock just before it jumped',
    },
    after: {
      id: 'reports.pdf.clock.after',
      defaultMessage: 'Clock read after',
      description: 'Column: the station clock just after it jumped',
    },
    passed: {
      id: 'reports.pdf.clock.passed',
      defaultMessage: 'Real time between',
      description: 'Column: time that really passed between the two readings',
    },
    confirmed: {
      id: 'reports.pdf.clock.confirmed',
      defaultMessage: 'Confirmed by the feed',
      description: "Column: when the feed's capture times agreed with the clock again",
    },
    seconds: { id: 'reports.pdf.clock.seconds', defaultMessage: '{seconds} s', description: 's = seconds' },
    acrossRestart: {
      id: 'reports.pdf.clock.across-restart',
      defaultMessage: 'not known (across a restart)',
      description: 'Real time between two clock readings either side of a station restart',
    },
    confirmedAt: {
      id: 'reports.pdf.clock.confirmed-at',
      defaultMessage: '{at}, entry {seq}',
      description: 'When and in which journal entry the clock was confirmed',
    },
    notConfirmed: {
      id: 'reports.pdf.clock.not-confirmed',
      defaultMessage: 'not confirmed',
      description: 'The clock was never confirmed after the step',
    },
    doubted: {
      id: 'reports.pdf.clock.doubted',
      defaultMessage: "Written while the station's clock was in doubt (see Station clock)",
      description:
        'Decision record: this decision was journalled after a clock step, before its confirmation',
    },
  }),
);

/** The entry a step is at; in a replay across stations, with the start of the station's id. */
const entryOf = (step: ClockStep) =>
  step.station ? `${step.station.slice(0, 8)} #${step.seq}` : `#${step.seq}`;

export function stationClock(w: Writer, words: ReportWords, steps: readonly ClockStep[]): void {
  const t = words.msg.bind(words);
  w.heading(t(CLOCK.heading));
  if (steps.length === 0) {
    w.para(t(CLOCK.steady));
    return;
  }
  w.para(words.each((intl) => intl.formatMessage(CLOCK.stepped, { count: steps.length })));
  const passed = (s: ClockStep): Text =>
    s.monotonicMs === null
      ? t(CLOCK.acrossRestart)
      : t(CLOCK.seconds, { seconds: (s.monotonicMs / 1000).toFixed(1) });
  const confirmed = ({ confirmed: by }: ClockStep): Text =>
    by
      ? words.each((intl, lang) =>
          intl.formatMessage(CLOCK.confirmedAt, {
            at: reportTime.dateTime(lang, by.at),
            seq: String(by.seq),
          }),
        )
      : t(CLOCK.notConfirmed);
  w.table(
    [t(CLOCK.entry), t(CLOCK.before), t(CLOCK.after), t(CLOCK.passed), t(CLOCK.confirmed)],
    steps.map((s) => [
      entryOf(s),
      words.dateTime(s.before),
      words.dateTime(s.after),
      passed(s),
      confirmed(s),
    ]),
    [45, 115, 115, 100, CONTENT_WIDTH - 375],
  );
}
