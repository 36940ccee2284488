import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTime } from '../../renderer/src/format';
import { iso } from './fixtures';
import { LANE_Y, ROW_OFFSETS, buildMarks, scaleOf } from '../../renderer/src/replay/timeline-geometry';
import {
  RATIONALE_1,
  RATIONALE_2,
  makeBigReplay,
  makeReplay,
  openFixtureReplay,
  scrubTo,
} from './replay-fixtures';

afterEach(() => vi.restoreAllMocks());

const slider = () => screen.getByRole('slider', { name: 'Replay time' });
const clock = () => document.querySelector('.replay-clock time')!;
const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next event' }));
const previous = () => fireEvent.click(screen.getByRole('button', { name: 'Previous event' }));
const alertList = () => screen.getByRole('list', { name: 'Alerts received by the replay time' });
const listed = () =>
  within(alertList())
    .queryAllByRole('button')
    .map((b) => b.textContent);
const decisionHeading = () => screen.queryByRole('heading', { name: /^Decision as recorded/ });

describe('replay timeline', () => {
  it('steps to the next and previous event, moving the time and selecting its alert', async () => {
    await openFixtureReplay();
    // A replay opens at its first alert, selected (issue 14), not at the empty start.
    expect(clock()).toHaveAttribute('dateTime', iso(60_000));
    expect(within(alertList()).getByRole('button', { current: true })).toHaveTextContent('Camera North');

    previous(); // 10 s: a sign-in, no alert
    expect(clock()).toHaveAttribute('dateTime', iso(10_000));
    expect(slider()).toHaveValue('10');
    expect(document.querySelector('.current-event')).toHaveTextContent('Alex Moss signed in as officer');

    next(); // 60 s: A received
    expect(clock()).toHaveAttribute('dateTime', iso(60_000));
    expect(within(alertList()).getByRole('button', { current: true })).toHaveTextContent('Camera North');
    expect(screen.getByRole('article')).toHaveTextContent('Camera North');
    expect(screen.getByText('Not decided at this time.')).toBeInTheDocument();
    expect(screen.getByText('Not yet shown to an officer')).toBeInTheDocument();

    next(); // 62 s: shown to Alex
    expect(screen.getByRole('list', { name: 'Shown to' })).toHaveTextContent(
      `Alex Moss (PC100) from ${localTime(iso(62_000))}`,
    );

    next(); // 90 s: A decided engage
    expect(clock()).toHaveAttribute('dateTime', iso(90_000));
    expect(decisionHeading()).toHaveTextContent('Decision as recorded: Engage, revision 1');
    expect(screen.getByText('28.0 s')).toBeInTheDocument();

    previous();
    expect(clock()).toHaveAttribute('dateTime', iso(62_000));
    expect(decisionHeading()).not.toBeInTheDocument();

    next();
    next(); // 120 s: B received, selected
    expect(clock()).toHaveAttribute('dateTime', iso(120_000));
    expect(within(alertList()).getByRole('button', { current: true })).toHaveTextContent('Camera South');
  });

  it('steps and plays from the keyboard when focus is not in a field', async () => {
    await openFixtureReplay();
    expect(clock()).toHaveAttribute('dateTime', iso(60_000));
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(clock()).toHaveAttribute('dateTime', iso(10_000));
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(clock()).toHaveAttribute('dateTime', iso(60_000));
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(clock()).toHaveAttribute('dateTime', iso(10_000));
    // Arrows in the slider move the slider, not the events.
    fireEvent.keyDown(slider(), { key: 'ArrowRight' });
    expect(clock()).toHaveAttribute('dateTime', iso(10_000));

    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('radio', { name: '60x' }));
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    act(() => frames.shift()!(1000));
    act(() => frames.shift()!(2000)); // one real second at 60x
    expect(clock()).toHaveAttribute('dateTime', iso(70_000));
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  it('hides an alert when scrubbing to before its receipt', async () => {
    await openFixtureReplay();
    scrubTo(130_000);
    expect(listed()).toHaveLength(2);
    fireEvent.click(within(alertList()).getByRole('button', { name: /Camera South/ }));
    expect(screen.getByRole('article')).toHaveTextContent('Camera South');

    scrubTo(100_000);
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    expect(screen.getByText('The selected alert had not arrived yet at this time.')).toBeInTheDocument();
    expect(listed()).toHaveLength(1);
    expect(listed()[0]).toContain('Camera North');

    scrubTo(0);
    expect(listed()).toHaveLength(0);
  });

  it('shows the decision as decided, its rationale and amendments up to the replay time only', async () => {
    await openFixtureReplay();
    scrubTo(250_000);
    fireEvent.click(within(alertList()).getByRole('button', { name: /Camera North/ }));
    expect(decisionHeading()).toHaveTextContent('Engage, revision 1');
    expect(screen.getByRole('radio', { name: 'Engage' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Engage' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Strong facial likeness' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Rationale' })).toHaveValue(RATIONALE_1);
    expect(screen.getByRole('textbox', { name: 'Rationale' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Record decision' })).not.toBeInTheDocument();
    const history = screen.getByRole('list', { name: 'Decision history' });
    expect(history).toHaveTextContent('Revision 1: Engage');
    expect(history).toHaveTextContent('Outcome 1: Confirmed false');
    expect(history).not.toHaveTextContent('Revision 2');
    expect(screen.queryByText(`“${RATIONALE_2}”`)).not.toBeInTheDocument();

    scrubTo(310_000);
    expect(decisionHeading()).toHaveTextContent('No engage, revision 2');
    expect(screen.getByRole('radio', { name: 'No engage' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Rationale' })).toHaveValue(RATIONALE_2);
    expect(screen.getByRole('list', { name: 'Decision history' })).toHaveTextContent('Revision 2: No engage');
    expect(screen.getByText(`“${RATIONALE_1}”`)).toBeInTheDocument();

    scrubTo(80_000);
    expect(decisionHeading()).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Decision history' })).not.toBeInTheDocument();
  });

  it('shows a placeholder for an image purged under retention', async () => {
    await openFixtureReplay();
    scrubTo(430_000);
    fireEvent.click(within(alertList()).getByRole('button', { name: /Green/ }));
    expect(screen.getByText('Image purged under retention: no longer held.')).toBeInTheDocument();
    expect(screen.getByAltText('Watchlist image')).toBeInTheDocument();
    expect(screen.queryByAltText('Probe image')).not.toBeInTheDocument();
  });

  it('selects the alert nearest a click on its row of the timeline', async () => {
    await openFixtureReplay();
    const svg = screen.getByRole('img', { name: /Timeline of 3 alerts/ });
    vi.spyOn(svg, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 1000, 124));
    // The red row, near 120 s (x = 64 + 120/600 × 924 ≈ 249).
    fireEvent.click(svg, { clientX: 260, clientY: 20 });
    expect(screen.getByRole('article')).toHaveTextContent('Camera South');
    // Selecting an alert ahead of the playhead moves time to its receipt.
    expect(clock()).toHaveAttribute('dateTime', iso(120_000));
  });

  it('filters the marks, the list, the statistics and the events stepped through', async () => {
    await openFixtureReplay();
    scrubTo(600_000);
    expect(document.querySelectorAll('.timeline-svg path.mark')).toHaveLength(3);
    fireEvent.change(screen.getByRole('combobox', { name: 'Tier' }), { target: { value: 'red' } });
    expect(screen.getByText('Showing 1 of 3 alerts.')).toBeInTheDocument();
    expect(document.querySelectorAll('.timeline-svg path.mark')).toHaveLength(1);
    expect(document.querySelector('.timeline-svg path.mark-red.mark-engage')).not.toBeNull();
    expect(screen.getByText('Red row (1)')).toBeInTheDocument();
    expect(listed()).toHaveLength(1);

    scrubTo(0);
    next(); // the sign-in at 10 s is not an alert's, so it still counts
    next(); // A's events are filtered out: straight to B's receipt
    expect(clock()).toHaveAttribute('dateTime', iso(120_000));

    fireEvent.change(screen.getByRole('combobox', { name: 'Tier' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Time to decision above (s)' }), {
      target: { value: '30' },
    });
    expect(screen.getByText('Showing 1 of 3 alerts.')).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: 'Officer' }), { target: { value: 'PC100' } });
    expect(screen.getByText('Showing 0 of 3 alerts.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByText('Showing 3 of 3 alerts.')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Camera' }), { target: { value: 'cam-n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Statistics' }));
    const totals = screen.getByRole('list', { name: 'Totals' });
    expect(within(totals).getByText('Alerts').previousSibling).toHaveTextContent('2');
    expect(within(totals).getByText('Engage').previousSibling).toHaveTextContent('0');
    expect(within(totals).getByText('No engage').previousSibling).toHaveTextContent('1');
    expect(screen.getByText('Showing 2 of 3 alerts.')).toBeInTheDocument();
  });

  it('draws 10,000 alerts as a dozen paths and lists only those nearest the playhead', async () => {
    await openFixtureReplay(makeBigReplay(10_000));
    const paths = document.querySelectorAll('.timeline-svg path.mark');
    expect(paths.length).toBeLessThanOrEqual(12);
    expect(screen.getByRole('img', { name: /Timeline of 10000 alerts/ })).toBeInTheDocument();
    scrubTo(30_000_000);
    expect(screen.getByText(/10000 of 10000 by .*; the latest 100 are listed\./)).toBeInTheDocument();
    expect(listed()).toHaveLength(100);
    scrubTo(150_000); // alerts 0..50 received
    expect(listed()).toHaveLength(51);
  });
});

describe('timeline marks', () => {
  it('stack alerts close in time in rows of their lane instead of drawing them on top of each other', () => {
    const template = makeReplay().alerts[0]!;
    const at = (ms: number, n: number) => ({
      ...template,
      alertId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      receivedAt: iso(ms),
      subject: { ...template.subject, tier: 'red' as const },
      status: 'pending' as const,
      decisions: [],
      withdrawnReason: null,
    });
    // Three alerts in the same second, then one well clear of them.
    const alerts = [at(1000, 1), at(1200, 2), at(1400, 3), at(600_000, 4)];
    const scale = scaleOf(Date.parse(iso(0)), Date.parse(iso(600_000)));
    const marks = buildMarks(alerts, scale);
    const ys = marks.layers.flatMap((l) =>
      [...l.d.matchAll(/M[\d.]+ ([\d.]+)v12/g)].map((m) => Number(m[1]) + 6),
    );
    expect(ys).toEqual([
      LANE_Y.red + ROW_OFFSETS[0],
      LANE_Y.red + ROW_OFFSETS[1],
      LANE_Y.red + ROW_OFFSETS[2],
      LANE_Y.red,
    ]);
    expect(new Set(ys.slice(0, 3)).size).toBe(3);
    expect(marks.lanes.red.alerts).toHaveLength(4);
  });
});
