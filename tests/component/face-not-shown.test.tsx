/**
 * Issue 28 item 2 on the officer's screen: a face that will not load is said in words in its
 * frame, reported to the station once (alertShown with notShown), and, once the station has
 * recorded it, the alert can be decided: the form offers "An image could not be shown" and
 * asks for it, and refuses Engage. The face is tried again and, once it loads, the station is
 * told both faces are now on screen.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IMAGE_NOT_SHOWN } from '../../shared/decision-rules';
import { FACE_RETRY_MS } from '../../renderer/src/components/ImagePair';
import { VALID_RATIONALE, flush, iso, loadImages, makeAlert, makeSnapshot, renderApp } from './fixtures';

const recordButton = () => screen.getByRole('button', { name: 'Record decision' });

describe('a face that cannot be shown', () => {
  it('is said, reported once, and the alert decided as No engage with the reason that says so', async () => {
    const user = userEvent.setup();
    const alert = makeAlert({ camera: 'Camera N' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    loadImages('Watchlist image');
    fireEvent.error(screen.getByAltText('Probe image'));
    await flush();
    expect(screen.getByText(/The live camera face could not be shown/)).toBeInTheDocument();
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: alert.alertId, notShown: ['probe'] });
    expect(fake.bridge.alertShown).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Both images must be on screen first.')).toBeInTheDocument();

    // The station recorded it: the form may now be completed, but only as the record allows.
    act(() => fake.push(makeSnapshot({ alerts: [{ ...alert, shownAt: iso(0), facesNotShown: ['probe'] }] })));
    fake.clock(5_000);
    await flush();
    expect(screen.queryByText('Both images must be on screen first.')).toBeNull();
    const reasons = screen.getByRole('group', { name: 'Reasons' });
    const notShown = within(reasons).getByRole('checkbox', { name: IMAGE_NOT_SHOWN.label });
    await user.click(screen.getByRole('radio', { name: 'Engage' }));
    await user.click(notShown);
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), VALID_RATIONALE);
    expect(screen.getByText(/Engage needs both faces on screen/)).toBeInTheDocument();
    expect(recordButton()).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    expect(recordButton()).toBeEnabled();
    await user.click(recordButton());
    await flush();
    expect(fake.bridge.recordDecision).toHaveBeenCalledWith(
      expect.objectContaining({ decision: 'no-engage', reasons: [IMAGE_NOT_SHOWN.code] }),
    );
  });

  it('tries the face again and tells the station once both are on screen', async () => {
    const alert = makeAlert({ camera: 'Camera P' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    loadImages('Probe image');
    fireEvent.error(screen.getByAltText('Watchlist image'));
    await flush();
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: alert.alertId, notShown: ['subject'] });
    act(() =>
      fake.push(makeSnapshot({ alerts: [{ ...alert, shownAt: iso(0), facesNotShown: ['subject'] }] })),
    );
    await flush();
    const before = screen.getByAltText('Watchlist image');
    // The next try is a new image element (the browser loads it again); this time it loads.
    await waitFor(() => expect(screen.getByAltText('Watchlist image')).not.toBe(before), {
      timeout: FACE_RETRY_MS * 3,
    });
    loadImages('Watchlist image');
    await flush();
    expect(screen.queryByText(/The watchlist face could not be shown \(its file/)).toBeNull();
    expect(fake.bridge.alertShown).toHaveBeenLastCalledWith({ alertId: alert.alertId });
  }, 15_000);
});
