/**
 * Issue 24, item 6: work out of sight. The Decided tab is in the Tab order and flags
 * engagements still waiting for an outcome; Amend moves focus to the form in the open
 * alert; a skip link goes past the queue to the open alert; the queue drawer closes
 * with Esc and gives focus back to its button; times on screen carry their zone.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { iso, makeAlert, makeDecision, makeSnapshot, renderApp } from './fixtures';

describe('focus and the drawer', () => {
  it('the Decided tab is reached with Tab, and flags an engagement with no outcome', async () => {
    const engaged = makeAlert({ camera: 'Camera Engaged' });
    const decided = {
      ...engaged,
      status: 'decided' as const,
      decisions: [makeDecision({ decision: 'engage' })],
    };
    const other = makeAlert({ camera: 'Camera Other' });
    const declined = {
      ...other,
      status: 'decided' as const,
      decisions: [makeDecision({ decision: 'no-engage' })],
    };
    await renderApp(makeSnapshot({ alerts: [decided, declined, makeAlert({ shownAt: iso(0) })] }));
    const user = userEvent.setup();
    const queueTab = screen.getByRole('tab', { name: /Queue/ });
    queueTab.focus();
    await user.tab();
    const decidedTab = screen.getByRole('tab', { name: /Decided/ });
    expect(decidedTab).toHaveFocus();
    await user.keyboard('{Enter}');
    const list = screen.getByRole('list', { name: 'Recently decided alerts' });
    const rows = within(list).getAllByRole('button');
    const row = (camera: string) => rows.find((r) => r.textContent?.includes(camera))!;
    expect(row('Camera Engaged')).toHaveTextContent('Outcome due');
    expect(row('Camera Other')).not.toHaveTextContent('Outcome due');
    // Decision times carry their zone (GMT or BST).
    expect(row('Camera Other').textContent).toMatch(/\d\d:\d\d (GMT|BST)/);
  });

  it('Amend moves focus to the amendment form; a skip link goes to the open alert', async () => {
    const alert = makeAlert();
    const decided = {
      ...alert,
      status: 'decided' as const,
      decisions: [makeDecision({ decision: 'no-engage' })],
    };
    await renderApp(makeSnapshot({ alerts: [decided] }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: /Decided/ }));
    await user.click(
      within(screen.getByRole('list', { name: 'Recently decided alerts' })).getByRole('button'),
    );
    await user.click(screen.getByRole('button', { name: 'Amend decision' }));
    expect(screen.getByRole('heading', { name: /Amend decision/ })).toHaveFocus();
    const skip = screen.getByRole('link', { name: 'Skip to the open alert' });
    skip.focus();
    await user.keyboard('{Enter}');
    expect(document.getElementById('alert-heading')).toHaveFocus();
  });

  it('Esc closes the queue drawer and returns focus to its button', async () => {
    await renderApp(makeSnapshot({ alerts: [makeAlert({ shownAt: iso(0) })] }));
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: /Alerts \(\d+ undecided\)/ });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    screen.getByRole('tab', { name: /Queue/ }).focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });
});
