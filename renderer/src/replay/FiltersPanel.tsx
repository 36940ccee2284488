import { useMemo, useState } from 'react';
import type { Tier } from '../../../shared/feed/schemas';
import type { ReplayData, ReplayFilter } from '../../../shared/replay';
import { SCORE_BANDS } from '../../../shared/replay-stats';
import { TIERS } from '../../../shared/vocabulary';
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

interface SelectFilterProps {
  id: string;
  label: string;
  /** The label of the empty choice, which clears this filter. */
  any: string;
  value: string | number | undefined;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}

/** One labelled filter: a select whose first choice clears it. */
function SelectFilter({ id, label, any, value, options, onChange }: SelectFilterProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
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
      <SelectFilter
        id="filter-officer"
        label="Officer"
        any="Any officer"
        value={filter.officerId}
        options={officers.map(([id, name]) => [id, `${name} (${id})`])}
        onChange={(v) => pick('officerId', v, String)}
      />
      <SelectFilter
        id="filter-decision"
        label="Decision"
        any="Any decision"
        value={filter.decision}
        options={Object.entries(DECISIONS)}
        onChange={(v) => pick('decision', v, (x) => x as ReplayFilter['decision'])}
      />
      <SelectFilter
        id="filter-tier"
        label="Tier"
        any="Any tier"
        value={filter.tier}
        options={TIERS.map((t) => [t, TIER_WORD[t]])}
        onChange={(v) => pick('tier', v, (x) => x as Tier)}
      />
      <SelectFilter
        id="filter-camera"
        label="Camera"
        any="Any camera"
        value={filter.cameraId}
        options={cameras}
        onChange={(v) => pick('cameraId', v, String)}
      />
      <SelectFilter
        id="filter-result"
        label="Result"
        any="Any result"
        value={filter.result}
        options={Object.entries(RESULTS)}
        onChange={(v) => pick('result', v, (x) => x as ReplayFilter['result'])}
      />
      <SelectFilter
        id="filter-band"
        label="Score band"
        any="Any score"
        value={filter.scoreBand}
        options={SCORE_BANDS.map((band, i) => [String(i), band.label])}
        onChange={(v) => pick('scoreBand', v, Number)}
      />
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
