/**
 * The oversight report's first page: what the deployment was, the integrity verdict and
 * the deployment record's fields, in the report's language(s). Names, ids, references and
 * the DPIA are the record's own words and stay as recorded.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from '@formatjs/intl';
import { verdictSentence } from '../../../shared/journal/verdict';
import type { ReplayData } from '../../../shared/replay';
import type { PdfOptions } from './pdf-options';
import type { Writer } from './pdf-writer';
import { type Localised, type ReportWords, reportTime, type Text } from './report-words';

const M = messageTable(
  defineMessages({
    title: {
      id: 'reports.pdf.title',
      defaultMessage: 'LFR deployment oversight report',
      description: 'Oversight PDF: the title on its first page (LFR: live facial recognition)',
    },
    training: {
      id: 'reports.pdf.training',
      defaultMessage: 'TRAINING deployment: synthetic alerts only.',
      description: 'Oversight PDF: warning that the deployment was a training exercise',
    },
    integrity: {
      id: 'reports.pdf.integrity',
      defaultMessage: 'Integrity: {line}',
      description: 'Oversight PDF: the journal integrity verdict, line = the verdict sentence',
    },
    tampered: {
      id: 'reports.pdf.integrity.tampered',
      defaultMessage: 'TAMPERED at seq {seq}: {reason}',
      description: 'Oversight PDF: the journal failed verification at entry number seq; reason is technical',
    },
    tamperedWarning: {
      id: 'reports.pdf.integrity.tampered-warning',
      defaultMessage:
        'The journal failed verification. What follows is what could still be read from it, and must not be relied on without investigation.',
      description: 'Oversight PDF: under a failed integrity verdict',
    },
    verified: {
      id: 'reports.pdf.integrity.verified',
      defaultMessage:
        'VERIFIED: {entries} entries, {checkpoints} signed checkpoints, {images} images checked',
      description:
        'Oversight PDF: the journal verified; counts of journal entries, signed checkpoints, images',
    },
    purged: {
      id: 'reports.pdf.integrity.purged',
      defaultMessage:
        'VERIFIED (images purged under retention: {purged}): {entries} entries, {checkpoints} signed checkpoints, {images} images checked',
      description: 'Oversight PDF: verified, some images deleted at the end of their retention period',
    },
    unsealed: {
      id: 'reports.pdf.integrity.unsealed',
      defaultMessage:
        'UNSEALED: {count} entries from seq {seq} on are not signed: anyone could have written them, and entries after them could have been cut off',
      description:
        'Oversight PDF (Welsh only: the English comes from the verdict module): the end of the journal is not signed',
    },
    untrusted: {
      id: 'reports.pdf.integrity.untrusted',
      defaultMessage:
        'UNTRUSTED KEY: signed by a key that is not on the station trust list; the key is printed below to compare out of band',
      description:
        'Oversight PDF (Welsh only: the English comes from the verdict module): signed, but not by a trusted station key',
    },
    deploymentId: {
      id: 'reports.pdf.field.deployment-id',
      defaultMessage: 'Deployment id',
      description: 'Field label',
    },
    source: {
      id: 'reports.pdf.field.source',
      defaultMessage: 'Source',
      description: 'Field label: where the journal came from',
    },
    sourceImport: {
      id: 'reports.pdf.source.import',
      defaultMessage: 'imported bundle',
      description: 'Source: a bundle imported from another station',
    },
    sourceStation: {
      id: 'reports.pdf.source.station',
      defaultMessage: 'this station',
      description: 'Source: the journal of this station',
    },
    window: {
      id: 'reports.pdf.field.window',
      defaultMessage: 'Authorised window',
      description: 'Field label: when the deployment was authorised to run',
    },
    fromTo: {
      id: 'reports.pdf.from-to',
      defaultMessage: '{from} to {to}',
      description: 'A time range: two dates and times',
    },
    location: { id: 'reports.pdf.field.location', defaultMessage: 'Location', description: 'Field label' },
    purpose: { id: 'reports.pdf.field.purpose', defaultMessage: 'Purpose', description: 'Field label' },
    intelligence: {
      id: 'reports.pdf.field.intelligence',
      defaultMessage: 'Intelligence ref',
      description: 'Field label: intelligence reference',
    },
    authorisedBy: {
      id: 'reports.pdf.field.authorised-by',
      defaultMessage: 'Authorised by',
      description: 'Field label',
    },
    authorisedValue: {
      id: 'reports.pdf.authorised-by',
      defaultMessage: '{rank} {name} ({id}) at {at}',
      description: 'Who authorised the deployment: rank, name, id, and when',
    },
    watchlist: { id: 'reports.pdf.field.watchlist', defaultMessage: 'Watchlist', description: 'Field label' },
    watchlistReviewed: {
      id: 'reports.pdf.watchlist.reviewed',
      defaultMessage: '{version}, {size} entries; reviewed by {by} at {at}',
      description: 'The watchlist version, its size, who reviewed it and when',
    },
    watchlistUnreviewed: {
      id: 'reports.pdf.watchlist.unreviewed',
      defaultMessage: '{version}, {size} entries; NO REVIEW RECORDED',
      description: 'The watchlist version and size, with no review recorded (a warning)',
    },
    threshold: {
      id: 'reports.pdf.field.threshold',
      defaultMessage: 'Threshold',
      description: 'Field label: the match score threshold',
    },
    belowNpl: {
      id: 'reports.pdf.threshold.below-npl',
      defaultMessage: '{threshold} (below 0.60, the NPL 2023 figure)',
      description: 'A threshold below the one the National Physical Laboratory tested in 2023',
    },
    algorithm: {
      id: 'reports.pdf.field.algorithm',
      defaultMessage: 'Algorithm',
      description: 'Field label: the face matching algorithm',
    },
    notice: {
      id: 'reports.pdf.field.notice',
      defaultMessage: 'Public notice',
      description: 'Field label: whether the public was told',
    },
    noticeGiven: {
      id: 'reports.pdf.notice.given',
      defaultMessage: 'given: {channels}',
      description: 'Public notice given, and how (channels as recorded)',
    },
    noticeNotGiven: {
      id: 'reports.pdf.notice.not-given',
      defaultMessage: 'not given: {reason}',
      description: 'Public notice not given, and the reason recorded',
    },
    noReason: {
      id: 'reports.pdf.no-reason',
      defaultMessage: 'no reason recorded',
      description: 'No reason was recorded',
    },
    dpia: {
      id: 'reports.pdf.field.dpia',
      defaultMessage: 'DPIA',
      description: 'Field label: data protection impact assessment reference',
    },
    retention: {
      id: 'reports.pdf.field.retention',
      defaultMessage: 'Retention',
      description: 'Field label: how long images are kept',
    },
    retentionDays: {
      id: 'reports.pdf.retention-days',
      defaultMessage: '{days} days',
      description: 'A retention period in days',
    },
    deploymentRecord: {
      id: 'reports.pdf.field.deployment-record',
      defaultMessage: 'Deployment record',
      description: 'Field label',
    },
    noDeployment: {
      id: 'reports.pdf.no-deployment',
      defaultMessage: 'none in the journal',
      description: 'No deployment record in the journal',
    },
    covers: {
      id: 'reports.pdf.field.covers',
      defaultMessage: 'Journal covers',
      description: 'Field label: the time span of the journal',
    },
    station: {
      id: 'reports.pdf.field.station',
      defaultMessage: 'Station',
      description: 'Field label: the review station id',
    },
    stationKey: {
      id: 'reports.pdf.field.station-key',
      defaultMessage: 'Station public key',
      description: 'Field label',
    },
    generated: {
      id: 'reports.pdf.field.generated',
      defaultMessage: 'Report generated',
      description: 'Field label',
    },
    generatedValue: {
      id: 'reports.pdf.generated',
      defaultMessage: '{at} by {by}',
      description: 'When and by whom the report was made',
    },
    times: {
      id: 'reports.pdf.field.times',
      defaultMessage: 'Times',
      description: 'Field label: how times are written',
    },
    timesValue: {
      id: 'reports.pdf.times',
      defaultMessage: 'UK local time, with GMT or BST beside each; the CSV export also carries UTC',
      description: 'How times are written in the report',
    },
  }),
);

function integrityText(words: ReportWords, replay: ReplayData): Localised {
  const i = replay.integrity;
  return words.each((intl, lang) => {
    if (i.status === 'tampered')
      return intl.formatMessage(M.tampered, {
        seq: String(i.failure?.seq ?? '?'),
        reason: i.failure?.reason ?? 'unknown',
      });
    if (i.status === 'unsealed' || i.status === 'untrusted-key') {
      // Welsh says what the verdict means; the English is the verdict module's own sentence.
      if (lang === 'cy')
        return i.verdict.kind === 'unsealed'
          ? intl.formatMessage(M.unsealed, {
              count: String(i.verdict.unsignedEntries),
              seq: String(i.verdict.firstUnsignedSeq),
            })
          : intl.formatMessage(M.untrusted);
      // The verdict's own sentence, its name in capitals like the others.
      const sentence = verdictSentence(i.verdict);
      const cut = sentence.indexOf(':');
      return `${sentence.slice(0, cut).toUpperCase()}${sentence.slice(cut)}`;
    }
    const counts = {
      entries: String(i.entries),
      checkpoints: String(i.checkpoints),
      images: String(i.images.checked),
    };
    return i.status === 'purged'
      ? intl.formatMessage(M.purged, { ...counts, purged: String(i.images.purged) })
      : intl.formatMessage(M.verified, counts);
  });
}

function deploymentFields(words: ReportWords, replay: ReplayData): Array<[Text, Text]> {
  const d = replay.deployment;
  const t = words.msg.bind(words);
  if (!d) return [[t(M.deploymentRecord), t(M.noDeployment)]];
  const each = words.each.bind(words);
  const w = d.watchlist;
  return [
    [
      t(M.window),
      each((intl, lang) =>
        intl.formatMessage(M.fromTo, {
          from: reportTime.dateTime(lang, d.startsAt),
          to: reportTime.dateTime(lang, d.endsAt),
        }),
      ),
    ],
    [t(M.location), `${d.location.name}${d.location.zone ? ` (${d.location.zone})` : ''}`],
    [t(M.purpose), d.purpose],
    [t(M.intelligence), d.intelligenceRef],
    [
      t(M.authorisedBy),
      each((intl, lang) =>
        intl.formatMessage(M.authorisedValue, {
          rank: d.authorisedBy.rank,
          name: d.authorisedBy.name,
          id: d.authorisedBy.id,
          at: reportTime.dateTime(lang, d.authorisedAt),
        }),
      ),
    ],
    [
      t(M.watchlist),
      each((intl, lang) =>
        w.reviewedAt
          ? intl.formatMessage(M.watchlistReviewed, {
              version: w.version,
              size: String(w.size),
              by: w.reviewedBy ?? '?',
              at: reportTime.dateTime(lang, w.reviewedAt),
            })
          : intl.formatMessage(M.watchlistUnreviewed, { version: w.version, size: String(w.size) }),
      ),
    ],
    [
      t(M.threshold),
      d.threshold < 0.6 ? t(M.belowNpl, { threshold: String(d.threshold) }) : String(d.threshold),
    ],
    [t(M.algorithm), `${d.algorithm.name} ${d.algorithm.version}`],
    [
      t(M.notice),
      d.notice.given
        ? t(M.noticeGiven, { channels: d.notice.channels.join(', ') })
        : each((intl) =>
            intl.formatMessage(M.noticeNotGiven, {
              reason: d.notice.reasonIfNot ?? intl.formatMessage(M.noReason),
            }),
          ),
    ],
    [t(M.dpia), d.dpiaRef],
    [t(M.retention), t(M.retentionDays, { days: String(d.retentionDays) })],
  ];
}

export function summary(w: Writer, words: ReportWords, replay: ReplayData, opts: PdfOptions): void {
  const d = replay.deployment;
  const t = words.msg.bind(words);
  w.title(t(M.title));
  w.doc.moveDown(0.2);
  w.para(d?.title ?? replay.deploymentId, { size: 12 });
  if (replay.training) w.para(t(M.training), { bold: true, colour: '#b45309' });
  w.doc.moveDown(0.5);
  const colour = ['verified', 'purged'].includes(replay.integrity.status) ? '#1b5e20' : '#b00020';
  const line = integrityText(words, replay);
  w.para(
    words.each((intl, lang) =>
      intl.formatMessage(M.integrity, { line: line.find((p) => p.lang === lang)?.text ?? '' }),
    ),
    { bold: true, colour, size: 11 },
  );
  if (replay.integrity.status === 'tampered') w.para(t(M.tamperedWarning), { colour });
  w.doc.moveDown(0.5);
  const rows: Array<[Text, Text]> = [
    [t(M.deploymentId), replay.deploymentId],
    [t(M.source), t(replay.source === 'import' ? M.sourceImport : M.sourceStation)],
    ...deploymentFields(words, replay),
    [
      t(M.covers),
      words.each((intl, lang) =>
        intl.formatMessage(M.fromTo, {
          from: reportTime.dateTime(lang, replay.range.from),
          to: reportTime.dateTime(lang, replay.range.to),
        }),
      ),
    ],
    [t(M.station), opts.stationId ?? '-'],
    [t(M.stationKey), opts.publicKey ?? '-'],
    [
      t(M.generated),
      words.each((intl, lang) =>
        intl.formatMessage(M.generatedValue, {
          at: reportTime.dateTime(lang, opts.generatedAt),
          by: opts.generatedBy,
        }),
      ),
    ],
    [t(M.times), t(M.timesValue)],
  ];
  w.fields(rows);
}
