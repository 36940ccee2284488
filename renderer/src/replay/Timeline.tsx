import { messageTable } from '../../../shared/message-table';
import { memo, useMemo, type MouseEvent } from 'react';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import type { Tier } from '../../../shared/feed/schemas';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import type { ReplayAlert } from '../../../shared/replay';
import { placedReceivedMs } from '../../../shared/replay-placed';
import { decisionWord } from './labels';
import { whenIn } from './when';
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

const M = messageTable(
  defineMessages({
    undecided: {
      id: 'reports.timeline.undecided',
      defaultMessage: 'Undecided',
      description: 'Timeline key: shape of an undecided alert',
    },
    withdrawn: {
      id: 'reports.timeline.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'Timeline key: shape of a withdrawn alert',
    },
    summary: {
      id: 'reports.timeline.summary',
      defaultMessage:
        'Timeline of {count, plural, one {{n} alert} other {{n} alerts}} from {from} to {to}: red {red}, amber {amber}, green {green}.',
      description: 'The timeline picture in words (for screen readers): alerts per tier between two times',
    },
    key: {
      id: 'reports.timeline.key',
      defaultMessage: 'Key:',
      description: 'Before the timeline key (screen readers)',
    },
    rows: {
      id: 'reports.timeline.rows',
      defaultMessage: 'Rows by tier',
      description: 'Timeline key: the rows (accessible name)',
    },
    row: {
      id: 'reports.timeline.row',
      defaultMessage: '{tier} row ({count})',
      description: 'Timeline key: the row of a tier and how many alerts it holds',
    },
    shapes: {
      id: 'reports.timeline.shapes',
      defaultMessage: 'Shapes by decision',
      description: 'Timeline key: the mark shapes (accessible name)',
    },
    replayTime: {
      id: 'reports.timeline.replay-time',
      defaultMessage: 'Replay time',
      description: 'Timeline key: the playhead line',
    },
  }),
);

/** A decision class in words: the glossary's decisions, and the timeline's own two. */
function classWord(intl: IntlShape, kind: DecisionClass): string {
  if (kind === 'undecided' || kind === 'withdrawn') return intl.formatMessage(M[kind]);
  return decisionWord(intl, kind);
}

const tierWord = (intl: IntlShape, tier: Tier) => intl.formatMessage(TIER_MESSAGES[tier]);

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
  const intl = useIntl();
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
  const selectedX = selected ? scale.x(placedReceivedMs(selected)) : null;
  return (
    <div className="timeline">
      <svg
        className="timeline-svg"
        viewBox={`0 0 ${VIEW_W} ${VIEW_H}`}
        role="img"
        aria-labelledby="timeline-title"
        onClick={onClick}
      >
        <title id="timeline-title">{summary(intl, marks, from, to)}</title>
        <MarkLayers marks={marks} scale={scale} intl={intl} />
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

function summary(intl: IntlShape, marks: Marks, from: number, to: number): string {
  const { red, amber, green } = marks.counts;
  const when = whenIn(intl.locale);
  return intl.formatMessage(M.summary, {
    count: red + amber + green,
    n: String(red + amber + green),
    from: when.time(from),
    to: when.time(to),
    red: String(red),
    amber: String(amber),
    green: String(green),
  });
}

/** The marks and the axis change only with the replay and the filters, never with the playhead. */
const MarkLayers = memo(function MarkLayers({
  marks,
  scale,
  intl,
}: {
  marks: Marks;
  scale: Scale;
  intl: IntlShape;
}) {
  const when = whenIn(intl.locale);
  return (
    <g>
      {TIERS.map((tier) => (
        <g key={tier}>
          <line className="lane" x1={LEFT} x2={VIEW_W - 12} y1={LANE_Y[tier]} y2={LANE_Y[tier]} />
          <text className="lane-label" x={4} y={LANE_Y[tier] + 4}>
            {tierWord(intl, tier)}
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
            {step < 60_000 ? when.time(t) : when.shortTime(t)}
          </text>
        </g>
      ))}
    </g>
  );
});

function Legend({ counts }: { counts: Record<Tier, number> }) {
  const intl = useIntl();
  return (
    <div className="legend">
      <p className="visually-hidden">{intl.formatMessage(M.key)}</p>
      <ul aria-label={intl.formatMessage(M.rows)}>
        {TIERS.map((tier) => (
          <li key={tier}>
            <svg className="legend-swatch" viewBox="0 0 16 16" aria-hidden="true">
              <line className={`lane-sample lane-${tier}`} x1={0} x2={16} y1={8} y2={8} />
            </svg>
            {intl.formatMessage(M.row, { tier: tierWord(intl, tier), count: String(counts[tier]) })}
          </li>
        ))}
      </ul>
      <ul aria-label={intl.formatMessage(M.shapes)}>
        {CLASSES.map((kind) => (
          <li key={kind}>
            <svg className="legend-swatch" viewBox="0 0 16 16" aria-hidden="true">
              <path className={`mark mark-neutral mark-${kind}`} d={markPath(kind, 8, 8)} />
            </svg>
            {classWord(intl, kind)}
          </li>
        ))}
        <li>
          <svg className="legend-swatch" viewBox="0 0 16 16" aria-hidden="true">
            <line className="playhead" x1={8} x2={8} y1={0} y2={16} />
          </svg>
          {intl.formatMessage(M.replayTime)}
        </li>
      </ul>
    </div>
  );
}
