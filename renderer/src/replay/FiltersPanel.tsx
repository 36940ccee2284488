import { useMemo, useState } from 'react';
import type { Tier } from '../../../shared/feed/schemas';
import type { ReplayData, ReplayFilter } from '../../../shared/replay';
import { SCORE_BANDS } from '../../../shared/replay-stats';
import { TIER_WORD } from '../tiers';
import { RESULT_LABELS } from '../components/OutcomeForm';

interface FiltersPanelProps {
  replay: ReplayData;
  filter: ReplayFilter;
  shown: number;
  total: number;
  onChange: (patch: Partial<ReplayFilter>) => void;
  onClear: () => void;
}

const DECISIONS: Record<NonNullable<ReplayFilter['decision']>, string> = {
  engage: 'Engage',
  'no-engage': 'No engage',
  undecided: 'Undecided',
  withdrawn: 'Withdrawn',
};
const RESULTS: Record<NonNullable<ReplayFilter['result']>, string> = { ...RESULT_LABELS, none: 'No outcome' };

/** Who decided and which cameras saw anything, in this journal. */
function optionsOf(replay: ReplayData) {
  const officers = new Map<string, string>();
  for (const span of replay.operators)
    if (span.operator.role === 'officer') officers.set(span.operator.id, span.operator.name);
  for (const alert of replay.alerts)
    for (const d of alert.decisions)
      if (!officers.has(d.operator.id)) officers.set(d.operator.id, d.operator.name);
  const cameras = new Map<string, string>();
  for (const alert of replay.alerts) cameras.set(alert.camera.id, alert.camera.label);
  const byName = (a: [string, string], b: [string, string]) =>
    a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]);
  return { officers: [...officers].sort(byName), cameras: [...cameras].sort(byName) };
}

export function FiltersPanel({ replay, filter, shown, total, onChange, onClear }: FiltersPanelProps) {
  const { officers, cameras } = useMemo(() => optionsOf(replay), [replay]);
  const [ttd, setTtd] = useState(
    filter.minTimeToDecisionMs !== undefined ? String(filter.minTimeToDecisionMs / 1000) : '',
  );
  const ttdValid = ttd.trim() === '' || (Number.isFinite(Number(ttd)) && Number(ttd) >= 0);
  const pick = <K extends keyof ReplayFilter>(key: K, value: string, parse: (v: string) => ReplayFilter[K]) =>
    onChange({ [key]: value === '' ? undefined : parse(value) });

  return (
    <section className="panel filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filters</h2>
      <p className="muted small" aria-live="polite">
        Showing {shown} of {total} alerts.
      </p>
      <div className="field">
        <label htmlFor="filter-officer">Officer</label>
        <select
          id="filter-officer"
          value={filter.officerId ?? ''}
          onChange={(e) => pick('officerId', e.target.value, String)}
        >
          <option value="">Any officer</option>
          {officers.map(([id, name]) => (
            <option key={id} value={id}>
              {name} ({id})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-decision">Decision</label>
        <select
          id="filter-decision"
          value={filter.decision ?? ''}
          onChange={(e) => pick('decision', e.target.value, (v) => v as ReplayFilter['decision'])}
        >
          <option value="">Any decision</option>
          {Object.entries(DECISIONS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-tier">Tier</label>
        <select
          id="filter-tier"
          value={filter.tier ?? ''}
          onChange={(e) => pick('tier', e.target.value, (v) => v as Tier)}
        >
          <option value="">Any tier</option>
          {(['red', 'amber', 'green'] as const).map((t) => (
            <option key={t} value={t}>
              {TIER_WORD[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-camera">Camera</label>
        <select
          id="filter-camera"
          value={filter.cameraId ?? ''}
          onChange={(e) => pick('cameraId', e.target.value, String)}
        >
          <option value="">Any camera</option>
          {cameras.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-result">Result</label>
        <select
          id="filter-result"
          value={filter.result ?? ''}
          onChange={(e) => pick('result', e.target.value, (v) => v as ReplayFilter['result'])}
        >
          <option value="">Any result</option>
          {Object.entries(RESULTS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-band">Score band</label>
        <select
          id="filter-band"
          value={filter.scoreBand ?? ''}
          onChange={(e) => pick('scoreBand', e.target.value, Number)}
        >
          <option value="">Any score</option>
          {SCORE_BANDS.map((band, i) => (
            <option key={band.label} value={i}>
              {band.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-ttd">Time to decision above (s)</label>
        <input
          id="filter-ttd"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={ttd}
          aria-invalid={ttdValid ? undefined : true}
          aria-describedby="filter-ttd-hint"
          onChange={(e) => {
            const v = e.target.value;
            setTtd(v);
            const n = Number(v);
            if (v.trim() === '') onChange({ minTimeToDecisionMs: undefined });
            else if (Number.isFinite(n) && n >= 0) onChange({ minTimeToDecisionMs: Math.round(n * 1000) });
          }}
        />
        <p id="filter-ttd-hint" className="muted small">
          {ttdValid ? 'Only alerts decided more slowly than this.' : 'Give a number of seconds, 0 or more.'}
        </p>
      </div>
      <button
        type="button"
        onClick={() => {
          setTtd('');
          onClear();
        }}
      >
        Clear filters
      </button>
    </section>
  );
}
