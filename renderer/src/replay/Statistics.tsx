import { useMemo } from 'react';
import type { ReplayAlert, ReplayData } from '../../../shared/replay';
import { groupRefusals } from '../../../shared/refusals';
import { computeStats, type ReplayStats } from '../../../shared/replay-stats';
import { ACTION_LABELS } from '../components/OutcomeForm';
import { duration, localShortTime } from '../format';
import { Chart, CHART_COLOURS } from './Chart';
import { EqualityStats } from './EqualityStats';
import { plural, ttdText } from './labels';

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
  return (
    <section className="statistics" aria-labelledby="statistics-heading">
      <h2 id="statistics-heading">Statistics</h2>
      <p className="muted">
        {filtered ? 'For the alerts the filters let through. ' : 'For every alert in the journal. '}
        Decisions and results are each alert&apos;s latest revision.
      </p>
      <ul className="cards" aria-label="Totals">
        <Card label="Alerts" value={totals.alerts} />
        <Card label="Engage" value={totals.engage} />
        <Card label="No engage" value={totals.noEngage} />
        <Card label="Undecided" value={totals.undecided} />
        <Card label="Withdrawn" value={totals.withdrawn} />
        <Card label="Confirmed true" value={results.confirmedTrue} />
        <Card label="False alerts" value={results.falseAlerts} />
        <Card label="Rejected at intake" value={totals.rejected} />
        <Card label="Outside the authorised window" value={totals.outsideWindow} />
        <Card label="Median time to decision" value={ttdText(ttd.medianMs)} />
      </ul>

      <div className="chart-grid">
        <AlertsOverTime stats={stats} />
        <Chart
          id="chart-decisions"
          title="Engage and no-engage"
          labelHeader="Decision"
          summary={`${totals.engage} engage, ${totals.noEngage} no-engage, ${totals.undecided} undecided, ${totals.withdrawn} withdrawn.`}
          labels={['Engage', 'No engage', 'Undecided', 'Withdrawn']}
          series={[
            {
              label: 'Alerts',
              data: [totals.engage, totals.noEngage, totals.undecided, totals.withdrawn],
              colour: CHART_COLOURS.accent,
            },
          ]}
        />
        <Outcomes stats={stats} />
        <Chart
          id="chart-ttd"
          title="Time to decision"
          labelHeader="Time to decision"
          summary={
            ttd.count === 0
              ? 'No decisions to measure.'
              : `Median ${ttdText(ttd.medianMs)}, 90th percentile ${ttdText(ttd.p90Ms)}, over ${plural(ttd.count, 'decision')} (first shown to first decision).`
          }
          labels={ttd.histogram.map((b) => b.label)}
          series={[
            { label: 'Decisions', data: ttd.histogram.map((b) => b.count), colour: CHART_COLOURS.accent },
          ]}
        />
      </div>

      <Officers stats={stats} />
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
  return (
    <Chart
      id="chart-over-time"
      title="Alerts over time, by tier"
      labelHeader="From"
      stacked
      summary={
        busiest && busiest.total > 0
          ? `${stats.totals.alerts} alerts in ${duration(binMs)} intervals; the busiest began at ${localShortTime(busiest.from)} with ${busiest.total} (red ${busiest.red}, amber ${busiest.amber}, green ${busiest.green}).`
          : 'No alerts.'
      }
      labels={bins.map((b) => localShortTime(b.from))}
      series={[
        { label: 'Red', data: bins.map((b) => b.red), colour: CHART_COLOURS.red },
        { label: 'Amber', data: bins.map((b) => b.amber), colour: CHART_COLOURS.amber },
        { label: 'Green', data: bins.map((b) => b.green), colour: CHART_COLOURS.green },
      ]}
    />
  );
}

function Outcomes({ stats }: { stats: ReplayStats }) {
  const r = stats.results;
  return (
    <div>
      <Chart
        id="chart-outcomes"
        title="Outcomes of engagements"
        labelHeader="Result"
        summary={`${r.confirmedTrue} confirmed true, ${r.confirmedFalse} confirmed false, ${r.notLocated} not located, ${r.engagedWithoutOutcome} engaged with no outcome recorded.`}
        labels={['Confirmed true', 'Confirmed false', 'Not located', 'No outcome recorded']}
        series={[
          {
            label: 'Alerts',
            data: [r.confirmedTrue, r.confirmedFalse, r.notLocated, r.engagedWithoutOutcome],
            colour: CHART_COLOURS.accent,
          },
        ]}
      />
      <table className="data-table">
        <caption>Action taken</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(stats.actions) as (keyof ReplayStats['actions'])[]).map((a) => (
            <tr key={a}>
              <th scope="row">{a === 'none' ? 'Not stated' : ACTION_LABELS[a]}</th>
              <td>{stats.actions[a]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Officers({ stats }: { stats: ReplayStats }) {
  return (
    <section className="panel" aria-labelledby="officers-heading">
      <h3 id="officers-heading">Workload per officer</h3>
      {stats.perOfficer.length === 0 ? (
        <p className="muted">No officer signed in or decided.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Workload per officer</caption>
          <thead>
            <tr>
              <th scope="col">Officer</th>
              <th scope="col">Decisions</th>
              <th scope="col">Engage</th>
              <th scope="col">No engage</th>
              <th scope="col">Time on review</th>
            </tr>
          </thead>
          <tbody>
            {stats.perOfficer.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  {o.name} ({o.id})
                </th>
                <td>{o.decisions}</td>
                <td>{o.engage}</td>
                <td>{o.noEngage}</td>
                <td>{duration(o.reviewMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Decisions count every revision; time on review is time signed in.</p>
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
  return (
    <section className="panel" aria-labelledby="false-heading">
      <h3 id="false-heading">False alerts</h3>
      <p className="muted small">
        A false alert is one confirmed false, or one the officer declined because the person did not match.
      </p>
      <div className="chart-grid">
        <Chart
          id="chart-cameras"
          title="False alerts per camera"
          labelHeader="Camera"
          summary={
            worstCamera && worstCamera.falseAlerts > 0
              ? `${stats.results.falseAlerts} false alerts; most at ${worstCamera.label} (${worstCamera.falseAlerts} of ${worstCamera.alerts}).`
              : 'No false alerts at any camera.'
          }
          labels={stats.perCamera.map((c) => c.label)}
          series={[
            { label: 'Alerts', data: stats.perCamera.map((c) => c.alerts), colour: CHART_COLOURS.grey },
            {
              label: 'False alerts',
              data: stats.perCamera.map((c) => c.falseAlerts),
              colour: CHART_COLOURS.red,
            },
            {
              label: 'Confirmed false',
              data: stats.perCamera.map((c) => c.confirmedFalse),
              colour: CHART_COLOURS.amber,
            },
          ]}
        />
        <Chart
          id="chart-bands"
          title="False alerts per score band"
          labelHeader="Score band"
          summary={
            worstBand && worstBand.falseAlerts > 0
              ? `Most false alerts in the ${worstBand.label} band (${worstBand.falseAlerts} of ${worstBand.alerts}).`
              : 'No false alerts in any score band.'
          }
          labels={stats.perScoreBand.map((b) => b.label)}
          series={[
            { label: 'Alerts', data: stats.perScoreBand.map((b) => b.alerts), colour: CHART_COLOURS.grey },
            {
              label: 'False alerts',
              data: stats.perScoreBand.map((b) => b.falseAlerts),
              colour: CHART_COLOURS.red,
            },
            {
              label: 'Confirmed false',
              data: stats.perScoreBand.map((b) => b.confirmedFalse),
              colour: CHART_COLOURS.amber,
            },
          ]}
        />
      </div>
    </section>
  );
}

function Rejected({ replay, stats }: { replay: ReplayData; stats: ReplayStats }) {
  // Each refusal in words: what it means, and the reasons the station answered (issue 10).
  const groups = groupRefusals(replay.rejected);
  return (
    <section className="panel" aria-labelledby="rejected-heading">
      <h3 id="rejected-heading">Rejected and out-of-window alerts</h3>
      <p>
        {plural(stats.totals.rejected, 'alert')} refused at intake, of which {stats.totals.outsideWindow}{' '}
        outside the authorised window. Filters do not apply to these: they never became alerts.
      </p>
      {groups.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Rejected alerts by reason</caption>
          <thead>
            <tr>
              <th scope="col">Why refused</th>
              <th scope="col">Count</th>
              <th scope="col">Reasons given to the feed</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.code}>
                <th scope="row">{g.words}</th>
                <td>{g.count}</td>
                <td>
                  <ul className="refusal-reasons">
                    {g.reasons.map((r) => (
                      <li key={r.reason}>
                        <bdi>{r.reason}</bdi>
                        {r.count > 1 ? ` (${r.count})` : ''}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Warnings({ stats }: { stats: ReplayStats }) {
  const t = stats.threshold;
  return (
    <section className="panel" aria-labelledby="warnings-heading">
      <h3 id="warnings-heading">Threshold and safeguard warnings</h3>
      <ul className="plain-list warnings-list">
        <li>
          {t.deployment === null
            ? 'No authorised threshold in the journal.'
            : `Authorised threshold ${t.deployment.toFixed(2)}${t.belowNpl ? ': below 0.60, the NPL (2023) figure.' : '.'}`}
        </li>
        {t.mismatched > 0 && (
          <li>{plural(t.mismatched, 'alert')} carried a threshold other than the authorised one.</li>
        )}
        {t.belowThreshold > 0 && (
          <li>{plural(t.belowThreshold, 'alert')} scored below their own threshold.</li>
        )}
        {t.seen.length > 1 && <li>Thresholds seen: {t.seen.map((x) => x.toFixed(2)).join(', ')}.</li>}
        {stats.safeguards.map((s, i) => (
          <li key={`${s.code}:${s.at}:${i}`} className={`safeguard severity-${s.severity}`}>
            <span aria-hidden="true">{s.severity === 'info' ? 'ℹ ' : '⚠ '}</span>
            <strong>{s.title}</strong> <span className="muted small">{localShortTime(s.at)}</span> {s.detail}
          </li>
        ))}
        {stats.safeguards.length === 0 && <li>No safeguard warnings were raised.</li>}
      </ul>
    </section>
  );
}
