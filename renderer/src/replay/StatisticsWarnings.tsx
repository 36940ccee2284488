/** The statistics view's last two sections: alerts refused at intake, and the threshold and safeguard warnings. */
import { useIntl, type IntlShape } from 'react-intl';
import type { ReplayData } from '../../../shared/replay';
import { groupRefusals, refusalText } from '../../../shared/refusals';
import type { ReplayStats } from '../../../shared/replay-stats';
import { safeguardText } from '../../../shared/safeguard-messages';
import { S, sayer } from './statistics-messages';
import { useWhen } from './when';

/** Between phrases and before a sign (variables: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';
const INFO_SIGN = 'ℹ ';
const WARNING_SIGN = '⚠ ';

export function Rejected({ replay, stats }: { replay: ReplayData; stats: ReplayStats }) {
  // Each refusal in words: what it means, and the reasons the station answered (issue 10).
  const groups = groupRefusals(replay.rejected);
  const intl = useIntl();
  const say = sayer(intl);
  return (
    <section className="panel" aria-labelledby="rejected-heading">
      <h3 id="rejected-heading">{say(S.rejectedHeading)}</h3>
      <p>
        {say(S.rejectedLine, {
          count: stats.totals.rejected,
          n: String(stats.totals.rejected),
          outside: String(stats.totals.outsideWindow),
        })}
      </p>
      {groups.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{say(S.rejectedCaption)}</caption>
          <thead>
            <tr>
              <th scope="col">{say(S.whyRefused)}</th>
              <th scope="col">{say(S.count)}</th>
              <th scope="col">{say(S.reasonsGiven)}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.code}>
                <th scope="row">{refusalText(intl, g.code)}</th>
                <td>{g.count}</td>
                <td>
                  <ul className="refusal-reasons">
                    {g.reasons.map((r) => (
                      <li key={r.reason}>
                        <bdi>{r.reason}</bdi>
                        {r.count > 1 ? say(S.reasonCount, { count: String(r.count) }) : ''}
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

/**
 * The journal keeps a safeguard's code and English words, not the figures in them: the two
 * that name no figure are said in the reader's language, the rest as journalled.
 */
function safeguardWords(intl: IntlShape, s: ReplayData['safeguards'][number]) {
  if (s.code === 'training' || s.code === 'no-notice')
    return safeguardText(intl, { code: s.code, severity: 'info', title: s.title, detail: s.detail });
  return s;
}

export function Warnings({ stats }: { stats: ReplayStats }) {
  const t = stats.threshold;
  const intl = useIntl();
  const say = sayer(intl);
  const when = useWhen();
  return (
    <section className="panel" aria-labelledby="warnings-heading">
      <h3 id="warnings-heading">{say(S.warningsHeading)}</h3>
      <ul className="plain-list warnings-list">
        <li>
          {t.deployment === null
            ? say(S.noThreshold)
            : say(S.threshold, { threshold: t.deployment.toFixed(2), below: t.belowNpl ? 'yes' : 'no' })}
        </li>
        {t.mismatched > 0 && <li>{say(S.mismatched, { count: t.mismatched, n: String(t.mismatched) })}</li>}
        {t.belowThreshold > 0 && (
          <li>{say(S.belowOwn, { count: t.belowThreshold, n: String(t.belowThreshold) })}</li>
        )}
        {t.seen.length > 1 && (
          <li>{say(S.seen, { thresholds: t.seen.map((x) => x.toFixed(2)).join(', ') })}</li>
        )}
        {stats.safeguards.map((s, i) => {
          const words = safeguardWords(intl, s);
          return (
            <li key={`${s.code}:${s.at}:${i}`} className={`safeguard severity-${s.severity}`}>
              <span aria-hidden="true">{s.severity === 'info' ? INFO_SIGN : WARNING_SIGN}</span>
              <strong>{words.title}</strong>
              {SPACE}
              <span className="muted small">{when.shortTime(s.at)}</span>
              {SPACE}
              {words.detail}
            </li>
          );
        })}
        {stats.safeguards.length === 0 && <li>{say(S.noSafeguards)}</li>}
      </ul>
    </section>
  );
}
