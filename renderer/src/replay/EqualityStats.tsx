/**
 * Equality monitoring in replay statistics (issue 27): engagements and their results per
 * observed group, with the false alert share and its 95% interval. Supervisors see exact
 * figures here; what leaves the station (PDF, transparency report) hides small counts.
 */
import { useMemo } from 'react';
import {
  replayEqualityStats,
  type EqualityTable as Table,
  type GroupFigures,
} from '../../../shared/equality-stats';
import { useIntl } from 'react-intl';
import {
  equalityCaveats,
  equalityText,
  groupLabelIn,
  intervalText,
  percent,
} from '../../../shared/equality-text';
import type { ReplayAlert, ReplayData } from '../../../shared/replay';

export function EqualityStats({ replay, alerts }: { replay: ReplayData; alerts: ReplayAlert[] }) {
  const stats = useMemo(() => replayEqualityStats(replay, alerts), [replay, alerts]);
  const intl = useIntl();
  const T = equalityText(intl);
  return (
    <section className="panel equality" aria-labelledby="equality-heading">
      <h3 id="equality-heading">{T.heading}</h3>
      <p className="muted small">{T.exact}</p>
      <ul className="muted small">
        {equalityCaveats(intl).map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {stats.sex.total.alerts === 0 ? (
        <p>{T.none}</p>
      ) : (
        <>
          <EqualityTable id="equality-sex" caption={T.bySex} table={stats.sex} />
          <EqualityTable id="equality-ethnicity" caption={T.byEthnicity} table={stats.ethnicity} />
          {stats.strata.map((s) => {
            const title = T.split(s.algorithm, s.threshold);
            const id = `equality-split-${s.algorithm}-${s.threshold}`.replace(/[^A-Za-z0-9-]/g, '-');
            return (
              <details key={id}>
                <summary>{title}</summary>
                <p className="small">{T.facesLine(s.facesCompared, s.falsePerMillionFaces)}</p>
                <EqualityTable id={`${id}-sex`} caption={`${T.bySex}: ${title}`} table={s.sex} />
                <EqualityTable
                  id={`${id}-ethnicity`}
                  caption={`${T.byEthnicity}: ${title}`}
                  table={s.ethnicity}
                />
              </details>
            );
          })}
        </>
      )}
    </section>
  );
}

function EqualityTable({ id, caption, table }: { id: string; caption: string; table: Table }) {
  const intl = useIntl();
  const T = equalityText(intl);
  const row = (g: GroupFigures) => (
    <tr key={g.group}>
      <th scope="row">{groupLabelIn(intl, table.dimension, g.group)}</th>
      <td>{g.alerts}</td>
      <td>{g.confirmedTrue}</td>
      <td>{g.confirmedFalse}</td>
      <td>{g.notLocated}</td>
      <td>{percent(g.falseShare)}</td>
      <td>{intervalText(g.interval)}</td>
    </tr>
  );
  return (
    <table className="data-table" aria-labelledby={`${id}-caption`}>
      <caption id={`${id}-caption`}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{T.group}</th>
          <th scope="col">{T.alerts}</th>
          <th scope="col">{T.confirmedTrue}</th>
          <th scope="col">{T.confirmedFalse}</th>
          <th scope="col">{T.notLocated}</th>
          <th scope="col">{T.falseShare}</th>
          <th scope="col">{T.interval}</th>
        </tr>
      </thead>
      <tbody>{table.groups.map(row)}</tbody>
      <tfoot>{row(table.total)}</tfoot>
    </table>
  );
}
