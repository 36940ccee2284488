/**
 * The review pane drawn once out of sight before the first alert (renderer/src/live/ReviewWarmUp.tsx):
 * hidden from sight, focus and assistive technology, gone a frame later, once per page, and
 * never while an alert is open (its element ids must not be on the page twice).
 * jsdom has no requestIdleCallback (so the screen's other tests never see it drawn); these
 * tests give it one whose idle moments they choose.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ReviewWarmUp } from '../../renderer/src/live/ReviewWarmUp';
import { flush, makeAlert, makeSnapshot, renderApp } from './fixtures';
import { supervisorSnapshot } from './replay-fixtures';

/** requestIdleCallback that runs only when the test says the page is idle. */
function idleOnDemand() {
  const waiting = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => {
    waiting.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelIdleCallback', (id: number) => waiting.delete(id));
  return {
    get asked() {
      return waiting.size;
    },
    idle: () =>
      act(() => {
        for (const [id, callback] of waiting) {
          waiting.delete(id);
          callback();
        }
      }),
  };
}

const warmUp = () => document.querySelector('.review-warm-up');

describe('ReviewWarmUp', () => {
  // First in this file: the warm-up is drawn at most once per page (module state).
  it('is not drawn while an alert is open', async () => {
    const page = idleOnDemand();
    await renderApp(makeSnapshot({ alerts: [makeAlert()] }));
    expect(screen.getByRole('heading', { level: 2, name: /Red: act now|Amber|Green/ })).toBeInTheDocument();
    page.idle();
    expect(warmUp()).toBeNull();
    expect(document.querySelectorAll('#alert-heading')).toHaveLength(1);
  });

  it('is not drawn in replay, where a replayed alert uses the same element ids', async () => {
    const page = idleOnDemand();
    const { unmount } = await renderApp(supervisorSnapshot());
    expect(page.asked).toBe(1);
    const sections = screen.getByRole('navigation', { name: 'Sections' });
    fireEvent.click(within(sections).getByRole('button', { name: 'Replay' }));
    await flush();
    expect(screen.getByRole('heading', { name: 'Deployments to replay' })).toBeInTheDocument();
    // Going to replay took the warm-up away, and its idle request with it.
    expect(page.asked).toBe(0);
    page.idle();
    expect(warmUp()).toBeNull();
    unmount();
  });

  it('draws the pane once when the page is idle, hidden and inert, then takes it away', async () => {
    const page = idleOnDemand();
    render(
      <>
        <input aria-label="Officer ID" />
        <ReviewWarmUp />
      </>,
    );
    const field = screen.getByRole('textbox', { name: 'Officer ID' });
    field.focus();
    expect(warmUp()).toBeNull();
    expect(page.asked).toBe(1);

    page.idle();
    const drawn = warmUp();
    expect(drawn).not.toBeNull();
    expect(drawn).toHaveAttribute('aria-hidden', 'true');
    expect(drawn).toHaveAttribute('inert');
    // Its form is there to be styled and laid out, but no one can reach it or hear it.
    expect(drawn!.querySelector('form.decision-form')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Record decision' })).toBeNull();
    expect(document.activeElement).toBe(field);

    await waitFor(() => expect(warmUp()).toBeNull());
    expect(document.activeElement).toBe(field);

    // Once per page: drawn again, it asks for no idle time and draws nothing.
    render(<ReviewWarmUp />);
    expect(page.asked).toBe(0);
    page.idle();
    expect(warmUp()).toBeNull();
  });
});
