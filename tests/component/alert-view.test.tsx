import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { iso, makeAlert, makeSnapshot, renderApp } from './fixtures';

describe('AlertView', () => {
  it('shows the evidence a red alert needs', async () => {
    const alert = makeAlert({
      tier: 'red',
      camera: 'Camera 2',
      capturedAt: iso(-120_000),
      subject: {
        warnings: ['violent', 'carries weapons'],
        ownerContact: 'DS Patel, 01632 960000',
        image: { takenAt: '2019-03-01T00:00:00Z', source: 'Custody suite B' },
      },
    });
    await renderApp(makeSnapshot({ alerts: [alert] }));
    expect(screen.getByText('Score 0.712 · threshold 0.640')).toBeInTheDocument();
    // Before a decision: the tier and the reminder, equally prominent, side by side; no orders yet.
    const reminder = screen.getByText(
      'Possible match only. The system can be wrong: compare the faces yourself.',
    );
    const heading = screen.getByRole('heading', { level: 2, name: /Red: act now/ });
    expect(reminder.parentElement).toBe(heading.parentElement);
    expect(screen.queryByText(/brief the engagement team/)).not.toBeInTheDocument();
    expect(screen.getByText('DS Patel, 01632 960000')).toBeInTheDocument();
    // The tier's instructions follow Engage, and go again with No engage.
    fireEvent.click(screen.getByRole('radio', { name: 'Engage' }));
    expect(
      screen.getByText('Red: act now — brief the engagement team, keep the subject in view.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Entry owner: DS Patel, 01632 960000')).toBeInTheDocument();
    // Engage repeats the warnings in its instruction (issue 24).
    const instruction = screen.getByRole('note', { name: 'If you engage' });
    expect(instruction).toHaveTextContent('Tell the engagement team the warnings: violent; carries weapons');
    fireEvent.click(screen.getByRole('radio', { name: 'No engage' }));
    expect(screen.queryByText(/brief the engagement team/)).not.toBeInTheDocument();
    expect(screen.getByText('Reference image is 6 years old')).toBeInTheDocument();
    expect(screen.getByText(/Custody suite B/)).toBeInTheDocument();
    expect(screen.getByText('carries weapons')).toBeInTheDocument();
    expect(screen.getByText(/\(2 min ago\)/)).toBeInTheDocument();
    // The safety facts sit in the strip that never scrolls, not in the entry's scroll pane.
    const strip = screen.getByRole('group', { name: 'Alert facts' });
    expect(strip).toHaveTextContent('violent');
    expect(strip).toHaveTextContent('Reference image is 6 years old');
    expect(strip).toHaveTextContent('Custody suite B');
    expect(strip).toHaveTextContent('Camera 2');
    expect(screen.getByRole('region', { name: 'Watchlist entry details' })).not.toHaveTextContent('violent');
    // Many role queries over the whole screen: slow in jsdom on a shared machine.
  }, 20_000);

  it('does not flag a recent reference image, nor show red instructions on amber', async () => {
    await renderApp(makeSnapshot({ alerts: [makeAlert({ tier: 'amber' })] }));
    expect(screen.queryByText(/Reference image is/)).not.toBeInTheDocument();
    expect(screen.queryByText(/brief the engagement team/)).not.toBeInTheDocument();
  });

  it('zooms and pans both images identically and shows the scene with its face box', async () => {
    const user = userEvent.setup();
    await renderApp(makeSnapshot({ alerts: [makeAlert()] }));
    const probe = screen.getByAltText('Probe image');
    const reference = screen.getByAltText('Watchlist image');
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    fireEvent.pointerDown(probe.parentElement!, { button: 0, clientX: 100, clientY: 100, pointerId: 1 });
    fireEvent.pointerMove(probe.parentElement!, { clientX: 130, clientY: 90, pointerId: 1 });
    fireEvent.pointerUp(probe.parentElement!, { pointerId: 1 });
    expect(probe.style.transform).toBe('translate(30px, -10px) scale(1.5625)');
    expect(reference.style.transform).toBe(probe.style.transform);

    await user.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(reference.style.transform).toBe('translate(0px, 0px) scale(1)');

    await user.click(screen.getByRole('button', { name: 'Show scene' }));
    expect(screen.getByAltText('Scene image')).toBeInTheDocument();
    const box = document.querySelector<HTMLElement>('.face-box')!;
    expect(box.style.left).toBe('50%');
    expect(box.style.width).toBe('10%');
  });
});
