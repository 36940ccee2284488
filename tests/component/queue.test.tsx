import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { iso, makeAlert, makeDecision, makeSnapshot, renderApp } from './fixtures';

const queueItems = () => within(screen.getByRole('list', { name: 'Alert queue' })).getAllByRole('button');
const openItem = () =>
  screen.getByRole('list', { name: 'Alert queue' }).querySelector('[aria-current="true"]');

describe('Queue', () => {
  it('orders red before amber before green, then oldest first', async () => {
    const alerts = [
      makeAlert({ tier: 'green', camera: 'G old', capturedAt: iso(-900_000) }),
      makeAlert({ tier: 'amber', camera: 'A new', capturedAt: iso(-60_000) }),
      makeAlert({ tier: 'red', camera: 'R new', capturedAt: iso(-30_000) }),
      makeAlert({ tier: 'amber', camera: 'A old', capturedAt: iso(-300_000) }),
      makeAlert({ tier: 'red', camera: 'R old', capturedAt: iso(-120_000) }),
      makeAlert({ tier: 'green', camera: 'Decided', status: 'decided', decisions: [makeDecision()] }),
    ];
    await renderApp(makeSnapshot({ alerts }));
    const labels = queueItems().map((b) => b.querySelector('.camera')?.textContent);
    expect(labels).toEqual(['R old', 'R new', 'A old', 'A new', 'G old']);
    expect(screen.getByRole('heading', { name: /Undecided alerts\s*5/ })).toBeInTheDocument();
    expect(queueItems()[0]).toHaveTextContent('Red: act now');
    expect(queueItems()[0]).toHaveTextContent('2 min ago');
    expect(queueItems()[0]).toHaveTextContent('Score 0.712');
    // With nothing open, the most urgent, oldest alert opens by itself.
    expect(openItem()).toHaveTextContent('R old');
  });

  it('never lets a new alert displace the open one, but announces it', async () => {
    const green = makeAlert({ tier: 'green', camera: 'Camera 1' });
    const { fake, chime } = await renderApp(makeSnapshot({ alerts: [green] }));
    expect(openItem()).toHaveTextContent('Camera 1');
    expect(chime).not.toHaveBeenCalled();

    const red = makeAlert({ tier: 'red', camera: 'Camera 2', receivedAt: iso(0), capturedAt: iso(-1000) });
    fake.push(makeSnapshot({ alerts: [green, red] }));
    expect(openItem()).toHaveTextContent('Camera 1');
    expect(screen.getByRole('heading', { level: 2, name: /Green: intelligence/ })).toBeInTheDocument();
    expect(queueItems()[0]).toHaveTextContent('Camera 2');
    expect(queueItems()[0]).toHaveClass('is-new');
    expect(screen.getByText('New red alert from Camera 2.')).toHaveAttribute('aria-live', 'polite');
    expect(chime).toHaveBeenCalledWith('red');

    fake.clock(10_000);
    expect(queueItems()[0]).not.toHaveClass('is-new');
  });

  it('keeps quiet when muted', async () => {
    const user = userEvent.setup();
    const { fake, chime } = await renderApp(makeSnapshot({ alerts: [] }));
    await user.keyboard('m');
    expect(screen.getByRole('button', { name: 'Mute sound' })).toHaveAttribute('aria-pressed', 'true');
    fake.push(makeSnapshot({ alerts: [makeAlert({ tier: 'amber', camera: 'Camera 5' })] }));
    expect(chime).not.toHaveBeenCalled();
    expect(screen.getByText('New amber alert from Camera 5.')).toBeInTheDocument();
  });

  it('sums up a burst in one sentence, by tier in order of urgency', async () => {
    const green = makeAlert({ tier: 'green', camera: 'Camera 1' });
    const { fake, chime } = await renderApp(makeSnapshot({ alerts: [green] }));
    const burst = [
      makeAlert({ tier: 'amber', camera: 'Camera 2' }),
      makeAlert({ tier: 'green', camera: 'Camera 3' }),
      makeAlert({ tier: 'red', camera: 'Camera 4' }),
      makeAlert({ tier: 'amber', camera: 'Camera 5' }),
      makeAlert({ tier: 'red', camera: 'Camera 6' }),
      makeAlert({ tier: 'red', camera: 'Camera 7' }),
    ];
    await fake.resync(makeSnapshot({ alerts: [green, ...burst] }));
    const live = document.querySelector('.announcement')!;
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live.textContent).toBe('6 new alerts: 3 red, 2 amber, 1 green.');
    // The whole sentence for a pointer too, where the two-line clamp cuts it.
    expect(live).toHaveAttribute('title', '6 new alerts: 3 red, 2 amber, 1 green.');
    // One cue, for the most urgent tier that arrived.
    expect(chime).toHaveBeenCalledTimes(1);
    expect(chime).toHaveBeenCalledWith('red');

    // Only the tiers that arrived are named; one alert on its own is named by its camera.
    const two = [
      makeAlert({ tier: 'green', camera: 'Camera 8' }),
      makeAlert({ tier: 'red', camera: 'Camera 9' }),
    ];
    await fake.resync(makeSnapshot({ alerts: [green, ...burst, ...two] }));
    expect(live.textContent).toBe('2 new alerts: 1 red, 1 green.');
    const one = makeAlert({ tier: 'amber', camera: 'Camera 10' });
    fake.push(makeSnapshot({ alerts: [green, ...burst, ...two, one] }));
    expect(live.textContent).toBe('New amber alert from Camera 10.');
  });

  it('opens an alert on click and steps through with j / k', async () => {
    const user = userEvent.setup();
    const alerts = [
      makeAlert({ tier: 'red', camera: 'First', capturedAt: iso(-3000) }),
      makeAlert({ tier: 'red', camera: 'Second', capturedAt: iso(-2000) }),
      makeAlert({ tier: 'red', camera: 'Third', capturedAt: iso(-1000) }),
    ];
    await renderApp(makeSnapshot({ alerts }));
    await user.click(queueItems()[2]!);
    expect(openItem()).toHaveTextContent('Third');
    await user.keyboard('k');
    expect(openItem()).toHaveTextContent('Second');
    await user.keyboard('{ArrowUp}');
    expect(openItem()).toHaveTextContent('First');
    await user.keyboard('j');
    expect(openItem()).toHaveTextContent('Second');
  });

  it('opens the first alert that arrives when none was open', async () => {
    const { fake } = await renderApp(makeSnapshot({ alerts: [] }));
    expect(screen.getByRole('heading', { name: 'No alert open' })).toBeInTheDocument();
    fake.push(makeSnapshot({ alerts: [makeAlert({ camera: 'Camera 9' })] }));
    expect(openItem()).toHaveTextContent('Camera 9');
  });

  it('marks a withdrawn alert and offers no decision form', async () => {
    const alert = makeAlert({ camera: 'Camera 4' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    expect(screen.getByRole('button', { name: 'Record decision' })).toBeInTheDocument();
    fake.push(
      makeSnapshot({
        alerts: [{ ...alert, status: 'withdrawn', withdrawnReason: 'Watchlist entry removed' }],
      }),
    );
    expect(screen.getByText('Withdrawn: Watchlist entry removed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record decision' })).not.toBeInTheDocument();
  });
});
