import { useState } from 'react';
import type { RequestPayload, ResponseMap } from '../../../shared/contract';
import type { Tier } from '../../../shared/feed/schemas';
import { SETTING_RANGES, TIERS } from '../../../shared/vocabulary';
import { TIER_WORD as TIER_WORDS } from '../tiers';
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
};

/** Whole numbers in range, or the reason they are not. */
function parse(text: string, min: number, max: number, unit: string, label: string): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return `${label}: enter a number.`;
  if (n < min || n > max) return `${label}: between ${min} and ${max} ${unit}.`;
  return n;
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const values = [
      parse(dwell, RANGE.dwell.min, RANGE.dwell.max, 'seconds', 'Minimum look time'),
      parse(escalate, RANGE.escalate.min, RANGE.escalate.max, 'seconds', 'Escalate after'),
      parse(breakAfter, RANGE.breakAfter.min, RANGE.breakAfter.max, 'minutes', 'Prompt a break after'),
    ];
    const bad = values.find((v): v is string => typeof v === 'string');
    if (bad !== undefined) {
      setError(bad);
      return;
    }
    const [d, e, b] = values as number[];
    const next = {
      dwellMs: Math.round(d! * 1000),
      escalateAfterMs: Math.round(e! * 1000),
      breakAfterMs: Math.round(b! * 60_000),
      twoPersonTiers: TIERS.filter((t) => tiers.includes(t)),
    };
    // Only what changed is sent, so the journal's settings-changed entry says what changed.
    const changes: RequestPayload<'updateSettings'> = {};
    if (next.dwellMs !== settings.dwellMs) changes.dwellMs = next.dwellMs;
    if (next.escalateAfterMs !== settings.escalateAfterMs) changes.escalateAfterMs = next.escalateAfterMs;
    if (next.breakAfterMs !== settings.breakAfterMs) changes.breakAfterMs = next.breakAfterMs;
    if (next.twoPersonTiers.join() !== TIERS.filter((t) => settings.twoPersonTiers.includes(t)).join())
      changes.twoPersonTiers = next.twoPersonTiers;
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await onSave(changes);
      if (result.ok) onClose();
      else setError(result.error);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog titleId="settings-title" onClose={onClose} className="station-settings">
      <h2 id="settings-title">Station settings</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          id="setting-dwell"
          label="Minimum look time before deciding (seconds)"
          type="number"
          min={RANGE.dwell.min}
          max={RANGE.dwell.max}
          step={0.5}
          value={dwell}
          onChange={setDwell}
        />
        <TextField
          id="setting-escalate"
          label="Escalate an undecided alert after (seconds)"
          type="number"
          min={RANGE.escalate.min}
          max={RANGE.escalate.max}
          step={1}
          value={escalate}
          onChange={setEscalate}
        />
        <TextField
          id="setting-break"
          label="Prompt a break after continuous review of (minutes)"
          type="number"
          min={RANGE.breakAfter.min}
          max={RANGE.breakAfter.max}
          step={1}
          value={breakAfter}
          onChange={setBreakAfter}
        />
        <fieldset>
          <legend>Two-person check: an engage needs a second officer on</legend>
          <div className="choices">
            {TIERS.map((t) => (
              <label key={t} className="choice">
                <input
                  type="checkbox"
                  checked={tiers.includes(t)}
                  onChange={(e) =>
                    setTiers((now) => (e.target.checked ? [...now, t] : now.filter((x) => x !== t)))
                  }
                />{' '}
                {TIER_WORDS[t]} alerts
              </label>
            ))}
          </div>
        </fieldset>
        <ProblemList problems={error ? [error] : []} announce />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Save settings
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
