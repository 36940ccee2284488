/** Brightness and contrast for both faces in step, and the way they are compared. */
import { useState } from 'react';
import { bridgeKind } from '../bridge';
import { RadioGroup } from '../components/form/RadioGroup';
import { TONE_MAX, TONE_MIN, useStation } from '../state';
import type { CompareMode } from '../state/types';

const MODES: { value: CompareMode; label: string }[] = [
  { value: 'side-by-side', label: 'Side by side' },
  { value: 'swipe', label: 'Swipe' },
  { value: 'overlay', label: 'Overlay' },
];

/** Electron only: the image pane in a second window, for another monitor (issue 14). */
function OpenImageWindow() {
  const openAlertId = useStation((s) => s.openAlertId);
  const openImageWindow = useStation((s) => s.openImageWindow);
  const [error, setError] = useState<string | null>(null);
  const open = () => {
    setError(null);
    void openImageWindow(openAlertId).then(setError);
  };
  return (
    <>
      <button type="button" onClick={open}>
        Open images in a new window
      </button>
      {error && <span role="alert">{error}</span>}
    </>
  );
}

export function ViewerTools({ inImageWindow = false }: { inImageWindow?: boolean }) {
  const brightness = useStation((s) => s.view.brightness);
  const contrast = useStation((s) => s.view.contrast);
  const compare = useStation((s) => s.view.compare);
  const mix = useStation((s) => s.view.mix);
  const stepTone = useStation((s) => s.stepTone);
  const resetTone = useStation((s) => s.resetTone);
  const setView = useStation((s) => s.setView);
  const tone = (which: 'brightness' | 'contrast', label: string, value: number) => (
    <span className="tone" role="group" aria-label={label}>
      <button type="button" onClick={() => stepTone(which, -1)} disabled={value <= TONE_MIN}>
        <span aria-hidden="true">−</span>
        <span className="visually-hidden">Less {which}</span>
      </button>
      <span className="tone-value">
        {label} {value}%
      </span>
      <button type="button" onClick={() => stepTone(which, 1)} disabled={value >= TONE_MAX}>
        <span aria-hidden="true">+</span>
        <span className="visually-hidden">More {which}</span>
      </button>
    </span>
  );
  return (
    <>
      {tone('brightness', 'Brightness', brightness)}
      {tone('contrast', 'Contrast', contrast)}
      <button type="button" onClick={resetTone} disabled={brightness === 100 && contrast === 100}>
        Reset tone
      </button>
      <RadioGroup
        name="compare"
        legend="Compare"
        options={MODES}
        value={compare}
        onChange={(c) => setView({ compare: c })}
        className="compare-modes"
      />
      {compare !== 'side-by-side' && (
        <label className="mix">
          {compare === 'swipe' ? 'Swipe position' : 'Overlay opacity'}
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={mix}
            onChange={(e) => setView({ mix: Number(e.target.value) })}
          />
        </label>
      )}
      {!inImageWindow && bridgeKind() === 'electron' && <OpenImageWindow />}
    </>
  );
}
