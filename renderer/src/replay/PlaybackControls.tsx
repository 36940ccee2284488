import { messageTable } from '../../../shared/message-table';
import { replayLineText } from '../../../shared/replay-lines';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { ReplayEvent } from '../../../shared/replay';
import { SPEEDS, type Speed } from './replay-store';
import { useWhen } from './when';

const M = messageTable(
  defineMessages({
    group: {
      id: 'reports.playback.group',
      defaultMessage: 'Playback',
      description: 'Replay playback controls (group name)',
    },
    play: { id: 'reports.playback.play', defaultMessage: 'Play', description: 'Button: play the replay' },
    pause: { id: 'reports.playback.pause', defaultMessage: 'Pause', description: 'Button: pause the replay' },
    spaceShortcut: {
      id: 'reports.playback.space-shortcut',
      defaultMessage: 'Shortcut: space',
      description: 'Tooltip: the keyboard shortcut is the space bar',
    },
    leftShortcut: {
      id: 'reports.playback.left-shortcut',
      defaultMessage: 'Shortcut: left arrow',
      description: 'Tooltip: the keyboard shortcut is the left arrow key',
    },
    rightShortcut: {
      id: 'reports.playback.right-shortcut',
      defaultMessage: 'Shortcut: right arrow',
      description: 'Tooltip: the keyboard shortcut is the right arrow key',
    },
    previous: {
      id: 'reports.playback.previous',
      defaultMessage: 'Previous event',
      description: 'Button: step back',
    },
    next: { id: 'reports.playback.next', defaultMessage: 'Next event', description: 'Button: step forward' },
    speed: { id: 'reports.playback.speed', defaultMessage: 'Speed', description: 'Playback speed choices' },
    speedChoice: {
      id: 'reports.playback.speed-choice',
      defaultMessage: '{speed}x',
      description: 'A playback speed, e.g. "4x" (four times real time)',
    },
    replayTime: {
      id: 'reports.playback.replay-time',
      defaultMessage: 'Replay time',
      description: 'The time the replay has reached (label of the clock and of the slider)',
    },
    lastEvent: {
      id: 'reports.playback.last-event',
      defaultMessage: 'Last event',
      description: 'Before the time and summary of the latest event at the replay time',
    },
    station: {
      id: 'reports.playback.station',
      defaultMessage: 'station {station}',
      description: 'The station an event came from (archive replay)',
    },
    valueText: {
      id: 'reports.playback.value-text',
      defaultMessage: '{time}, {date}',
      description: 'The replay time slider read aloud: the time, then the date',
    },
    noEvent: {
      id: 'reports.playback.no-event',
      defaultMessage: 'No event yet at this time.',
      description: 'No event before the replay time',
    },
  }),
);

/** Between phrases (variables: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';
const DOT = ' · ';
const BACK = '◀ ';
const FORWARD = ' ▶';

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
  const intl = useIntl();
  const when = useWhen();
  return (
    <div className="playback" role="group" aria-label={intl.formatMessage(M.group)}>
      <div className="playback-row">
        <button
          type="button"
          className="primary play"
          onClick={props.onTogglePlay}
          title={intl.formatMessage(M.spaceShortcut)}
        >
          {intl.formatMessage(playing ? M.pause : M.play)}
        </button>
        <button type="button" onClick={() => props.onStep(-1)} title={intl.formatMessage(M.leftShortcut)}>
          <span aria-hidden="true">{BACK}</span>
          {intl.formatMessage(M.previous)}
        </button>
        <button type="button" onClick={() => props.onStep(1)} title={intl.formatMessage(M.rightShortcut)}>
          {intl.formatMessage(M.next)}
          <span aria-hidden="true">{FORWARD}</span>
        </button>
        <fieldset className="choices speed" role="radiogroup" aria-labelledby="speed-legend">
          <legend id="speed-legend">{intl.formatMessage(M.speed)}</legend>
          {SPEEDS.map((s) => (
            <label className="choice" key={s}>
              <input
                type="radio"
                name="replay-speed"
                value={s}
                checked={speed === s}
                onChange={() => props.onSpeed(s)}
              />
              {intl.formatMessage(M.speedChoice, { speed: String(s) })}
            </label>
          ))}
        </fieldset>
        <p className="replay-clock">
          <span className="muted">
            {intl.formatMessage(M.replayTime)}
            {SPACE}
          </span>
          <time dateTime={iso(time)}>{when.time(time)}</time>
          {SPACE}
          <span className="muted small">{when.date(time)}</span>
        </p>
      </div>
      <div className="field scrub">
        <label htmlFor="replay-time">{intl.formatMessage(M.replayTime)}</label>
        <input
          id="replay-time"
          type="range"
          min={0}
          max={max}
          step={1}
          value={Math.min(max, Math.max(0, seconds))}
          aria-valuetext={intl.formatMessage(M.valueText, { time: when.time(time), date: when.date(time) })}
          onChange={(e) => props.onScrub(from + Number(e.target.value) * 1000)}
        />
        <p className="muted small scrub-ends" aria-hidden="true">
          <span>{when.time(from)}</span>
          <span>{when.time(to)}</span>
        </p>
      </div>
      <p className="current-event">
        {current ? (
          <>
            <span className="muted">
              {intl.formatMessage(M.lastEvent)}
              {SPACE}
            </span>
            <time dateTime={current.at}>{when.time(current.at)}</time>
            {DOT}
            {current.station && (
              <span className="event-station">
                {intl.formatMessage(M.station, { station: current.station })}
                {DOT}
              </span>
            )}
            {current.line ? replayLineText(intl, current.line) : current.summary}
          </>
        ) : (
          <span className="muted">{intl.formatMessage(M.noEvent)}</span>
        )}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {props.announcement}
      </p>
      <p className="muted small">
        <FormattedMessage
          id="reports.playback.keys"
          defaultMessage="<kbd>Space</kbd> plays or pauses; <kbd>←</kbd> and <kbd>→</kbd> step between events."
          description="The replay's keyboard shortcuts; keep the <kbd> tags around the key names"
          values={{ kbd: (chunks) => <kbd>{chunks}</kbd> }}
        />
      </p>
    </div>
  );
}
