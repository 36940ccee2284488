/**
 * Issue 14: bursts (counts per tier, a tier filter, repeat hits grouped), alarms over the
 * image pane until resolved, and brightness/contrast in step with swipe and overlay.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StationSnapshot } from '../../shared/view';
import { iso, makeAlert, makeSnapshot, renderApp } from './fixtures';

const queueButtons = () => within(screen.getByRole('list', { name: 'Alert queue' })).getAllByRole('button');

describe('bursts', () => {
  it('counts per tier, filters by tier, and groups repeat hits on one watchlist entry', async () => {
    const user = userEvent.setup();
    const alerts = [
      makeAlert({
        tier: 'red',
        camera: 'R1',
        capturedAt: iso(-5000),
        subject: { entryId: 'e-1', name: 'Jo Bloggs' },
      }),
      makeAlert({ tier: 'red', camera: 'R2', capturedAt: iso(-4000), subject: { entryId: 'e-2' } }),
      makeAlert({
        tier: 'red',
        camera: 'R3',
        capturedAt: iso(-3000),
        subject: { entryId: 'e-1', name: 'Jo Bloggs' },
      }),
      makeAlert({ tier: 'amber', camera: 'A1', capturedAt: iso(-2000), subject: { entryId: 'e-3' } }),
      makeAlert({ tier: 'green', camera: 'G1', capturedAt: iso(-1000), subject: { entryId: 'e-4' } }),
    ];
    await renderApp(makeSnapshot({ alerts }));
    const filter = screen.getByRole('radiogroup', { name: 'Show tier' });
    expect(within(filter).getByRole('radio', { name: 'All 5' })).toBeChecked();
    expect(within(filter).getByRole('radio', { name: /Red 3/ })).toBeInTheDocument();
    expect(within(filter).getByRole('radio', { name: /Amber 1/ })).toBeInTheDocument();
    expect(within(filter).getByRole('radio', { name: /Green 1/ })).toBeInTheDocument();

    // Repeat hits side by side under one heading, each still its own alert.
    const labels = () => queueButtons().map((b) => b.querySelector('.camera')?.textContent);
    expect(labels()).toEqual(['R1', 'R3', 'R2', 'A1', 'G1']);
    const group = screen.getByRole('list', { name: /2 hits on one watchlist entry: Jo Bloggs/ });
    expect(within(group).getAllByRole('button')).toHaveLength(2);
    // j steps in the order shown.
    await user.keyboard('j');
    expect(screen.getByRole('button', { name: /R3/, current: true })).toBeInTheDocument();

    await user.click(within(filter).getByRole('radio', { name: /Amber 1/ }));
    expect(labels()).toEqual(['A1']);
    await user.click(within(filter).getByRole('radio', { name: /Green 1/ }));
    expect(labels()).toEqual(['G1']);
    await user.click(within(filter).getByRole('radio', { name: 'All 5' }));
    expect(labels()).toHaveLength(5);
  });
});

describe('alarms over the image pane', () => {
  it('shows feed loss with since-when until it is back, and keeps a log of drops', async () => {
    const alerts = [makeAlert()];
    const { fake } = await renderApp(makeSnapshot({ alerts }));
    expect(screen.queryByText(/Feed lost since/)).not.toBeInTheDocument();
    const lost = (message: string): StationSnapshot =>
      makeSnapshot({
        alerts,
        feed: { ...makeSnapshot().feed, state: 'reconnecting', message, nextRetryAt: iso(64_000) },
      });
    fake.clock(60_000);
    fake.push(lost('transport close'));
    fake.clock(90_000);
    const banner = screen.getByText(/Feed lost since/).closest('section')!;
    expect(banner).toHaveTextContent('(30 s)');
    expect(banner).toHaveTextContent('transport close');
    expect(within(banner).getByRole('alert')).toBeInTheDocument();
    fake.push(makeSnapshot({ alerts }));
    expect(screen.queryByText(/Feed lost since/)).not.toBeInTheDocument();
    fake.push(lost('ping timeout'));
    const log = screen.getByText('Log of drops this session (2)').closest('details')!;
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
    expect(log).toHaveTextContent('ping timeout');
  });

  it('shows refused alerts until seen, storage failing until it clears, and muted sound while muted', async () => {
    const user = userEvent.setup();
    const alerts = [makeAlert()];
    const reliability = (
      refusedTotal: number,
      storage: NonNullable<StationSnapshot['reliability']>['storage'],
    ) => ({
      keyProtection: null,
      refusals: refusedTotal
        ? [
            {
              at: iso(1000),
              alertId: null,
              seq: 9,
              code: 'outside-window',
              reason: 'captured outside the window',
            },
          ]
        : [],
      refusedTotal,
      storage,
      clock: { doubt: null },
    });
    const { fake } = await renderApp(makeSnapshot({ alerts, reliability: reliability(0, { ok: true }) }));
    fake.push(
      makeSnapshot({ alerts, reliability: reliability(2, { ok: false, cause: 'disk full', since: iso(0) }) }),
    );
    expect(screen.getByText('2 alerts refused by this station')).toBeInTheDocument();
    expect(screen.getByText(/captured outside the window/)).toBeInTheDocument();
    expect(screen.getByText(/Storage failing since/).closest('p')).toHaveTextContent('disk full');
    await user.click(screen.getByRole('button', { name: 'Seen' }));
    expect(screen.queryByText(/refused by this station/)).not.toBeInTheDocument();
    fake.push(makeSnapshot({ alerts, reliability: reliability(3, { ok: true }) }));
    expect(screen.getByText('1 alert refused by this station')).toBeInTheDocument();
    expect(screen.queryByText(/Storage failing/)).not.toBeInTheDocument();

    expect(screen.queryByText('Sound muted')).not.toBeInTheDocument();
    await user.keyboard('m');
    expect(screen.getByText('Sound muted')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unmute' }));
    expect(screen.queryByText('Sound muted')).not.toBeInTheDocument();
  });
});

describe('comparing faces', () => {
  it('applies brightness and contrast to both faces in step, resets, and swipes or overlays', async () => {
    const user = userEvent.setup();
    await renderApp(makeSnapshot({ alerts: [makeAlert()] }));
    await user.click(screen.getByText('Tone and compare'));
    const probe = () => screen.getByAltText('Probe image');
    const reference = () => screen.getByAltText('Watchlist image');
    await user.click(screen.getByRole('button', { name: 'More brightness' }));
    await user.click(screen.getByRole('button', { name: 'More contrast' }));
    await user.click(screen.getByRole('button', { name: 'More contrast' }));
    expect(probe().style.filter).toBe('brightness(110%) contrast(120%)');
    expect(reference().style.filter).toBe(probe().style.filter);
    await user.click(screen.getByRole('button', { name: 'Reset tone' }));
    expect(probe().style.filter).toBe('');

    await user.click(screen.getByRole('radio', { name: 'Swipe' }));
    expect(probe().closest('.face-frame')).toBe(reference().closest('.face-frame'));
    expect(reference().style.clipPath).toBe('inset(0 0 0 50%)');
    fireEvent.change(screen.getByRole('slider', { name: 'Swipe position' }), { target: { value: '70' } });
    expect(reference().style.clipPath).toBe('inset(0 0 0 70%)');
    await user.click(screen.getByRole('radio', { name: 'Overlay' }));
    expect(reference().style.opacity).toBe('0.7');
    await user.click(screen.getByRole('radio', { name: 'Side by side' }));
    expect(probe().closest('.face-frame')).not.toBe(reference().closest('.face-frame'));
  });
});
