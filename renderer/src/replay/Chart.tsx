/**
 * A bar chart drawn by Chart.js on a canvas, with its numbers also in words and in a
 * table, because a canvas says nothing to a screen reader. Where there is no canvas
 * (jsdom, a locked-down renderer) the table is shown instead of the picture.
 */
import { useEffect, useRef, useState } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

ChartJs.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The theme's colours (styles.css), for a canvas that cannot read CSS variables by name. */
export const CHART_COLOURS = {
  red: '#ff8a80',
  amber: '#ffc46b',
  green: '#8fdc9a',
  accent: '#8cc4ff',
  muted: '#c3cad2',
  grey: '#8a939e',
  grid: '#3a414a',
} as const;

interface ChartSeries {
  label: string;
  data: number[];
  colour: string;
}

interface ChartProps {
  id: string;
  title: string;
  /** One or two sentences that carry the chart's message with its numbers. */
  summary: string;
  labels: string[];
  series: ChartSeries[];
  stacked?: boolean;
  horizontal?: boolean;
  /** Header of the table's first column (what the labels are). */
  labelHeader: string;
}

export function Chart({ id, title, summary, labels, series, stacked, horizontal, labelHeader }: ChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(true);
  const spec = JSON.stringify({ labels, series, stacked, horizontal });

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d') ?? null;
    if (!canvas || !context) {
      setDrawn(false);
      return;
    }
    const { labels: l, series: s } = JSON.parse(spec) as { labels: string[]; series: ChartSeries[] };
    const axis = { color: CHART_COLOURS.muted };
    const chart = new ChartJs(context, {
      type: 'bar',
      data: {
        labels: l,
        datasets: s.map((x) => ({
          label: x.label,
          data: x.data,
          backgroundColor: x.colour,
          borderColor: x.colour,
          borderWidth: 1,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: {
          legend: { display: s.length > 1, labels: { color: CHART_COLOURS.muted } },
          tooltip: { enabled: true },
        },
        scales: {
          x: { stacked: Boolean(stacked), ticks: axis, grid: { color: CHART_COLOURS.grid } },
          y: {
            stacked: Boolean(stacked),
            beginAtZero: true,
            ticks: { ...axis, precision: 0 },
            grid: { color: CHART_COLOURS.grid },
          },
        },
      },
    });
    setDrawn(true);
    return () => chart.destroy();
  }, [spec, stacked, horizontal]);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <p className="chart-summary">{summary}</p>
      <div className="chart-box" hidden={!drawn}>
        <canvas ref={canvasRef} aria-hidden="true" />
      </div>
      <table className={drawn ? 'visually-hidden' : 'data-table'}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={`${label}:${i}`}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.label}>{s.data[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
