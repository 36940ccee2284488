/**
 * The oversight report as a PDF (for a Police and Crime Commissioner, or an audit):
 * summary, integrity verdict, totals, charts, officers, cameras, score bands,
 * safeguards and refusals. Biometric images only when the supervisor asks for them.
 * In English, Welsh, or both (issue 26): each heading and paragraph in Welsh then
 * English (report-words.ts); the figures are the same in each.
 *
 * The standard fonts in English; DejaVu Sans embedded in Welsh and both (pdf-fonts.ts);
 * content streams are left uncompressed so the figures can be read (and tested) as text.
 */
import PDFDocument from 'pdfkit';
import { OUTCOME_ACTION_MESSAGES } from '../../../shared/i18n/glossary';
import type { ReplayAlert, ReplayData } from '../../../shared/replay';
import { computeStats, type ReplayStats } from '../../../shared/replay-stats';
import { alertRecord, decisionRecord } from './pdf-decisions';
import { claimTimes } from './pdf-claims';
import { stationClock } from './pdf-clock';
import { reportFontOption, useReportFonts } from './pdf-fonts';
import { pdfToNewFile } from './pdf-file';
import { drawReplayEquality } from './pdf-equality';
import { summary } from './pdf-summary';
import { pdfText } from './pdf-text';
import { BOTTOM, CONTENT_WIDTH, MARGIN, Writer, type Series } from './pdf-writer';
import type { PdfOptions } from './pdf-options';
import { documentLang, ReportWords, reportTime, type Text } from './report-words';
import { M } from './pdf-messages';

/** Kept here too: tests import it from this module. */
export { pdfText };

const TIER_COLOURS = { red: '#c62828', amber: '#ef8f00', green: '#2e7d32' } as const;
const tierSeries = (t: ReportWords['msg']): Series[] => [
  { label: t(M.seriesRed), colour: TIER_COLOURS.red, shape: 'triangle' },
  { label: t(M.seriesAmber), colour: TIER_COLOURS.amber, shape: 'diamond' },
  { label: t(M.seriesGreen), colour: TIER_COLOURS.green, shape: 'circle' },
];
const falseSeries = (t: ReportWords['msg']): Series[] => [
  { label: t(M.falseAlerts), colour: '#6a1b9a', shape: 'hatch' },
  { label: t(M.otherAlerts), colour: '#b39ddb', shape: 'none' },
];

/** Durations as figures with their unit (the units are the same in Welsh: s, min, h). */
const fmtMs = (ms: number | null) =>
  ms === null ? '-' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
const fmtHours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;

function totals(w: Writer, words: ReportWords, s: ReplayStats): void {
  const t = words.msg.bind(words);
  w.heading(t(M.totals));
  const c = s.totals;
  const r = s.results;
  const rows: Array<[Text, number | string]> = [
    [t(M.alerts), c.alerts],
    [t(M.undecided), c.undecided],
    [t(M.engage), c.engage],
    [t(M.noEngage), c.noEngage],
    [t(M.withdrawn), c.withdrawn],
    [t(M.refused), c.rejected],
    [t(M.refusedOutside), c.outsideWindow],
    [t(M.confirmedTrue), r.confirmedTrue],
    [t(M.confirmedFalse), r.confirmedFalse],
    [t(M.notLocated), r.notLocated],
    [t(M.engagedWithoutOutcome), r.engagedWithoutOutcome],
    [t(M.falseAlerts), r.falseAlerts],
    [t(M.ttdMedian), fmtMs(s.timeToDecision.medianMs)],
    [t(M.ttdP90), fmtMs(s.timeToDecision.p90Ms)],
  ];
  w.table([t(M.measure), t(M.count)], rows, [300, 120]);
  w.para(t(M.totalsNote), { size: 8, colour: '#555' });
  w.heading(t(M.outcomeActions));
  w.table(
    [t(M.action), t(M.count)],
    Object.entries(s.actions).map(([code, n]) => [actionName(words, code), n]),
    [300, 120],
  );
}

/** An outcome action: its code in English (as the report always printed it), its name in Welsh. */
function actionName(words: ReportWords, code: string): Text {
  const message = OUTCOME_ACTION_MESSAGES[code as keyof typeof OUTCOME_ACTION_MESSAGES];
  return words.each((intl, lang) => {
    if (lang === 'en-GB') return code;
    return message ? intl.formatMessage(message) : intl.formatMessage(M.actionNone);
  });
}

function charts(w: Writer, words: ReportWords, s: ReplayStats): void {
  const t = words.msg.bind(words);
  w.heading(t(M.charts));
  const daily = s.alertsOverTime.binMs >= 86_400_000;
  // Bar labels are one string: the report's first language names the time.
  const lang = documentLang(words.language);
  w.barChart(
    t(M.alertsOverTime),
    tierSeries(t),
    s.alertsOverTime.bins.map((b) => ({
      label: daily ? reportTime.date(lang, b.from) : reportTime.shortTime(lang, b.from),
      values: [b.red, b.amber, b.green],
    })),
    t(M.alertsOverTimeNote, { minutes: String(Math.round(s.alertsOverTime.binMs / 60_000)) }),
  );
  w.barChart(
    t(M.timeToDecision),
    [{ label: t(M.decidedAlerts), colour: '#1565c0', shape: 'square' }],
    s.timeToDecision.histogram.map((b) => ({ label: b.label, values: [b.count] })),
    t(M.timeToDecisionNote, { count: String(s.timeToDecision.count) }),
  );
  w.barChart(
    t(M.perCamera),
    falseSeries(t),
    s.perCamera.map((c) => ({ label: c.label, values: [c.falseAlerts, c.alerts - c.falseAlerts] })),
  );
  w.barChart(
    t(M.perScoreBand),
    falseSeries(t),
    s.perScoreBand.map((b) => ({ label: b.label, values: [b.falseAlerts, b.alerts - b.falseAlerts] })),
  );
}

function breakdowns(w: Writer, words: ReportWords, s: ReplayStats): void {
  const t = words.msg.bind(words);
  w.heading(t(M.officers));
  w.table(
    [t(M.officer), t(M.id), t(M.decisions), t(M.engage), t(M.noEngage), t(M.timeSignedIn)],
    s.perOfficer.map((o) => [o.name, o.id, o.decisions, o.engage, o.noEngage, fmtHours(o.reviewMs)]),
    [130, 80, 60, 60, 60, 105],
  );
  w.heading(t(M.cameras));
  w.table(
    [t(M.camera), t(M.alerts), t(M.engage), t(M.noEngage), t(M.confirmedFalse), t(M.falseAlerts)],
    s.perCamera.map((c) => [c.label, c.alerts, c.engage, c.noEngage, c.confirmedFalse, c.falseAlerts]),
    [155, 60, 60, 60, 80, 80],
  );
  w.heading(t(M.scoreBands));
  w.table(
    [t(M.scoreBand), t(M.alerts), t(M.confirmedFalse), t(M.falseAlerts)],
    s.perScoreBand.map((b) => [b.label, b.alerts, b.confirmedFalse, b.falseAlerts]),
    [155, 80, 100, 100],
  );
}

function safeguards(w: Writer, words: ReportWords, replay: ReplayData, s: ReplayStats): void {
  const t = words.msg.bind(words);
  w.heading(t(M.safeguards));
  const th = s.threshold;
  w.para(
    words.each((intl) =>
      intl.formatMessage(M.thresholdLine, {
        deployment: th.deployment === null ? intl.formatMessage(M.notRecorded) : String(th.deployment),
        below: th.belowNpl ? intl.formatMessage(M.belowNpl) : '',
        seen: th.seen.join(', ') || intl.formatMessage(M.none),
        mismatched: String(th.mismatched),
        belowOwn: String(th.belowThreshold),
      }),
    ),
  );
  if (s.safeguards.length === 0) w.para(t(M.noSafeguards));
  else
    w.table(
      [t(M.when), t(M.severity), t(M.warning)],
      s.safeguards.map((g) => [words.dateTime(g.at), g.severity, g.title]),
      [110, 70, CONTENT_WIDTH - 180],
    );
  w.heading(t(M.refusedAlerts));
  const byCode = new Map<string, number>();
  for (const r of replay.rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
  w.para(t(M.refusedLine, { refused: String(s.totals.rejected), outside: String(s.totals.outsideWindow) }));
  if (byCode.size)
    w.table(
      [t(M.reasonCode), t(M.count)],
      [...byCode].map(([code, n]) => [code, n]),
      [300, 120],
    );
  const counts = { countersign: 0, disagree: 0 };
  for (const r of replay.reviews) counts[r.verdict] += 1;
  w.heading(t(M.supervisorReview));
  w.para(t(M.reviewLine, { countersigned: String(counts.countersign), disagreed: String(counts.disagree) }));
  if (counts.disagree) w.para(t(M.reviewDisagreements));
}

function imageKind(bytes: Buffer): 'jpeg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  return null;
}

async function imagePage(
  w: Writer,
  words: ReportWords,
  alert: ReplayAlert,
  read: (sha: string) => Promise<Buffer | null>,
): Promise<void> {
  const doc = w.doc;
  const t = words.msg.bind(words);
  doc.addPage();
  w.heading(t(M.alertHeadingWithId, { seq: String(alert.seq), id: alert.alertId }), 3);
  const top = doc.y + 10;
  const boxW = (CONTENT_WIDTH - 20) / 2;
  const boxH = 300;
  const slots: Array<[Text, string]> = [
    [t(M.probe), alert.probe.sha256],
    [t(M.reference), alert.subject.image.sha256],
  ];
  for (const [i, [label, sha]] of slots.entries()) {
    const x = MARGIN + i * (boxW + 20);
    const bytes = await read(sha).catch(() => null);
    const kind = bytes ? imageKind(bytes) : null;
    w.block('P', () =>
      doc
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(pdfText(words.joined(label), doc), x, top, { width: boxW }),
    );
    if (bytes && kind)
      w.block('Figure', () => doc.image(bytes, x, top + 14, { fit: [boxW, boxH], align: 'center' }), {
        // The text alternative in the report's first language.
        alt: pdfText(words.first(t(M.imageAlt, { label: words.first(label), seq: String(alert.seq) })), doc),
      });
    else
      w.block('P', () =>
        doc
          .font('Helvetica')
          .text(pdfText(words.joined(t(bytes ? M.imageFormat : M.imageMissing)), doc), x, top + 20, {
            width: boxW,
          }),
      );
  }
  doc.x = MARGIN;
  doc.y = top + boxH + 24;
  // Who decided what and why, beside the faces they compared.
  alertRecord(w, words, alert);
}

/** Write the report; returns its page count and size. */
export async function writeReplayPdf(
  replay: ReplayData,
  file: string,
  opts: PdfOptions,
): Promise<{ pages: number; bytes: number }> {
  const stats = computeStats(replay);
  const language = opts.language ?? 'en-GB';
  const words = new ReportWords(language);
  const title = words.first(
    words.msg(M.docTitle, { title: replay.deployment?.title ?? replay.deploymentId }),
  );
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: false,
    ...reportFontOption(language),
    // Tagged, with a language and a title shown in the window: readable by assistive technology.
    tagged: true,
    lang: documentLang(language),
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: pdfText(title),
      Author: pdfText(opts.generatedBy),
      Subject: pdfText(words.first(words.msg(M.docSubject, { id: replay.deploymentId }))),
    },
  });
  useReportFonts(doc, language);
  const target = pdfToNewFile(doc, file);
  const w = new Writer(doc);
  summary(w, words, replay, opts);
  totals(w, words, stats);
  // A shared deployment (issue 22): claim times beside the time to decision.
  claimTimes(w, words, stats);
  charts(w, words, stats);
  breakdowns(w, words, stats);
  safeguards(w, words, replay, stats);
  // What the times in this report can be trusted for: every step of the station's clock.
  stationClock(w, words, replay.clockSteps);
  // Equality monitoring (issue 27), one tagged section, before the decision record.
  w.block('Sect', () =>
    drawReplayEquality(doc, replay, { left: MARGIN, width: CONTENT_WIDTH, bottom: BOTTOM }, words),
  );
  decisionRecord(w, words, replay.alerts);
  if (opts.includeImages && opts.readImage) {
    w.heading(words.msg(M.images));
    w.para(words.msg(M.imagesNote));
    for (const alert of replay.alerts) await imagePage(w, words, alert, opts.readImage);
  }
  w.finish();
  return target.finish();
}
