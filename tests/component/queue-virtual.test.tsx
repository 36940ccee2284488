/**
 * The queue's React work per alert is constant (issue 13): a new alert renders only its own row,
 * a clock tick renders only the time texts, and a long backlog mounts only the rows in view.
 * Row bodies are counted through score3 (called once per row render, keyed by each alert's own
 * score); time texts through ago (keyed by each alert's own capture time).
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FormatModule from '../../renderer/src/format';
import type * as TimeWordsModule from '../../renderer/src/components/time-words';
import type { StationAlert } from '../../shared/view';
import { GROUP_SHOWN } from '../../renderer/src/components/Queue';
import { iso, makeAlert, makeSnapshot, renderApp } from './fixtures';

const calls = vi.hoisted(() => ({ score: new Map<number, number>(), ago: new Map<string, number>() }));

vi.mock('../../renderer/src/format', async (importOriginal) => {
  const mod = await importOriginal<typeof FormatModule>();
  return {
    ...mod,
    score3: (score: number) => {
      calls.score.set(score, (calls.score.get(score) ?? 0) + 1);
      return mod.score3(score);
    },
  };
});

// The queue's "2 min ago" speaks through the messages (components/time-words.ts): count those.
vi.mock('../../renderer/src/components/time-words', async (importOriginal) => {
  const mod = await importOriginal<typeof TimeWordsModule>();
  return {
    ...mod,
    agoText: (intl: Parameters<typeof mod.agoText>[0], at: string, now: number) => {
      calls.ago.set(at, (calls.ago.get(at) ?? 0) + 1);
      return mod.agoText(intl, at, now);
    },
  };
});

const queue = () => screen.getByRole('list', { name: 'Alert queue' });
const mountedRows = () => queue().querySelectorAll('li[data-alert-id]').length;
const bodyRenders = (a: StationAlert) => calls.score.get(a.score) ?? 0;
const timeRenders = (a: StationAlert) => calls.ago.get(a.capturedAt) ?? 0;

/** n pending amber alerts, each with its own score and capture time, oldest first. */
function backlog(n: number): StationAlert[] {
  return Array.from({ length: n }, (_, i) =>
    makeAlert({
      tier: 'amber',
      camera: `Cam ${i}`,
      score: 0.5 + i / 100_000,
      capturedAt: iso(-3_600_000 + i * 1000),
    }),
  );
}

beforeEach(() => {
  calls.score.clear();
  calls.ago.clear();
});

describe('queue: constant work per alert', () => {
  it('an alert added re-renders its own row only, not the other rows', async () => {
    const alerts = backlog(10);
    const { fake } = await renderApp(makeSnapshot({ alerts }));
    const others = alerts.slice(1); // the first is open, and the alert view shows its score too
    const before = others.map(bodyRenders);
    expect(before.every((n) => n >= 1)).toBe(true);

    const added = makeAlert({
      tier: 'red',
      camera: 'Cam new',
      score: 0.999,
      receivedAt: iso(0),
      capturedAt: iso(-500),
    });
    fake.push(makeSnapshot({ alerts: [...alerts, added] }));
    expect(within(queue()).getAllByRole('button')[0]).toHaveTextContent('Cam new');
    expect(bodyRenders(added)).toBeGreaterThanOrEqual(1);
    expect(others.map(bodyRenders)).toEqual(before);
  });

  it('a clock tick re-renders the time texts of mounted rows, never the row bodies', async () => {
    const alerts = backlog(10);
    const { fake } = await renderApp(makeSnapshot({ alerts }));
    const bodies = alerts.map(bodyRenders);
    const times = alerts.map(timeRenders);
    for (let t = 1_000; t <= 5_000; t += 1_000) fake.clock(t);
    expect(alerts.map(bodyRenders)).toEqual(bodies);
    // The time texts did move (so the counter is live), five ticks each.
    expect(alerts.map(timeRenders)).toEqual(times.map((n, i) => (i === 0 ? n + 10 : n + 5)));
  });

  // The heaviest component test (3,000 alerts into one store, sixty steps; 55 s measured
  // under stress-ng --cpu 2 on the shared machine): its own limit.
  it(
    'with 3,000 waiting only a bounded number of rows is mounted, and j keeps the open one in view',
    { timeout: 180_000 },
    async () => {
      // jsdom has no scrolling: let the list's pane scroll as a browser would and say so.
      Object.defineProperty(Element.prototype, 'scrollTo', {
        configurable: true,
        value(this: Element, options?: ScrollToOptions) {
          if (options?.top !== undefined)
            Object.defineProperty(this, 'scrollTop', {
              configurable: true,
              writable: true,
              value: options.top,
            });
          this.dispatchEvent(new Event('scroll'));
        },
      });
      try {
        const alerts = backlog(3_000);
        await renderApp(makeSnapshot({ alerts }));
        expect(screen.getByRole('heading', { name: /Undecided alerts\s*3000/ })).toBeInTheDocument();
        expect(mountedRows()).toBeGreaterThan(5);
        expect(mountedRows()).toBeLessThan(40);
        expect(calls.score.size).toBeLessThan(40);

        // ... and give the pane the size a browser would: 800 px high, as tall inside as the list.
        const pane = queue().parentElement!;
        Object.defineProperty(pane, 'clientHeight', { configurable: true, get: () => 800 });
        Object.defineProperty(pane, 'scrollHeight', {
          configurable: true,
          get: () => queue().offsetHeight || parseInt(queue().style.height, 10),
        });
        // No pause between keys: sixty of them under load are otherwise most of the test's time.
        const user = userEvent.setup({ delay: null });
        for (let i = 0; i < 60; i++) await user.keyboard('j');
        const open = queue().querySelector('[aria-current="true"]');
        expect(open).toHaveTextContent('Cam 60');
        expect(mountedRows()).toBeLessThan(40);
      } finally {
        delete (Element.prototype as Partial<Element>).scrollTo;
      }
    },
  );

  it('a flood on one watchlist entry mounts a few of its alerts and the open one, all on request', async () => {
    const hits = Array.from({ length: 40 }, (_, i) =>
      makeAlert({
        tier: 'amber',
        camera: `Hit ${i}`,
        score: 0.6 + i / 100_000,
        capturedAt: iso(-3_600_000 + i * 1000),
        subject: { entryId: 'entry-flood', name: 'Jo Flood' },
      }),
    );
    await renderApp(makeSnapshot({ alerts: hits }));
    const group = screen.getByRole('list', { name: /40 hits on one watchlist entry: Jo Flood/ });
    expect(within(group).getAllByRole('button')).toHaveLength(GROUP_SHOWN);
    // Stepping past the shown ones still shows the open alert in its group.
    const user = userEvent.setup({ delay: null });
    for (let i = 0; i < GROUP_SHOWN + 2; i++) await user.keyboard('j');
    expect(within(group).getAllByRole('button')).toHaveLength(GROUP_SHOWN + 1);
    expect(queue().querySelector('[aria-current="true"]')).toHaveTextContent(`Hit ${GROUP_SHOWN + 2}`);
    await user.click(screen.getByRole('button', { name: `Show all 40 (${40 - GROUP_SHOWN - 1} more)` }));
    expect(within(group).getAllByRole('button')).toHaveLength(40);
    await user.click(screen.getByRole('button', { name: `Show the first ${GROUP_SHOWN} only` }));
    expect(within(group).getAllByRole('button')).toHaveLength(GROUP_SHOWN + 1);
  });
});

afterEach(() => vi.restoreAllMocks());
