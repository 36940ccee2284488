import { memo, useMemo, type MouseEvent } from 'react';
import type { Tier } from '../../../shared/feed/schemas';
import type { ReplayAlert } from '../../../shared/replay';
import { localShortTime, localTime } from '../format';
import { TIER_WORD } from '../tiers';
import type { DecisionClass } from './replay-index';
import {
  AXIS_Y,
  CLASSES,
  LANE_Y,
  LEFT,
  TIERS,
  VIEW_H,
  VIEW_W,
  buildMarks,
  laneAt,
  markPath,
  scaleOf,
  ticks,
  type Marks,
  type Scale,
} from './timeline-geometry';

export const CLASS_WORD: Record<DecisionClass, string> = {
  engage: 'Engage',
  'no-engage': 'No engage',
  undecided: 'Undecided',
  withdrawn: 'Withdrawn',
};

interface TimelineProps {
  from: number;
  to: number;
  time: number;
  alerts: ReplayAlert[];
  selected: ReplayAlert | null;
  onPick: (time: number, among?: ReplayAlert[], times?: Float64Array) => void;
}

/** Every alert a mark on a time axis: lane and colour by tier, shape by final decision. */
export function Timeline({ from, to, time, alerts, selected, onPick }: TimelineProps) {
  const scale = useMemo(() => scaleOf(from, to), [from, to]);
  const marks = useMemo(() => buildMarks(alerts, scale), [alerts, scale]);

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) return;
    const x = ((event.clientX - rect.left) / rect.width) * VIEW_W;
    const y = ((event.clientY - rect.top) / rect.height) * VIEW_H;
    const tier = laneAt(y);
    const t = scale.t(x);
    if (tier && marks.lanes[tier].alerts.length) onPick(t, marks.lanes[tier].alerts, marks.lanes[tier].times);
    else onPick(t);
  };

  const px = scale.x(time);
  const selectedX = selected ? scale.x(Date.parse(selected.receivedAt)) : null;
  return (
    <div className="timeline">
      <svg
        className="timeline-svg"
        viewBox={`0 0 ${VIEW_W} ${VIEW_H}`}
        role="img"
        aria-labelledby="timeline-title"
        onClick={onClick}
      >
        <title id="timeline-title">{summary(marks, from, to)}</title>
        <MarkLayers marks={marks} scale={scale} />
        {selected && selectedX !== null && (
          <circle className="selected-ring" cx={selectedX} cy={LANE_Y[selected.subject.tier]} r={9} />
        )}
        <line className="playhead" x1={px} x2={px} y1={4} y2={AXIS_Y} />
        <polygon
          className="playhead-head"
          points={`${px - 5},${AXIS_Y + 1} ${px + 5},${AXIS_Y + 1} ${px},${AXIS_Y - 6}`}
        />
      </svg>
      <Legend counts={marks.counts} />
    </div>
  );
}

function summary(marks: Marks, from: number, to: number): string {
  const n = marks.counts.red + marks.counts.amber + marks.counts.green;
  return `Timeline of ${n} alert${n === 1 ? '' : 's'} from ${localTime(new Date(from).toISOString())} to ${localTime(new Date(to).toISOString())}: red ${marks.counts.red}, amber ${marks.counts.amber}, green ${marks.counts.green}.`;
}

/** The marks and the axis change only with the replay and the filters, never with the playhead. */
const MarkLayers = memo(function MarkLayers({ marks, scale }: { marks: Marks; scale: Scale }) {
  return (
    <g>
      {TIERS.map((tier) => (
        <g key={tier}>
          <line className="lane" x1={LEFT} x2={VIEW_W - 12} y1={LANE_Y[tier]} y2={LANE_Y[tier]} />
          <text className="lane-label" x={4} y={LANE_Y[tier] + 4}>
            {TIER_WORD[tier]}
          </text>
        </g>
      ))}
      {marks.layers.map((layer) => (
        <path
          key={`${layer.tier}:${layer.kind}`}
          className={`mark mark-${layer.tier} mark-${layer.kind}`}
          d={layer.d}
        />
      ))}
      <line className="axis" x1={LEFT} x2={VIEW_W - 12} y1={AXIS_Y} y2={AXIS_Y} />
      {ticks(scale.from, scale.to).map(({ t, step }) => (
        <g key={t}>
          <line className="tick" x1={scale.x(t)} x2={scale.x(t)} y1={AXIS_Y} y2={AXIS_Y + 4} />
          <text className="tick-label" x={scale.x(t)} y={AXIS_Y + 18} textAnchor="middle">
            {step < 60_000 ? localTime(new Date(t).toISOString()) : localShortTime(new Date(t).toISOString())}
          </text>
        </g>
      ))}
    </g>
  );
});

function Legend({ counts }: { counts: Record<Tier, number> }) {
  return (
    <div className="legend">
      <p className="visually-hidden">Key:</p>
      <ul aria-label="Rows by tier">
        {TIERS.map((tier) => (
          <li key={tier}>
            <svg className="legend-swatch" viewBox="0 0 16 16" aria-hidden="true">
              <line className={`lane-sample lane-${tier}`} x1={0} x2={16} y1={8} y2={8} />
            </svg>
            {TIER_WORD[tier]} row ({counts[tier]})
          </li>
        ))}
      </ul>
      <ul aria-label="Shapes by decision">
        {CLASSES.map((kind) => (
          <li key={kind}>
            <svg className="legend-swatch" viewBox="0 0 16 16" aria-hidden="true">
              <path className={`mark mark-neutral mark-${kind}`} d={markPath(kind, 8, 8)} />
            </svg>
            {CLASS_WORD[kind]}
          </li>
        ))}
        <li>
          <svg className="legend-swatch" viewBox="0 0 16 16" aria-hidden="true">
            <line className="playhead" x1={8} x2={8} y1={0} y2={16} />
          </svg>
          Replay time
        </li>
      </ul>
    </div>
  );
}
