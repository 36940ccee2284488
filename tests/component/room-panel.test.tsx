/**
 * The supervisor's room (issue 22): the backlog alarm is in view with the tier, the oldest
 * wait and the target; its sound repeats every ten seconds until acknowledged; the button
 * acknowledges through the bridge; the room's details are in a disclosure; in Welsh too.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { ALARM_REPEAT_MS, RoomPanel } from '../../renderer/src/room/RoomPanel';
import { StationStoreProvider } from '../../renderer/src/state';
import { createStationStore } from '../../renderer/src/state/station-store';
import type { RoomView, StationSnapshot } from '../../shared/view';
import { fakeBridge, flush, iso, makeSnapshot } from './fixtures';

function roomOf(over: Partial<RoomView> = {}): RoomView {
  return {
    seats: [
      {
        stationId: 'station-1',
        label: 'Seat 1',
        operator: { id: 'SGT9', name: 'Sgt Hall' },
        role: 'supervisor',
        holding: [],
        waiting: 1,
        since: iso(-60_000),
        here: true,
      },
      {
        stationId: 'station-2',
        label: 'Seat 2',
        operator: { id: 'PC1', name: 'PC Morgan' },
        role: 'officer',
        holding: [{ alertId: '7d0f7d3e-1c1c-4c1c-8c1c-1c1c1c1c1c1c', tier: 'amber', heldForMs: 40_000 }],
        waiting: 1,
        since: iso(-60_000),
        here: false,
      },
    ],
    backlog: {
      red: { waiting: 1, oldestMs: 75_000, targetMs: 60_000 },
      amber: { waiting: 0, oldestMs: null, targetMs: 180_000 },
      green: { waiting: 2, oldestMs: 30_000, targetMs: 600_000 },
    },
    alarm: { tiers: ['red'], since: iso(-15_000), acknowledged: false },
    escalations: [],
    ...over,
  };
}

async function renderRoom(room: RoomView | null) {
  const snapshot: StationSnapshot = makeSnapshot({ room });
  snapshot.operator = { ...snapshot.operator!, role: 'supervisor' };
  const fake = fakeBridge(snapshot);
  const store = createStationStore(fake.bridge, { tickMs: 0 });
  const sound = vi.fn();
  render(
    <StationStoreProvider store={store}>
      <RoomPanel alarmSound={sound} />
    </StationStoreProvider>,
  );
  await act(async () => {
    store.getState().start();
    await Promise.resolve();
  });
  await flush();
  return { fake, sound, snapshot };
}

describe("the supervisor's room", () => {
  it('shows the backlog alarm with the tier, its oldest wait and target, and acknowledges it', async () => {
    const { fake } = await renderRoom(roomOf());
    const alarm = screen.getByRole('alert');
    expect(alarm).toHaveTextContent('Backlog over target: Red (oldest 75 s, target 60 s)');
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge backlog alarm' }));
    expect(fake.bridge.acknowledgeBacklog).toHaveBeenCalledWith({});
  });

  it('repeats the sound every ten seconds until acknowledged, then stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { fake, sound, snapshot } = await renderRoom(roomOf());
    expect(sound).toHaveBeenCalledTimes(1);
    await act(async () => {
      vi.advanceTimersByTime(ALARM_REPEAT_MS * 2);
    });
    expect(sound).toHaveBeenCalledTimes(3);
    await act(async () => {
      fake.push({
        ...snapshot,
        room: roomOf({ alarm: { tiers: ['red'], since: iso(-15_000), acknowledged: true } }),
      });
      await Promise.resolve();
    });
    await act(async () => {
      vi.advanceTimersByTime(ALARM_REPEAT_MS * 3);
    });
    expect(sound).toHaveBeenCalledTimes(3);
    expect(screen.getByRole('status')).toHaveTextContent('Acknowledged; still over target.');
    expect(screen.queryByRole('button', { name: 'Acknowledge backlog alarm' })).toBeNull();
  });

  it('lists the seats and the backlog by tier in a disclosure', async () => {
    await renderRoom(roomOf({ alarm: null }));
    expect(screen.queryByRole('alert')).toBeNull();
    const summary = screen.getByText('Control room: 2 seats, 3 alerts wait for a seat');
    await userEvent.click(summary);
    expect(screen.getByRole('table', { name: 'Seats' })).toHaveTextContent('PC Morgan (Officer)');
    expect(screen.getByRole('table', { name: 'Seats' })).toHaveTextContent('Amber alert, 40 s');
    expect(screen.getByRole('table', { name: 'Seats' })).toHaveTextContent('Seat 1 (this seat)');
    expect(screen.getByRole('table', { name: 'Waiting for a seat, by tier' })).toHaveTextContent(
      'Red175 s60 s',
    );
  });

  it('speaks Welsh when the officer chose Cymraeg', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    await renderRoom(roomOf());
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Ôl-groniad dros y targed: Coch (hynaf 75 eiliad, targed 60 eiliad)',
    );
    expect(screen.getByRole('button', { name: 'Cydnabod larwm yr ôl-groniad' })).toBeInTheDocument();
  });

  it('shows nothing without a room (an officer, or a deployment without claims)', async () => {
    await renderRoom(null);
    expect(screen.queryByRole('region', { name: 'Control room' })).toBeNull();
  });
});
