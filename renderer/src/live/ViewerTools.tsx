/** Brightness and contrast for both faces in step, and the way they are compared. */
import { useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { bridgeKind } from '../bridge';
import { RadioGroup } from '../components/form/RadioGroup';
import { TONE_MAX, TONE_MIN, useStation } from '../state';
import type { CompareMode } from '../state/types';

const m = messageTable(
  defineMessages({
    sideBySide: {
      id: 'live.viewer.side-by-side',
      defaultMessage: 'Side by side',
      description: 'Compare mode: the two faces next to each other',
    },
    swipe: {
      id: 'live.viewer.swipe',
      defaultMessage: 'Swipe',
      description: 'Compare mode: one face over the other, split by a movable line',
    },
    overlay: {
      id: 'live.viewer.overlay',
      defaultMessage: 'Overlay',
      description: 'Compare mode: one face over the other, see-through',
    },
    compare: {
      id: 'live.viewer.compare',
      defaultMessage: 'Compare',
      description: 'Legend of the compare modes',
    },
    brightness: {
      id: 'live.viewer.brightness',
      defaultMessage: 'Brightness',
      description: 'Image tone control',
    },
    contrast: { id: 'live.viewer.contrast', defaultMessage: 'Contrast', description: 'Image tone control' },
    lessBrightness: {
      id: 'live.viewer.less-brightness',
      defaultMessage: 'Less brightness',
      description: 'Button (−), for screen readers',
    },
    moreBrightness: {
      id: 'live.viewer.more-brightness',
      defaultMessage: 'More brightness',
      description: 'Button (+), for screen readers',
    },
    lessContrast: {
      id: 'live.viewer.less-contrast',
      defaultMessage: 'Less contrast',
      description: 'Button (−), for screen readers',
    },
    moreContrast: {
      id: 'live.viewer.more-contrast',
      defaultMessage: 'More contrast',
      description: 'Button (+), for screen readers',
    },
    toneValue: {
      id: 'live.viewer.tone-value',
      defaultMessage: '{label} {value}%',
      description: 'A tone control and its level, e.g. "Brightness 110%"',
    },
    resetTone: { id: 'live.viewer.reset-tone', defaultMessage: 'Reset tone', description: 'Button' },
    swipePosition: {
      id: 'live.viewer.swipe-position',
      defaultMessage: 'Swipe position',
      description: 'Slider label: where the line between the faces is',
    },
    overlayOpacity: {
      id: 'live.viewer.overlay-opacity',
      defaultMessage: 'Overlay opacity',
      description: 'Slider label: how see-through the upper face is',
    },
    openWindow: {
      id: 'live.viewer.open-window',
      defaultMessage: 'Open images in a new window',
      description: 'Button: show the faces in a second window, for another monitor',
    },
  }),
);

const MODES: { value: CompareMode; label: keyof typeof m }[] = [
  { value: 'side-by-side', label: 'sideBySide' },
  { value: 'swipe', label: 'swipe' },
  { value: 'overlay', label: 'overlay' },
];

/** Signs, not words: the buttons' names for screen readers are the messages beside them. */
const MINUS = '−';
const PLUS = '+';

const STEP_MESSAGES = {
  brightness: { less: m.lessBrightness, more: m.moreBrightness },
  contrast: { less: m.lessContrast, more: m.moreContrast },
};

/** Electron only: the image pane in a second window, for another monitor (issue 14). */
function OpenImageWindow() {
  const openAlertId = useStation((s) => s.openAlertId);
  const openImageWindow = useStation((s) => s.openImageWindow);
  const [error, setError] = useState<string | null>(null);
  const intl = useIntl();
  const open = () => {
    setError(null);
    void openImageWindow(openAlertId).then(setError);
  };
  return (
    <>
      <button type="button" onClick={open}>
        {intl.formatMessage(m.openWindow)}
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
  const intl = useIntl();
  const tone = (which: 'brightness' | 'contrast', label: string, value: number) => (
    <span className="tone" role="group" aria-label={label}>
      <button type="button" onClick={() => stepTone(which, -1)} disabled={value <= TONE_MIN}>
        <span aria-hidden="true">{MINUS}</span>
        <span className="visually-hidden">{intl.formatMessage(STEP_MESSAGES[which].less)}</span>
      </button>
      <span className="tone-value">{intl.formatMessage(m.toneValue, { label, value })}</span>
      <button type="button" onClick={() => stepTone(which, 1)} disabled={value >= TONE_MAX}>
        <span aria-hidden="true">{PLUS}</span>
        <span className="visually-hidden">{intl.formatMessage(STEP_MESSAGES[which].more)}</span>
      </button>
    </span>
  );
  return (
    <>
      {tone('brightness', intl.formatMessage(m.brightness), brightness)}
      {tone('contrast', intl.formatMessage(m.contrast), contrast)}
      <button type="button" onClick={resetTone} disabled={brightness === 100 && contrast === 100}>
        {intl.formatMessage(m.resetTone)}
      </button>
      <RadioGroup
        name="compare"
        legend={intl.formatMessage(m.compare)}
        options={MODES.map((mode) => ({ value: mode.value, label: intl.formatMessage(m[mode.label]) }))}
        value={compare}
        onChange={(c) => setView({ compare: c })}
        className="compare-modes"
      />
      {compare !== 'side-by-side' && (
        <label className="mix">
          {intl.formatMessage(compare === 'swipe' ? m.swipePosition : m.overlayOpacity)}
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
