import type { ReplayEvent } from '../../../shared/replay';
import { localDate, localTime } from '../format';
import { SPEEDS, type Speed } from './replay-store';

interface PlaybackControlsProps {
  from: number;
  to: number;
  time: number;
  playing: boolean;
  speed: Speed;
  /** The latest event at or before the playhead. */
  current: ReplayEvent | null;
  announcement: string;
  onTogglePlay: () => void;
  onSpeed: (speed: Speed) => void;
  onStep: (direction: 1 | -1) => void;
  onScrub: (time: number) => void;
}

const iso = (t: number) => new Date(t).toISOString();

export function PlaybackControls(props: PlaybackControlsProps) {
  const { from, to, time, playing, speed, current } = props;
  const seconds = Math.round((time - from) / 1000);
  const max = Math.max(1, Math.ceil((to - from) / 1000));
  return (
    <div className="playback" role="group" aria-label="Playback">
      <div className="playback-row">
        <button type="button" className="primary play" onClick={props.onTogglePlay} title="Shortcut: space">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => props.onStep(-1)} title="Shortcut: left arrow">
          <span aria-hidden="true">◀ </span>Previous event
        </button>
        <button type="button" onClick={() => props.onStep(1)} title="Shortcut: right arrow">
          Next event<span aria-hidden="true"> ▶</span>
        </button>
        <fieldset className="choices speed" role="radiogroup" aria-labelledby="speed-legend">
          <legend id="speed-legend">Speed</legend>
          {SPEEDS.map((s) => (
            <label className="choice" key={s}>
              <input
                type="radio"
                name="replay-speed"
                value={s}
                checked={speed === s}
                onChange={() => props.onSpeed(s)}
              />
              {s}x
            </label>
          ))}
        </fieldset>
        <p className="replay-clock">
          <span className="muted">Replay time </span>
          <time dateTime={iso(time)}>{localTime(iso(time))}</time>{' '}
          <span className="muted small">{localDate(iso(time))}</span>
        </p>
      </div>
      <div className="field scrub">
        <label htmlFor="replay-time">Replay time</label>
        <input
          id="replay-time"
          type="range"
          min={0}
          max={max}
          step={1}
          value={Math.min(max, Math.max(0, seconds))}
          aria-valuetext={`${localTime(iso(time))}, ${localDate(iso(time))}`}
          onChange={(e) => props.onScrub(from + Number(e.target.value) * 1000)}
        />
        <p className="muted small scrub-ends" aria-hidden="true">
          <span>{localTime(iso(from))}</span>
          <span>{localTime(iso(to))}</span>
        </p>
      </div>
      <p className="current-event">
        {current ? (
          <>
            <span className="muted">Last event </span>
            <time dateTime={current.at}>{localTime(current.at)}</time> ·{' '}
            {current.station && <span className="event-station">station {current.station} · </span>}
            {current.summary}
          </>
        ) : (
          <span className="muted">No event yet at this time.</span>
        )}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {props.announcement}
      </p>
      <p className="muted small">
        <kbd>Space</kbd> plays or pauses; <kbd>←</kbd> and <kbd>→</kbd> step between events.
      </p>
    </div>
  );
}
