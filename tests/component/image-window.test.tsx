/**
 * Issue 14 item 8: in Electron the image pane opens in a second window. The `#images`
 * route renders only the image pane of the alert the main window has open, follows it,
 * and records nothing; the main window reports its open alert and offers the button.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { flush, loadImages, makeAlert, makeSnapshot, renderApp } from './fixtures';

afterEach(() => {
  window.location.hash = '';
  delete window.station;
});

const srcOf = (alt: string) => new URL(screen.getByAltText<HTMLImageElement>(alt).src).pathname;

describe('the image window (#images route)', () => {
  it('renders only the image pane of the followed alert, follows the main window, and records nothing', async () => {
    const first = makeAlert({ camera: 'Camera F' });
    const second = makeAlert({ camera: 'Camera G' });
    window.location.hash = `#images:${first.alertId}`;
    const { fake } = await renderApp(makeSnapshot({ alerts: [first, second] }));
    await flush();
    expect(screen.getByRole('main', { name: 'Images' })).toBeInTheDocument();
    expect(srcOf('Probe image')).toBe(first.probe.url);
    expect(srcOf('Watchlist image')).toBe(first.subject.image.url);
    // Only the image pane: no queue, no decision form, no sign-in, no second "open window" button.
    expect(screen.queryByRole('list', { name: 'Alert queue' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Engage/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open images in a new window' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Brightness' })).toBeInTheDocument();
    loadImages('Probe image', 'Watchlist image');
    await flush();
    // The main window's pane is the one that counts as shown.
    expect(fake.bridge.alertShown).not.toHaveBeenCalled();

    fake.follow(second.alertId);
    await flush();
    expect(srcOf('Probe image')).toBe(second.probe.url);
    fake.follow(null);
    expect(screen.queryByAltText('Probe image')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('No alert is open in the main window.');
  });

  it('in Electron, the main window offers the button and reports its open alert', async () => {
    const user = userEvent.setup();
    const alert = makeAlert({ camera: 'Camera H' });
    const snapshot = makeSnapshot({ alerts: [alert] });
    // bridgeKind() is 'electron' where the preload bridge exists.
    const { fakeBridge } = await import('./fixtures');
    window.station = fakeBridge(snapshot).bridge;
    const { fake } = await renderApp(snapshot);
    await flush();
    expect(fake.bridge.viewerFollow).toHaveBeenCalledWith({ alertId: alert.alertId });
    await user.click(screen.getByRole('button', { name: 'Open images in a new window' }));
    expect(fake.bridge.openImageWindow).toHaveBeenCalledWith({ alertId: alert.alertId });
  });

  it('in browser mode there is no such button and nothing is reported', async () => {
    const alert = makeAlert({ camera: 'Camera I' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    await flush();
    expect(screen.queryByRole('button', { name: 'Open images in a new window' })).toBeNull();
    expect(fake.bridge.viewerFollow).not.toHaveBeenCalled();
  });
});
