/**
 * Issue 14: keys that do what they say. e / n choose and move to the reasons, 1-9 tick
 * the reasons in the order shown, r goes to the rationale, Esc leaves a field keeping
 * its text, Ctrl+Enter records from anywhere in the form or says (aloud and on screen)
 * what is missing and focuses it; after a decision focus goes to the next alert.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { REASONS_IN_ORDER } from '../../renderer/src/components/DecisionForm';
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

async function ready(alerts = [makeAlert({ shownAt: iso(0), camera: 'Camera One' })]) {
  const app = await renderApp(makeSnapshot({ alerts }));
  loadImages('Probe image', 'Watchlist image');
  app.fake.clock(5_000);
  return { ...app, user: userEvent.setup() };
}
/** Two alerts waiting: the first decided by keys, and main's word that it is, which opens the second. */
async function decideFirstOfTwo() {
  const first = makeAlert({ tier: 'red', shownAt: iso(0), camera: 'Camera One' });
  const next = makeAlert({ tier: 'green', camera: 'Camera Next' });
  const { user, fake } = await ready([first, next]);
  await user.keyboard('n1r');
  await user.keyboard(VALID_RATIONALE);
  await user.keyboard('{Control>}{Enter}{/Control}');
  fake.push(
    makeSnapshot({
      alerts: [{ ...first, status: 'decided', decisions: [makeDecision({ decision: 'no-engage' })] }, next],
    }),
  );
}
const reason = (i: number) => screen.getByRole('checkbox', { name: REASONS_IN_ORDER[i]!.label });

describe('keys', () => {
  it('n, 1, r, the rationale and Ctrl+Enter record a decision', async () => {
    const { user, fake } = await ready();
    await user.keyboard('n');
    expect(screen.getByRole('radio', { name: 'No engage' })).toBeChecked();
    expect(reason(0)).toHaveFocus();
    await user.keyboard('1');
    expect(reason(0)).toBeChecked();
    await user.keyboard('r');
    expect(screen.getByRole('textbox', { name: 'Rationale' })).toHaveFocus();
    await user.keyboard(VALID_RATIONALE);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(fake.bridge.recordDecision).toHaveBeenCalledWith({
      alertId: expect.any(String),
      decision: 'no-engage',
      reasons: [REASONS_IN_ORDER[0]!.code],
      rationale: VALID_RATIONALE,
    });
  });

  it('e chooses Engage and moves focus to the reasons', async () => {
    const { user } = await ready();
    await user.keyboard('e');
    expect(screen.getByRole('radio', { name: 'Engage' })).toBeChecked();
    expect(reason(0)).toHaveFocus();
    // Space now ticks the reason, not the zoom.
    await user.keyboard(' ');
    expect(reason(0)).toBeChecked();
  });

  it('1-9, 0, - and = toggle every reason in the order shown, with the key beside each', async () => {
    const { user } = await ready();
    const boxes = within(screen.getByRole('group', { name: 'Reasons' })).getAllByRole('checkbox');
    expect(boxes.map((b) => b.getAttribute('value'))).toEqual(REASONS_IN_ORDER.map((r) => r.code));
    const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '='];
    // Every reason has a key (issue 24: the last three had none).
    expect(boxes).toHaveLength(keys.length);
    boxes.forEach((b, i) => expect(b.closest('.choice')!.querySelector('kbd')).toHaveTextContent(keys[i]!));
    await user.keyboard('0-=');
    expect(reason(9)).toBeChecked();
    expect(reason(10)).toBeChecked();
    expect(reason(11)).toBeChecked();
    await user.keyboard('=');
    expect(reason(11)).not.toBeChecked();
    await user.keyboard('3');
    expect(reason(2)).toBeChecked();
    await user.keyboard('9');
    expect(reason(8)).toBeChecked();
    await user.keyboard('3');
    expect(reason(2)).not.toBeChecked();
    expect(reason(8)).toBeChecked();
  });

  it('never fire while typing; Esc leaves the field keeping the text, and the keys work again', async () => {
    const { user } = await ready();
    await user.keyboard('r');
    const rationale = screen.getByRole('textbox', { name: 'Rationale' });
    await user.keyboard('e n 1 j');
    expect(rationale).toHaveValue('e n 1 j');
    expect(screen.getByRole('radio', { name: 'Engage' })).not.toBeChecked();
    expect(reason(0)).not.toBeChecked();
    await user.keyboard('{Escape}');
    expect(rationale).not.toHaveFocus();
    expect(rationale).toHaveValue('e n 1 j');
    await user.keyboard('e');
    expect(screen.getByRole('radio', { name: 'Engage' })).toBeChecked();
  });

  it('Ctrl+Enter with something missing says what, aloud and on screen, and focuses it', async () => {
    const { user, fake } = await ready();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(fake.bridge.recordDecision).not.toHaveBeenCalled();
    const live = document.querySelector('.blocked-message')!;
    expect(live).toHaveAttribute('aria-live', 'assertive');
    expect(live).toHaveTextContent('Not recorded. Choose Engage or No engage.');
    expect(live).toBeVisible();
    expect(screen.getByRole('radio', { name: 'Engage' })).toHaveFocus();

    await user.keyboard('n');
    expect(live).toHaveTextContent('');
    await user.keyboard('r');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(live).toHaveTextContent(
      /Not recorded\. Choose at least one reason\. Write at least 20 characters/,
    );
    expect(reason(0)).toHaveFocus();
    await user.keyboard('1');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(live).toHaveTextContent('Write at least 20 characters of rationale (0 so far).');
    expect(screen.getByRole('textbox', { name: 'Rationale' })).toHaveFocus();
    expect(fake.bridge.recordDecision).not.toHaveBeenCalled();
  });

  it('after a decision focus goes to the next alert', async () => {
    await decideFirstOfTwo();
    await nextFrame();
    const heading = screen.getByRole('heading', { level: 2, name: /Green: intelligence/ });
    expect(heading).toHaveFocus();
  });

  it('focus the officer moves before the next frame stays where they put it', async () => {
    await decideFirstOfTwo();
    // The next alert is open; before the frame that moves focus to it, the officer goes to the Decided tab.
    const decidedTab = screen.getByRole('tab', { name: /Decided/ });
    decidedTab.focus();
    await nextFrame();
    expect(decidedTab).toHaveFocus();
  });

  it('a skip link goes straight to the decision form', async () => {
    const { user } = await ready();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to the decision form' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { name: 'Your decision' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Engage' })).toHaveFocus();
  });
});
