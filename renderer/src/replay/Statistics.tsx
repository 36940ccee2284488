import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import {
  OUTCOME_ACTION_MESSAGES,
  OUTCOME_RESULT_MESSAGES,
  TIER_MESSAGES,
} from '../../../shared/i18n/glossary';
import type { ReplayAlert, ReplayData } from '../../../shared/replay';
import { computeStats, type ReplayStats } from '../../../shared/replay-stats';
import { Chart, CHART_COLOURS } from './Chart';
import { EqualityStats } from './EqualityStats';
import { decisionWord, durationText, ttdText } from './labels';
import { ClaimTimes } from './ClaimTimes';
import { S, sayer } from './statistics-messages';
import { Rejected, Warnings } from './StatisticsWarnings';
import { useWhen } from './when';

/** Between phrases (a variable: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';

interface StatisticsProps {
  replay: ReplayData;
  /** The alerts the filters let through. */
  alerts: ReplayAlert[];
  filtered: boolean;
}

/** The deployment in numbers and charts, for the alerts the filters let through. */
export function Statistics({ replay, alerts, filtered }: StatisticsProps) {
  const stats = useMemo(() => computeStats(replay, alerts), [replay, alerts]);
  const { totals, results, timeToDecision: ttd } = stats;
  const intl = useIntl();
  const say = sayer(intl);
  const engage = decisionWord(intl, 'engage');
  const noEngage = decisionWord(intl, 'no-engage');
  return (
    <section className="statistics" aria-labelledby="statistics-heading">
      <h2 id="statistics-heading">{say(S.heading)}</h2>
      <p className="muted">
        {say(filtered ? S.filtered : S.all)}
        {SPACE}
        {say(S.latest)}
      </p>
      <ul className="cards" aria-label={say(S.totals)}>
        <Card label={say(S.alerts)} value={totals.alerts} />
        <Card label={engage} value={totals.engage} />
        <Card label={noEngage} value={totals.noEngage} />
        <Card label={say(S.undecided)} value={totals.undecided} />
        <Card label={say(S.withdrawn)} value={totals.withdrawn} />
        <Card label={say(OUTCOME_RESULT_MESSAGES['confirmed-true'])} value={results.confirmedTrue} />
        <Card label={say(S.falseAlerts)} value={results.falseAlerts} />
        <Card label={say(S.rejected)} value={totals.rejected} />
        <Card label={say(S.outsideWindow)} value={totals.outsideWindow} />
        <Card label={say(S.medianTtd)} value={ttdText(intl, ttd.medianMs)} />
      </ul>

      <div className="chart-grid">
        <AlertsOverTime stats={stats} />
        <Chart
          id="chart-decisions"
          title={say(S.decisionsTitle)}
          labelHeader={say(S.decision)}
          summary={say(S.decisionsSummary, {
            engage: String(totals.engage),
            noEngage: String(totals.noEngage),
            undecided: String(totals.undecided),
            withdrawn: String(totals.withdrawn),
          })}
          labels={[engage, noEngage, say(S.undecided), say(S.withdrawn)]}
          series={[
            {
              label: say(S.alerts),
              data: [totals.engage, totals.noEngage, totals.undecided, totals.withdrawn],
              colour: CHART_COLOURS.accent,
            },
          ]}
        />
        <Outcomes stats={stats} />
        <Chart
          id="chart-ttd"
          title={say(S.ttd)}
          labelHeader={say(S.ttd)}
          summary={
            ttd.count === 0
              ? say(S.ttdNone)
              : say(S.ttdSummary, {
                  median: ttdText(intl, ttd.medianMs),
                  p90: ttdText(intl, ttd.p90Ms),
                  count: ttd.count,
                  n: String(ttd.count),
                })
          }
          labels={ttd.histogram.map((b) => b.label)}
          series={[
            {
              label: say(S.decisions),
              data: ttd.histogram.map((b) => b.count),
              colour: CHART_COLOURS.accent,
            },
          ]}
        />
      </div>

      <Officers stats={stats} />
      <ClaimTimes stats={stats} />
      <FalseAlerts stats={stats} />
      <EqualityStats replay={replay} alerts={alerts} />
      <Rejected replay={replay} stats={stats} />
      <Warnings stats={stats} />
    </section>
  );
}

function Card({ label, value }: { label: string; value: number | string }) {
  return (
    <li className="card">
      <span className="card-value">{value}</span>
      <span className="card-label">{label}</span>
    </li>
  );
}

function AlertsOverTime({ stats }: { stats: ReplayStats }) {
  const { bins, binMs } = stats.alertsOverTime;
  const busiest = bins.reduce<(typeof bins)[number] | null>(
    (m, b) => (!m || b.total > m.total ? b : m),
    null,
  );
  const intl = useIntl();
  const say = sayer(intl);
  const when = useWhen();
  return (
    <Chart
      id="chart-over-time"
      title={say(S.overTime)}
      labelHeader={say(S.from)}
      stacked
      summary={
        busiest && busiest.total > 0
          ? say(S.overTimeSummary, {
              alerts: String(stats.totals.alerts),
              interval: durationText(intl, binMs),
              at: when.shortTime(busiest.from),
              total: String(busiest.total),
              red: String(busiest.red),
              amber: String(busiest.amber),
              green: String(busiest.green),
            })
          : say(S.noAlerts)
      }
      labels={bins.map((b) => when.shortTime(b.from))}
      series={[
        { label: say(TIER_MESSAGES.red), data: bins.map((b) => b.red), colour: CHART_COLOURS.red },
        { label: say(TIER_MESSAGES.amber), data: bins.map((b) => b.amber), colour: CHART_COLOURS.amber },
        { label: say(TIER_MESSAGES.green), data: bins.map((b) => b.green), colour: CHART_COLOURS.green },
      ]}
    />
  );
}

function Outcomes({ stats }: { stats: ReplayStats }) {
  const r = stats.results;
  const say = sayer(useIntl());
  return (
    <div>
      <Chart
        id="chart-outcomes"
        title={say(S.outcomesTitle)}
        labelHeader={say(S.result)}
        summary={say(S.outcomesSummary, {
          confirmedTrue: String(r.confirmedTrue),
          confirmedFalse: String(r.confirmedFalse),
          notLocated: String(r.notLocated),
          none: String(r.engagedWithoutOutcome),
        })}
        labels={[
          say(OUTCOME_RESULT_MESSAGES['confirmed-true']),
          say(OUTCOME_RESULT_MESSAGES['confirmed-false']),
          say(OUTCOME_RESULT_MESSAGES['not-located']),
          say(S.noOutcome),
        ]}
        series={[
          {
            label: say(S.alerts),
            data: [r.confirmedTrue, r.confirmedFalse, r.notLocated, r.engagedWithoutOutcome],
            colour: CHART_COLOURS.accent,
          },
        ]}
      />
      <table className="data-table">
        <caption>{say(S.actionTaken)}</caption>
        <thead>
          <tr>
            <th scope="col">{say(S.action)}</th>
            <th scope="col">{say(S.alerts)}</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(stats.actions) as (keyof ReplayStats['actions'])[]).map((a) => (
            <tr key={a}>
              <th scope="row">{say(a === 'none' ? S.notStated : OUTCOME_ACTION_MESSAGES[a])}</th>
              <td>{stats.actions[a]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Officers({ stats }: { stats: ReplayStats }) {
  const intl = useIntl();
  const say = sayer(intl);
  return (
    <section className="panel" aria-labelledby="officers-heading">
      <h3 id="officers-heading">{say(S.workload)}</h3>
      {stats.perOfficer.length === 0 ? (
        <p className="muted">{say(S.noOfficer)}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{say(S.workload)}</caption>
          <thead>
            <tr>
              <th scope="col">{say(S.officer)}</th>
              <th scope="col">{say(S.decisions)}</th>
              <th scope="col">{decisionWord(intl, 'engage')}</th>
              <th scope="col">{decisionWord(intl, 'no-engage')}</th>
              <th scope="col">{say(S.timeOnReview)}</th>
            </tr>
          </thead>
          <tbody>
            {stats.perOfficer.map((o) => (
              <tr key={o.id}>
                <th scope="row">{say(S.officerName, { name: o.name, id: o.id })}</th>
                <td>{o.decisions}</td>
                <td>{o.engage}</td>
                <td>{o.noEngage}</td>
                <td>{durationText(intl, o.reviewMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{say(S.workloadNote)}</p>
    </section>
  );
}

function FalseAlerts({ stats }: { stats: ReplayStats }) {
  const worstCamera = stats.perCamera.reduce<(typeof stats.perCamera)[number] | null>(
    (m, c) => (!m || c.falseAlerts > m.falseAlerts ? c : m),
    null,
  );
  const worstBand = stats.perScoreBand.reduce<(typeof stats.perScoreBand)[number] | null>(
    (m, b) => (!m || b.falseAlerts > m.falseAlerts ? b : m),
    null,
  );
  const say = sayer(useIntl());
  const series = (rows: { alerts: number; falseAlerts: number; confirmedFalse: number }[]) => [
    { label: say(S.alerts), data: rows.map((c) => c.alerts), colour: CHART_COLOURS.grey },
    { label: say(S.falseAlerts), data: rows.map((c) => c.falseAlerts), colour: CHART_COLOURS.red },
    { label: say(S.confirmedFalse), data: rows.map((c) => c.confirmedFalse), colour: CHART_COLOURS.amber },
  ];
  return (
    <section className="panel" aria-labelledby="false-heading">
      <h3 id="false-heading">{say(S.falseAlerts)}</h3>
      <p className="muted small">{say(S.falseNote)}</p>
      <div className="chart-grid">
        <Chart
          id="chart-cameras"
          title={say(S.perCamera)}
          labelHeader={say(S.camera)}
          summary={
            worstCamera && worstCamera.falseAlerts > 0
              ? say(S.cameraSummary, {
                  falseAlerts: String(stats.results.falseAlerts),
                  camera: worstCamera.label,
                  worst: String(worstCamera.falseAlerts),
                  alerts: String(worstCamera.alerts),
                })
              : say(S.cameraNone)
          }
          labels={stats.perCamera.map((c) => c.label)}
          series={series(stats.perCamera)}
        />
        <Chart
          id="chart-bands"
          title={say(S.perBand)}
          labelHeader={say(S.band)}
          summary={
            worstBand && worstBand.falseAlerts > 0
              ? say(S.bandSummary, {
                  band: worstBand.label,
                  worst: String(worstBand.falseAlerts),
                  alerts: String(worstBand.alerts),
                })
              : say(S.bandNone)
          }
          labels={stats.perScoreBand.map((b) => b.label)}
          series={series(stats.perScoreBand)}
        />
      </div>
    </section>
  );
}
