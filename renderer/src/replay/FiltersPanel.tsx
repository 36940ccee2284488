import { messageTable } from '../../../shared/message-table';
import { useMemo, useState } from 'react';
import { defineMessages, useIntl, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { Tier } from '../../../shared/feed/schemas';
import { OUTCOME_RESULT_MESSAGES, TIER_MESSAGES } from '../../../shared/i18n/glossary';
import type { ReplayData, ReplayFilter } from '../../../shared/replay';
import { SCORE_BANDS } from '../../../shared/replay-stats';
import { OUTCOME_RESULTS, TIERS } from '../../../shared/vocabulary';
import { decisionWord } from './labels';

interface FiltersPanelProps {
  replay: ReplayData;
  filter: ReplayFilter;
  shown: number;
  total: number;
  onChange: (patch: Partial<ReplayFilter>) => void;
  onClear: () => void;
}

const M = messageTable(
  defineMessages({
    heading: {
      id: 'reports.filters.heading',
      defaultMessage: 'Filters',
      description: 'Replay: filters panel heading',
    },
    showing: {
      id: 'reports.filters.showing',
      defaultMessage: 'Showing {shown} of {total} alerts.',
      description: 'Replay filters: how many alerts the filters let through',
    },
    officer: { id: 'reports.filters.officer', defaultMessage: 'Officer', description: 'Filter label' },
    anyOfficer: {
      id: 'reports.filters.any-officer',
      defaultMessage: 'Any officer',
      description: 'Filter choice: no filter',
    },
    decision: { id: 'reports.filters.decision', defaultMessage: 'Decision', description: 'Filter label' },
    anyDecision: {
      id: 'reports.filters.any-decision',
      defaultMessage: 'Any decision',
      description: 'Filter choice: no filter',
    },
    undecided: {
      id: 'reports.filters.undecided',
      defaultMessage: 'Undecided',
      description: 'Decision filter choice',
    },
    withdrawn: {
      id: 'reports.filters.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'Decision filter choice',
    },
    tier: { id: 'reports.filters.tier', defaultMessage: 'Tier', description: 'Filter label' },
    anyTier: {
      id: 'reports.filters.any-tier',
      defaultMessage: 'Any tier',
      description: 'Filter choice: no filter',
    },
    camera: { id: 'reports.filters.camera', defaultMessage: 'Camera', description: 'Filter label' },
    anyCamera: {
      id: 'reports.filters.any-camera',
      defaultMessage: 'Any camera',
      description: 'Filter choice: no filter',
    },
    result: {
      id: 'reports.filters.result',
      defaultMessage: 'Result',
      description: 'Filter label: the outcome result',
    },
    anyResult: {
      id: 'reports.filters.any-result',
      defaultMessage: 'Any result',
      description: 'Filter choice: no filter',
    },
    noOutcome: {
      id: 'reports.filters.no-outcome',
      defaultMessage: 'No outcome',
      description: 'Result filter choice',
    },
    band: { id: 'reports.filters.band', defaultMessage: 'Score band', description: 'Filter label' },
    anyScore: {
      id: 'reports.filters.any-score',
      defaultMessage: 'Any score',
      description: 'Filter choice: no filter',
    },
    ttd: {
      id: 'reports.filters.ttd',
      defaultMessage: 'Time to decision above (s)',
      description: 'Filter label: only alerts decided more slowly than this many seconds (s = seconds)',
    },
    ttdHint: {
      id: 'reports.filters.ttd-hint',
      defaultMessage: 'Only alerts decided more slowly than this.',
      description: 'Hint under the time to decision filter',
    },
    ttdInvalid: {
      id: 'reports.filters.ttd-invalid',
      defaultMessage: 'Give a number of seconds, 0 or more.',
      description: 'The time to decision filter holds something that is not a number of seconds',
    },
    clear: {
      id: 'reports.filters.clear',
      defaultMessage: 'Clear filters',
      description: 'Button: remove every filter',
    },
  }),
);

const say = (intl: IntlShape, d: MessageDescriptor) => intl.formatMessage(d);

function decisionChoices(intl: IntlShape): [NonNullable<ReplayFilter['decision']>, string][] {
  return [
    ['engage', decisionWord(intl, 'engage')],
    ['no-engage', decisionWord(intl, 'no-engage')],
    ['undecided', say(intl, M.undecided)],
    ['withdrawn', say(intl, M.withdrawn)],
  ];
}

function resultChoices(intl: IntlShape): [NonNullable<ReplayFilter['result']>, string][] {
  return [
    ...OUTCOME_RESULTS.map((r): [NonNullable<ReplayFilter['result']>, string] => [
      r,
      say(intl, OUTCOME_RESULT_MESSAGES[r]),
    ]),
    ['none', say(intl, M.noOutcome)],
  ];
}

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
  const intl = useIntl();
  const { officers, cameras } = useMemo(() => optionsOf(replay), [replay]);
  const [ttd, setTtd] = useState(
    filter.minTimeToDecisionMs !== undefined ? String(filter.minTimeToDecisionMs / 1000) : '',
  );
  const ttdValid = ttd.trim() === '' || (Number.isFinite(Number(ttd)) && Number(ttd) >= 0);
  const pick = <K extends keyof ReplayFilter>(key: K, value: string, parse: (v: string) => ReplayFilter[K]) =>
    onChange({ [key]: value === '' ? undefined : parse(value) });

  return (
    <section className="panel filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{say(intl, M.heading)}</h2>
      <p className="muted small" aria-live="polite">
        {intl.formatMessage(M.showing, { shown: String(shown), total: String(total) })}
      </p>
      <SelectFilter
        id="filter-officer"
        label={say(intl, M.officer)}
        any={say(intl, M.anyOfficer)}
        value={filter.officerId}
        options={officers.map(([id, name]) => [id, `${name} (${id})`])}
        onChange={(v) => pick('officerId', v, String)}
      />
      <SelectFilter
        id="filter-decision"
        label={say(intl, M.decision)}
        any={say(intl, M.anyDecision)}
        value={filter.decision}
        options={decisionChoices(intl)}
        onChange={(v) => pick('decision', v, (x) => x as ReplayFilter['decision'])}
      />
      <SelectFilter
        id="filter-tier"
        label={say(intl, M.tier)}
        any={say(intl, M.anyTier)}
        value={filter.tier}
        options={TIERS.map((t) => [t, say(intl, TIER_MESSAGES[t])])}
        onChange={(v) => pick('tier', v, (x) => x as Tier)}
      />
      <SelectFilter
        id="filter-camera"
        label={say(intl, M.camera)}
        any={say(intl, M.anyCamera)}
        value={filter.cameraId}
        options={cameras}
        onChange={(v) => pick('cameraId', v, String)}
      />
      <SelectFilter
        id="filter-result"
        label={say(intl, M.result)}
        any={say(intl, M.anyResult)}
        value={filter.result}
        options={resultChoices(intl)}
        onChange={(v) => pick('result', v, (x) => x as ReplayFilter['result'])}
      />
      <SelectFilter
        id="filter-band"
        label={say(intl, M.band)}
        any={say(intl, M.anyScore)}
        value={filter.scoreBand}
        options={SCORE_BANDS.map((band, i) => [String(i), band.label])}
        onChange={(v) => pick('scoreBand', v, Number)}
      />
      <div className="field">
        <label htmlFor="filter-ttd">{say(intl, M.ttd)}</label>
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
          {say(intl, ttdValid ? M.ttdHint : M.ttdInvalid)}
        </p>
      </div>
      <button
        type="button"
        onClick={() => {
          setTtd('');
          onClear();
        }}
      >
        {say(intl, M.clear)}
      </button>
    </section>
  );
}
