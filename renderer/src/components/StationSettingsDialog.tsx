import { useState } from 'react';
import { refusedText } from '../../../shared/request-refusals';
import { SPACE } from './marks';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import { messageTable } from '../../../shared/message-table';
import type { RequestPayload, ResponseMap } from '../../../shared/contract';
import type { Tier } from '../../../shared/feed/schemas';
import { SETTING_RANGES, TIERS } from '../../../shared/vocabulary';
import type { StationSettings } from '../../../shared/view';
import { Dialog } from './Dialog';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';

interface StationSettingsDialogProps {
  settings: StationSettings;
  onSave: (p: RequestPayload<'updateSettings'>) => Promise<ResponseMap['updateSettings']>;
  onClose: () => void;
}

/** Each setting's range (shared/vocabulary.ts, the same the core checks) in the unit the form shows. */
const inUnits = (key: keyof typeof SETTING_RANGES, unitMs: number) => ({
  min: SETTING_RANGES[key].min / unitMs,
  max: SETTING_RANGES[key].max / unitMs,
});
const RANGE = {
  dwell: inUnits('dwellMs', 1000),
  escalate: inUnits('escalateAfterMs', 1000),
  breakAfter: inUnits('breakAfterMs', 60_000),
  backlog: inUnits('backlogTargetMs', 1000),
};

type BacklogText = Record<Tier, string>;

const M = messageTable(
  defineMessages({
    title: {
      id: 'components.settings.title',
      defaultMessage: 'Station settings',
      description: 'Dialog title',
    },
    notNumber: {
      id: 'components.settings.not-number',
      defaultMessage: '{label}: enter a number.',
      description: 'A setting is not a number; {label} is the setting’s short name',
    },
    range: {
      id: 'components.settings.range',
      defaultMessage: '{label}: between {min} and {max} {unit, select, minutes {minutes} other {seconds}}.',
      description: 'A setting is out of range; {label} is the setting’s short name',
    },
    dwellShort: {
      id: 'components.settings.dwell-short',
      defaultMessage: 'Minimum look time',
      description: 'Setting, short name',
    },
    escalateShort: {
      id: 'components.settings.escalate-short',
      defaultMessage: 'Escalate after',
      description: 'Setting, short name',
    },
    breakShort: {
      id: 'components.settings.break-short',
      defaultMessage: 'Prompt a break after',
      description: 'Setting, short name',
    },
    dwell: {
      id: 'components.settings.dwell',
      defaultMessage: 'Minimum look time before deciding (seconds)',
      description: 'Field label: how long both images must be on screen',
    },
    escalate: {
      id: 'components.settings.escalate',
      defaultMessage: 'Escalate an undecided alert after (seconds)',
      description: 'Field label',
    },
    breakAfter: {
      id: 'components.settings.break',
      defaultMessage: 'Prompt a break after continuous review of (minutes)',
      description: 'Field label',
    },
    twoPerson: {
      id: 'components.settings.two-person',
      defaultMessage: 'Two-person check: an engage needs a second officer on',
      description: 'Legend; the tiers follow as checkboxes',
    },
    tierAlerts: {
      id: 'components.settings.tier-alerts',
      defaultMessage: '{tier} alerts',
      description: 'Checkbox; {tier} is the tier name',
    },
    backlog: {
      id: 'components.settings.backlog',
      defaultMessage: 'Backlog alarm at the supervisor’s seat: the oldest waiting alert’s target wait',
      description: 'Legend (shared deployments with claims); one field per tier follows',
    },
    backlogTier: {
      id: 'components.settings.backlog-tier',
      defaultMessage: '{tier} backlog target (seconds)',
      description: 'Field label; {tier} is the tier name',
    },
    backlogShort: {
      id: 'components.settings.backlog-short',
      defaultMessage: '{tier} backlog target',
      description: 'Setting, short name; {tier} is the tier name',
    },
    save: { id: 'components.settings.save', defaultMessage: 'Save settings', description: 'Button' },
    cancel: { id: 'components.settings.cancel', defaultMessage: 'Cancel', description: 'Button' },
  }),
);

/** Whole numbers in range, or the reason they are not. */
function parse(
  intl: IntlShape,
  text: string,
  range: { min: number; max: number },
  unit: 'seconds' | 'minutes',
  label: string,
): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return intl.formatMessage(M.notNumber, { label });
  if (n < range.min || n > range.max)
    return intl.formatMessage(M.range, { label, min: range.min, max: range.max, unit });
  return n;
}

type FormSettings = Pick<
  StationSettings,
  'dwellMs' | 'escalateAfterMs' | 'breakAfterMs' | 'twoPersonTiers' | 'backlogTargetsMs'
>;

/** The form's values as settings in milliseconds, or the first reason they cannot be. */
function readSettings(
  intl: IntlShape,
  text: { dwell: string; escalate: string; breakAfter: string; backlog: BacklogText },
  tiers: readonly Tier[],
): FormSettings | string {
  const say = intl.formatMessage;
  const backlogOf = (t: Tier) =>
    parse(
      intl,
      text.backlog[t],
      RANGE.backlog,
      'seconds',
      say(M.backlogShort, { tier: say(TIER_MESSAGES[t]) }),
    );
  const values = [
    parse(intl, text.dwell, RANGE.dwell, 'seconds', say(M.dwellShort)),
    parse(intl, text.escalate, RANGE.escalate, 'seconds', say(M.escalateShort)),
    parse(intl, text.breakAfter, RANGE.breakAfter, 'minutes', say(M.breakShort)),
    ...TIERS.map(backlogOf),
  ];
  const bad = values.find((v): v is string => typeof v === 'string');
  if (bad !== undefined) return bad;
  // Every value is a number here (the first string was returned above), in the order given.
  const n = values.map((v) => (typeof v === 'number' ? v : 0));
  const at = (i: number) => n[i] ?? 0;
  return {
    dwellMs: Math.round(at(0) * 1000),
    escalateAfterMs: Math.round(at(1) * 1000),
    breakAfterMs: Math.round(at(2) * 60_000),
    twoPersonTiers: TIERS.filter((t) => tiers.includes(t)),
    backlogTargetsMs: {
      red: Math.round(at(3) * 1000),
      amber: Math.round(at(4) * 1000),
      green: Math.round(at(5) * 1000),
    },
  };
}

/** Only what changed, so the journal's settings-changed entry says what changed. */
function changedSettings(settings: StationSettings, next: FormSettings): RequestPayload<'updateSettings'> {
  const changes: RequestPayload<'updateSettings'> = {};
  if (next.dwellMs !== settings.dwellMs) changes.dwellMs = next.dwellMs;
  if (next.escalateAfterMs !== settings.escalateAfterMs) changes.escalateAfterMs = next.escalateAfterMs;
  if (next.breakAfterMs !== settings.breakAfterMs) changes.breakAfterMs = next.breakAfterMs;
  if (next.twoPersonTiers.join() !== TIERS.filter((t) => settings.twoPersonTiers.includes(t)).join())
    changes.twoPersonTiers = next.twoPersonTiers;
  if (TIERS.some((t) => next.backlogTargetsMs[t] !== settings.backlogTargetsMs[t]))
    changes.backlogTargetsMs = next.backlogTargetsMs;
  return changes;
}

/** How long the oldest alert of each tier may wait for a seat before the supervisor's seat alarms. */
function BacklogTargetFields({
  value,
  onChange,
}: {
  value: BacklogText;
  onChange: (v: BacklogText) => void;
}) {
  const say = useIntl().formatMessage;
  return (
    <fieldset>
      <legend>{say(M.backlog)}</legend>
      {TIERS.map((t) => (
        <TextField
          key={t}
          id={`setting-backlog-${t}`}
          label={say(M.backlogTier, { tier: say(TIER_MESSAGES[t]) })}
          type="number"
          min={RANGE.backlog.min}
          max={RANGE.backlog.max}
          step={1}
          value={value[t]}
          onChange={(text) => onChange({ ...value, [t]: text })}
        />
      ))}
    </fieldset>
  );
}

/**
 * A supervisor's station settings: how long an alert must be looked at, when an
 * undecided alert escalates, when a break is prompted, and which tiers need a second
 * officer to confirm an engage. Main checks the role again and journals each change.
 */
export function StationSettingsDialog({ settings, onSave, onClose }: StationSettingsDialogProps) {
  const [dwell, setDwell] = useState(String(settings.dwellMs / 1000));
  const [escalate, setEscalate] = useState(String(settings.escalateAfterMs / 1000));
  const [breakAfter, setBreakAfter] = useState(String(settings.breakAfterMs / 60_000));
  const [tiers, setTiers] = useState<Tier[]>(settings.twoPersonTiers);
  const [backlog, setBacklog] = useState<BacklogText>({
    red: String(settings.backlogTargetsMs.red / 1000),
    amber: String(settings.backlogTargetsMs.amber / 1000),
    green: String(settings.backlogTargetsMs.green / 1000),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const intl = useIntl();
  const say = intl.formatMessage;

  const save = async () => {
    const next = readSettings(intl, { dwell, escalate, breakAfter, backlog }, tiers);
    if (typeof next === 'string') {
      setError(next);
      return;
    }
    const changes = changedSettings(settings, next);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await onSave(changes);
      if (result.ok) onClose();
      else setError(refusedText(intl, result));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog titleId="settings-title" onClose={onClose} className="station-settings">
      <h2 id="settings-title">{say(M.title)}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          id="setting-dwell"
          label={say(M.dwell)}
          type="number"
          min={RANGE.dwell.min}
          max={RANGE.dwell.max}
          step={0.5}
          value={dwell}
          onChange={setDwell}
        />
        <TextField
          id="setting-escalate"
          label={say(M.escalate)}
          type="number"
          min={RANGE.escalate.min}
          max={RANGE.escalate.max}
          step={1}
          value={escalate}
          onChange={setEscalate}
        />
        <TextField
          id="setting-break"
          label={say(M.breakAfter)}
          type="number"
          min={RANGE.breakAfter.min}
          max={RANGE.breakAfter.max}
          step={1}
          value={breakAfter}
          onChange={setBreakAfter}
        />
        <fieldset>
          <legend>{say(M.twoPerson)}</legend>
          <div className="choices">
            {TIERS.map((t) => (
              <label key={t} className="choice">
                <input
                  type="checkbox"
                  checked={tiers.includes(t)}
                  onChange={(e) =>
                    setTiers((now) => (e.target.checked ? [...now, t] : now.filter((x) => x !== t)))
                  }
                />
                {SPACE}
                {say(M.tierAlerts, { tier: say(TIER_MESSAGES[t]) })}
              </label>
            ))}
          </div>
        </fieldset>
        <BacklogTargetFields value={backlog} onChange={setBacklog} />
        <ProblemList problems={error ? [error] : []} announce />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {say(M.save)}
          </button>
          <button type="button" onClick={onClose}>
            {say(M.cancel)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
