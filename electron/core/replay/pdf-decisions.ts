/**
 * The oversight report's decision record (issue 24): every alert that was decided,
 * withdrawn or reviewed, with each decision revision in full (officer, UK time, reasons
 * in words, the whole rationale, any second officer), each outcome, and each supervisor
 * verdict with its whole comment. Nothing is cut: text wraps and runs onto the next page.
 * Words in the report's language(s); the officers' own words (rationale, notes, comments)
 * as they wrote them.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from '@formatjs/intl';
import { DECISION_MESSAGES, REASON_MESSAGES, TIER_MESSAGES } from '../../../shared/i18n/glossary';
import type { Locale } from '../../../shared/i18n/locale';
import type { Translator } from '../../../shared/i18n/translator';
import type { ReplayAlert } from '../../../shared/replay';
import type { DecisionRecord, OutcomeRecord } from '../../../shared/view';
import { CLOCK } from './pdf-clock';
import type { Writer } from './pdf-writer';
import { ReportWords, reportTime, type Text } from './report-words';

const M = messageTable(
  defineMessages({
    alertLine: {
      id: 'reports.pdf.record.alert-line',
      defaultMessage:
        '{tier} tier, {category}; camera {camera}; captured {at}; score {score} (threshold {threshold})',
      description:
        'One line describing an alert: tier (Red, Amber, Green), watchlist category, camera name, capture time, match score and threshold',
    },
    noneGiven: {
      id: 'reports.pdf.record.none-given',
      defaultMessage: 'none given',
      description: 'No reasons were given',
    },
    revision: {
      id: 'reports.pdf.record.revision',
      defaultMessage: 'Revision {revision}',
      description: 'Field label: the decision revision number',
    },
    decisionAt: {
      id: 'reports.pdf.record.decision-at',
      defaultMessage: '{decision}, {at}',
      description: 'The decision (Engage / No engage) and when',
    },
    officer: { id: 'reports.pdf.record.officer', defaultMessage: 'Officer', description: 'Field label' },
    reasons: { id: 'reports.pdf.record.reasons', defaultMessage: 'Reasons', description: 'Field label' },
    rationale: {
      id: 'reports.pdf.record.rationale',
      defaultMessage: 'Rationale',
      description: 'Field label: the officer\u2019s written reasons',
    },
    secondOfficer: {
      id: 'reports.pdf.record.second-officer',
      defaultMessage: 'Second officer',
      description: 'Field label: the officer who confirmed the decision',
    },
    feedServer: {
      id: 'reports.pdf.record.feed-server',
      defaultMessage: 'Feed server',
      description: 'Field label',
    },
    feedRejected: {
      id: 'reports.pdf.record.feed-rejected',
      defaultMessage: 'rejected: {reason}',
      description: 'The feed server rejected the decision; reason is technical',
    },
    actionDetail: {
      id: 'reports.pdf.record.action-detail',
      defaultMessage: 'action {action}',
      description: 'Outcome detail: action code',
    },
    stopDetail: {
      id: 'reports.pdf.record.stop-detail',
      defaultMessage: 'stop {minutes} min',
      description: 'Outcome detail: how long the person was stopped',
    },
    leaflet: {
      id: 'reports.pdf.record.leaflet',
      defaultMessage: 'leaflet given',
      description: 'Outcome detail',
    },
    noLeaflet: {
      id: 'reports.pdf.record.no-leaflet',
      defaultMessage: 'no leaflet',
      description: 'Outcome detail',
    },
    engagementOfficer: {
      id: 'reports.pdf.record.engagement-officer',
      defaultMessage: 'engagement officer {name} ({id})',
      description: 'Outcome detail: the officer who spoke to the person',
    },
    outcomeRevision: {
      id: 'reports.pdf.record.outcome-revision',
      defaultMessage: 'Outcome revision {revision}',
      description: 'Field label',
    },
    recordedBy: {
      id: 'reports.pdf.record.recorded-by',
      defaultMessage: 'Recorded by',
      description: 'Field label',
    },
    recordedValue: {
      id: 'reports.pdf.record.recorded-value',
      defaultMessage: '{name} ({id}), {at}',
      description: 'Who recorded it and when',
    },
    outcomeNotes: {
      id: 'reports.pdf.record.outcome-notes',
      defaultMessage: 'Outcome notes',
      description: 'Field label',
    },
    none: { id: 'reports.pdf.record.none', defaultMessage: 'none', description: 'No notes' },
    withdrawn: {
      id: 'reports.pdf.record.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'Field label: the alert was withdrawn by the feed',
    },
    noReason: {
      id: 'reports.pdf.record.no-reason',
      defaultMessage: 'no reason given',
      description: 'No reason was given',
    },
    decision: { id: 'reports.pdf.record.decision', defaultMessage: 'Decision', description: 'Field label' },
    noneRecorded: {
      id: 'reports.pdf.record.none-recorded',
      defaultMessage: 'none recorded',
      description: 'Nothing was recorded',
    },
    outcome: { id: 'reports.pdf.record.outcome', defaultMessage: 'Outcome', description: 'Field label' },
    outcomeDue: {
      id: 'reports.pdf.record.outcome-due',
      defaultMessage: 'none recorded (outcome due)',
      description: 'An engage decision with no outcome yet',
    },
    verdict: {
      id: 'reports.pdf.record.verdict',
      defaultMessage: 'Supervisor verdict',
      description: 'Field label',
    },
    notReviewed: {
      id: 'reports.pdf.record.not-reviewed',
      defaultMessage: 'not reviewed',
      description: 'No supervisor has reviewed the decision',
    },
    countersigned: {
      id: 'reports.pdf.record.countersigned',
      defaultMessage: 'Countersigned (revision {revision}) by {name} ({id}), {at}',
      description: 'Supervisor verdict: agreed',
    },
    disagreed: {
      id: 'reports.pdf.record.disagreed',
      defaultMessage: 'Disagreed (revision {revision}) by {name} ({id}), {at}',
      description: 'Supervisor verdict: disagreed',
    },
    comment: {
      id: 'reports.pdf.record.comment',
      defaultMessage: 'Supervisor comment',
      description: 'Field label',
    },
    heading: { id: 'reports.pdf.record.heading', defaultMessage: 'Decision record', description: 'Heading' },
    intro: {
      id: 'reports.pdf.record.intro',
      defaultMessage:
        'Every decision in full, in the order the alerts arrived: {listed} of {total} alerts. Times are UK local time (GMT or BST).',
      description: 'Paragraph under the heading',
    },
    alertHeading: {
      id: 'reports.pdf.record.alert-heading',
      defaultMessage: 'Alert #{seq}',
      description: 'Heading: the alert number',
    },
  }),
);

const english = new ReportWords('en-GB');

/** Reason codes in words ("none given" when there are none), in one language. */
function reasonsIn(intl: Translator, codes: readonly string[]): string {
  if (!codes.length) return intl.formatMessage(M.noneGiven);
  return codes.map((c) => (REASON_MESSAGES[c] ? intl.formatMessage(REASON_MESSAGES[c]) : c)).join('; ');
}

/** One line saying what the alert was: used here and on the pages with images. */
function alertLine(alert: ReplayAlert, words: ReportWords = english): Text {
  return words.each((intl, lang) =>
    intl.formatMessage(M.alertLine, {
      tier: intl.formatMessage(TIER_MESSAGES[alert.subject.tier]),
      category: alert.subject.category,
      camera: alert.camera.label,
      at: reportTime.dateTime(lang, alert.capturedAt),
      score: String(alert.score),
      threshold: String(alert.threshold),
    }),
  );
}

type Say = (build: (intl: Translator, lang: Locale) => string) => Text;

function decisionFields(words: ReportWords, d: DecisionRecord): Array<[Text, Text]> {
  const t = words.msg.bind(words);
  const say: Say = words.each.bind(words);
  const rows: Array<[Text, Text]> = [
    [
      t(M.revision, { revision: String(d.revision) }),
      say((intl, lang) =>
        intl.formatMessage(M.decisionAt, {
          decision: intl.formatMessage(DECISION_MESSAGES[d.decision]),
          at: reportTime.dateTime(lang, d.decidedAt),
        }),
      ),
    ],
    [t(M.officer), `${d.operator.name} (${d.operator.id})`],
    [t(M.reasons), say((intl) => reasonsIn(intl, d.reasons))],
    [t(M.rationale), d.rationale],
  ];
  if (d.confirmedBy)
    rows.push([t(M.secondOfficer), `${d.confirmedBy.name} (${d.confirmedBy.id}): ${d.confirmedBy.note}`]);
  if (d.rejected) rows.push([t(M.feedServer), t(M.feedRejected, { reason: d.rejected })]);
  return rows;
}

function outcomeFields(words: ReportWords, o: OutcomeRecord): Array<[Text, Text]> {
  const t = words.msg.bind(words);
  // The result and action stay codes, as the report has always printed them.
  const detail = (intl: Translator) =>
    [
      o.action ? intl.formatMessage(M.actionDetail, { action: o.action }) : null,
      o.stopMinutes !== null ? intl.formatMessage(M.stopDetail, { minutes: String(o.stopMinutes) }) : null,
      o.leafletGiven === null ? null : intl.formatMessage(o.leafletGiven ? M.leaflet : M.noLeaflet),
      o.engagementOfficer
        ? intl.formatMessage(M.engagementOfficer, {
            name: o.engagementOfficer.name,
            id: o.engagementOfficer.id,
          })
        : null,
    ].filter(Boolean);
  return [
    [
      t(M.outcomeRevision, { revision: String(o.revision) }),
      words.each((intl) => {
        const parts = detail(intl);
        return `${o.result}${parts.length ? `; ${parts.join('; ')}` : ''}`;
      }),
    ],
    [
      t(M.recordedBy),
      words.each((intl, lang) =>
        intl.formatMessage(M.recordedValue, {
          name: o.recordedBy.name,
          id: o.recordedBy.id,
          at: reportTime.dateTime(lang, o.recordedAt),
        }),
      ),
    ],
    [t(M.outcomeNotes), o.notes || t(M.none)],
  ];
}

/** The decision record of one alert (also used on its page with images). */
export function alertRecord(w: Writer, words: ReportWords, alert: ReplayAlert): void {
  const t = words.msg.bind(words);
  w.para(alertLine(alert, words), { size: 9 });
  if (alert.status === 'withdrawn') w.fields([[t(M.withdrawn), alert.withdrawnReason ?? t(M.noReason)]]);
  if (alert.decisions.length === 0 && alert.status !== 'withdrawn')
    w.fields([[t(M.decision), t(M.noneRecorded)]]);
  for (const d of alert.decisions) {
    const fields = decisionFields(words, d);
    if (alert.clockDoubtRevisions?.includes(d.revision)) fields.push([t(CLOCK.heading), t(CLOCK.doubted)]);
    w.fields(fields);
  }
  const latest = alert.decisions.at(-1);
  if (latest?.decision === 'engage' && alert.outcomes.length === 0)
    w.fields([[t(M.outcome), t(M.outcomeDue)]]);
  for (const o of alert.outcomes) w.fields(outcomeFields(words, o));
  if (alert.reviews.length === 0 && alert.decisions.length > 0) w.fields([[t(M.verdict), t(M.notReviewed)]]);
  for (const r of alert.reviews)
    w.fields([
      [
        t(M.verdict),
        words.each((intl, lang) =>
          intl.formatMessage(r.verdict === 'countersign' ? M.countersigned : M.disagreed, {
            revision: String(r.revision),
            name: r.by.name,
            id: r.by.id,
            at: reportTime.dateTime(lang, r.at),
          }),
        ),
      ],
      [t(M.comment), r.comment],
    ]);
}

export function decisionRecord(w: Writer, words: ReportWords, alerts: readonly ReplayAlert[]): void {
  const t = words.msg.bind(words);
  w.heading(t(M.heading));
  const listed = alerts.filter((a) => a.decisions.length > 0 || a.status === 'withdrawn' || a.reviews.length);
  w.para(t(M.intro, { listed: String(listed.length), total: String(alerts.length) }), {
    size: 9,
    colour: '#444',
  });
  for (const alert of listed) {
    w.heading(t(M.alertHeading, { seq: String(alert.seq) }), 3);
    alertRecord(w, words, alert);
  }
}
