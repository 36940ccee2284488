import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../shared/decision-rules';
import {
  VALID_RATIONALE,
  iso,
  loadImages,
  makeAlert,
  makeDecision,
  makeSnapshot,
  nextFrame,
  renderApp,
} from './fixtures';

const recordButton = () => screen.getByRole('button', { name: 'Record decision' });

/** An alert main already recorded as shown at T0, with the clock past the dwell. */
async function readyAlert(
  extra: Parameters<typeof makeAlert>[0] = {},
  snapshot: Parameters<typeof makeSnapshot>[0] = {},
) {
  const alert = makeAlert({
    shownAt: new Date(Date.parse('2025-06-01T10:00:00.000Z')).toISOString(),
    ...extra,
  });
  const app = await renderApp(makeSnapshot({ alerts: [alert], ...snapshot }));
  loadImages('Probe image', 'Watchlist image');
  app.fake.clock(5_000);
  return { ...app, alert };
}

describe('DecisionForm rules', () => {
  it('stays disabled until decision, a reason and 20 characters of rationale are given', async () => {
    const user = userEvent.setup();
    await readyAlert();
    expect(recordButton()).toBeDisabled();
    expect(screen.getByText('Choose Engage or No engage.')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    expect(recordButton()).toBeDisabled();
    const reasons = screen.getByRole('group', { name: 'Reasons' });
    await user.click(within(reasons).getByRole('checkbox', { name: REASON_CODES[2]!.label }));
    expect(recordButton()).toBeDisabled();

    const rationale = screen.getByRole('textbox', { name: 'Rationale' });
    await user.type(rationale, 'Too short');
    expect(screen.getByText('9 / 20 characters minimum')).toBeInTheDocument();
    expect(recordButton()).toBeDisabled();
    expect(recordButton()).toHaveAccessibleDescription(/at least 20 characters/);

    await user.type(rationale, ' but now it is long enough');
    expect(recordButton()).toBeEnabled();
  });

  it('groups reasons into subject, system and environment factors', async () => {
    await readyAlert();
    const reasons = screen.getByRole('group', { name: 'Reasons' });
    for (const name of ['Subject factors', 'System factors', 'Environment factors'])
      expect(within(reasons).getByRole('group', { name })).toBeInTheDocument();
    expect(within(reasons).getAllByRole('checkbox')).toHaveLength(REASON_CODES.length);
    expect(screen.getByRole('radiogroup', { name: 'Decision' })).toBeInTheDocument();
  });

  it('stays disabled until both images have rendered, then tells main once', async () => {
    const user = userEvent.setup();
    const alert = makeAlert();
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    await user.click(screen.getByRole('radio', { name: 'Engage' }));
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[0]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);
    fake.clock(10_000);
    expect(recordButton()).toBeDisabled();
    expect(screen.getByText('Both images must be on screen first.')).toBeInTheDocument();

    loadImages('Probe image');
    expect(recordButton()).toBeDisabled();
    expect(fake.bridge.alertShown).not.toHaveBeenCalled();

    loadImages('Watchlist image');
    expect(fake.bridge.alertShown).toHaveBeenCalledTimes(1);
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: alert.alertId });
    // main answered shownAt = T0 and the clock reads T0 + 10 s: the dwell is over.
    await screen.findByRole('button', { name: 'Record decision' });
    expect(recordButton()).toBeEnabled();
    loadImages('Probe image', 'Watchlist image');
    expect(fake.bridge.alertShown).toHaveBeenCalledTimes(1);
  });

  it('stays disabled during the dwell after the images are shown', async () => {
    const user = userEvent.setup();
    const alert = makeAlert();
    const { fake } = await renderApp(
      makeSnapshot({ alerts: [alert], settings: { ...makeSnapshot().settings, dwellMs: 3000 } }),
    );
    loadImages('Probe image', 'Watchlist image'); // main answers shownAt = T0
    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[2]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);

    fake.clock(1_000);
    expect(recordButton()).toBeDisabled();
    expect(screen.getByText('Look at the images for 2 s more.')).toBeInTheDocument();
    fake.clock(2_900);
    expect(recordButton()).toBeDisabled();
    fake.clock(3_000);
    expect(recordButton()).toBeEnabled();
  });

  it('measures the look time on the station’s monotonic clock: a wall clock stepped back 1 h or forward 40 days changes nothing', async () => {
    const HOUR = 3_600_000;
    for (const step of [-HOUR, 40 * 24 * HOUR]) {
      const user = userEvent.setup();
      const alert = makeAlert();
      const { fake, unmount } = await renderApp(
        makeSnapshot({ alerts: [alert], settings: { ...makeSnapshot().settings, dwellMs: 3000 } }),
      );
      loadImages('Probe image', 'Watchlist image'); // main answers shownAt = T0
      await user.click(screen.getByRole('radio', { name: 'No engage' }));
      await user.click(screen.getByRole('checkbox', { name: REASON_CODES[2]!.label }));
      await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);

      // One second on, the station's wall clock steps; its monotonic clock does not.
      fake.clockAt(step + 1_000, 1_000);
      expect(recordButton(), String(step)).toBeDisabled();
      expect(screen.getByText('Look at the images for 2 s more.')).toBeInTheDocument();
      fake.clockAt(step + 2_900, 2_900);
      expect(recordButton(), String(step)).toBeDisabled();
      fake.clockAt(step + 3_000, 3_000);
      expect(recordButton(), String(step)).toBeEnabled();
      unmount();
    }
  });

  it('counts the look time on from the station’s own count, not from a wall-clock difference', async () => {
    const user = userEvent.setup();
    const alert = makeAlert();
    const { fake } = await renderApp(
      makeSnapshot({ alerts: [alert], settings: { ...makeSnapshot().settings, dwellMs: 3000 } }),
    );
    // The station's wall clock says the faces were shown 10 s ago (it stepped), but its
    // monotonic count has just begun: the look time is still to run on screen.
    fake.clock(10_000);
    fake.bridge.alertShown.mockResolvedValueOnce({ ok: true, shownAt: iso(0), lookedMs: 0 });
    loadImages('Probe image', 'Watchlist image');
    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[2]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);
    fake.clock(11_000);
    expect(recordButton()).toBeDisabled();
    fake.clock(13_000);
    expect(recordButton()).toBeEnabled();
  });

  it('needs the second officer for an engage on a two-person tier', async () => {
    const user = userEvent.setup();
    const settings = { ...makeSnapshot().settings, twoPersonTiers: ['red' as const] };
    const { fake, alert } = await readyAlert({ tier: 'red' }, { settings });
    expect(screen.queryByRole('textbox', { name: 'Second officer ID' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Engage' }));
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[0]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);
    expect(recordButton()).toBeDisabled();

    await user.type(screen.getByRole('textbox', { name: 'Second officer ID' }), 'PC200');
    await user.type(screen.getByRole('textbox', { name: 'Second officer name' }), 'Jo King');
    expect(recordButton()).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Confirmation note' }), 'Agree: same scar.');
    expect(recordButton()).toBeEnabled();

    // No engage needs no second officer.
    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    expect(screen.queryByRole('textbox', { name: 'Second officer ID' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Engage' }));
    await user.click(recordButton());
    expect(fake.bridge.recordDecision).toHaveBeenCalledWith({
      alertId: alert.alertId,
      decision: 'engage',
      reasons: [REASON_CODES[0]!.code],
      rationale: VALID_RATIONALE,
      confirmation: { id: 'PC200', name: 'Jo King', note: 'Agree: same scar.' },
    });
  });

  it('does not ask for a second officer on tiers outside the setting', async () => {
    const user = userEvent.setup();
    const settings = { ...makeSnapshot().settings, twoPersonTiers: ['red' as const] };
    await readyAlert({ tier: 'amber' }, { settings });
    await user.click(screen.getByRole('radio', { name: 'Engage' }));
    expect(screen.queryByRole('textbox', { name: 'Second officer ID' })).not.toBeInTheDocument();
  });
});

describe('shortcuts', () => {
  it('do not fire while typing in the rationale, but do outside it', async () => {
    const user = userEvent.setup();
    await readyAlert();
    const engage = screen.getByRole('radio', { name: 'Engage' });
    const noEngage = screen.getByRole('radio', { name: 'No engage' });
    const rationale = screen.getByRole('textbox', { name: 'Rationale' });

    await user.click(rationale);
    await user.keyboard('e n s m');
    expect(rationale).toHaveValue('e n s m');
    expect(engage).not.toBeChecked();
    expect(noEngage).not.toBeChecked();
    expect(screen.queryByAltText('Scene image')).not.toBeInTheDocument();

    rationale.blur();
    await user.keyboard('e');
    expect(engage).toBeChecked();
    await user.keyboard('n');
    expect(noEngage).toBeChecked();
    await user.keyboard('s');
    expect(screen.getByAltText('Scene image')).toBeInTheDocument();
    await user.keyboard('r');
    expect(rationale).toHaveFocus();
    expect(rationale).toHaveValue('e n s m');
  });

  it('Ctrl+Enter in the rationale records a valid decision', async () => {
    const user = userEvent.setup();
    const { fake } = await readyAlert();
    await user.keyboard('n');
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[3]!.label }));
    await user.keyboard('r');
    await user.keyboard(VALID_RATIONALE);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(fake.bridge.recordDecision).toHaveBeenCalledTimes(1);
    expect(fake.bridge.recordDecision.mock.calls[0]![0]).toMatchObject({
      decision: 'no-engage',
      rationale: VALID_RATIONALE,
    });
  });

  it('? opens the shortcuts help and Escape closes it', async () => {
    const user = userEvent.setup();
    await readyAlert();
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('saving', () => {
  it('shows Saving… and keeps the alert until main marks it decided', async () => {
    const user = userEvent.setup();
    const { fake, alert } = await readyAlert();
    const next = makeAlert({ tier: 'green', camera: 'Camera Next' });
    fake.push(makeSnapshot({ alerts: [alert, next] }));

    await user.keyboard('e');
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[0]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);
    await user.click(recordButton());

    expect(fake.bridge.recordDecision).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Saving…')).toBeInTheDocument();
    const queue = screen.getByRole('list', { name: 'Alert queue' });
    expect(within(queue).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('heading', { level: 2, name: /wanted: violence/ })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Engage' })).toBeChecked();

    // Main's snapshot still shows it pending: nothing moves.
    fake.push(makeSnapshot({ alerts: [alert, next] }));
    expect(within(queue).getAllByRole('listitem')).toHaveLength(2);

    const decided = { ...alert, status: 'decided' as const, decisions: [makeDecision()] };
    fake.push(makeSnapshot({ alerts: [decided, next] }));
    expect(within(queue).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText(/Decision saved: Engage \(revision 1\)/)).toBeInTheDocument();
    // The next alert opened by itself.
    expect(screen.getByRole('button', { name: /Camera Next/, current: true })).toBeInTheDocument();
  });

  it('moves focus to the next alert after a decision, and to "No alert open" after the last', async () => {
    const user = userEvent.setup();
    const { fake, alert } = await readyAlert();
    const next = makeAlert({ tier: 'green', camera: 'Camera Next' });
    fake.push(makeSnapshot({ alerts: [alert, next] }));
    const decideByKeyboard = async () => {
      await user.keyboard('n');
      await user.click(screen.getByRole('checkbox', { name: REASON_CODES[3]!.label }));
      await user.keyboard('r');
      await user.keyboard(VALID_RATIONALE);
      await user.keyboard('{Control>}{Enter}{/Control}');
    };
    await decideByKeyboard();
    const first = { ...alert, status: 'decided' as const, decisions: [makeDecision()] };
    fake.push(makeSnapshot({ alerts: [first, next] }));
    await nextFrame();
    expect(document.getElementById('alert-heading')).toHaveFocus();

    loadImages('Probe image', 'Watchlist image');
    fake.clock(10_000);
    await screen.findByRole('button', { name: 'Record decision' });
    await decideByKeyboard();
    expect(fake.bridge.recordDecision).toHaveBeenCalledTimes(2);
    const second = { ...next, status: 'decided' as const, decisions: [makeDecision()] };
    fake.push(makeSnapshot({ alerts: [first, second] }));
    await nextFrame();
    expect(screen.getByRole('heading', { name: 'No alert open' })).toHaveFocus();
  });

  it("shows main's refusal and keeps the draft", async () => {
    const user = userEvent.setup();
    const { fake } = await readyAlert();
    fake.bridge.recordDecision.mockResolvedValueOnce({ ok: false, error: 'journal is read-only' });
    await user.keyboard('n');
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[2]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);
    await user.click(recordButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: journal is read-only');
    expect(screen.getByRole('textbox', { name: 'Rationale' })).toHaveValue(VALID_RATIONALE);
    expect(recordButton()).toBeEnabled();
  });
});
