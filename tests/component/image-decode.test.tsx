/**
 * Faces go on screen only decoded, both at once (issue 13): while img.decode() is pending the
 * frames are empty, and the alertShown report still waits for both images to be rendered.
 */
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flush, loadImages, makeAlert, makeSnapshot, renderApp } from './fixtures';

/** decode() calls in order, each with its image's URL and a way to settle it. */
let pending: { url: string; settle: (ok: boolean) => void }[] = [];

beforeEach(() => {
  pending = [];
  // jsdom has no decode(): give images one the test settles, as a browser would when done.
  Object.defineProperty(HTMLImageElement.prototype, 'decode', {
    configurable: true,
    value(this: HTMLImageElement) {
      return new Promise<void>((resolve, reject) => {
        pending.push({
          url: this.src,
          settle: (ok) => (ok ? resolve() : reject(new Error('EncodingError'))),
        });
      });
    },
  });
});
afterEach(() => {
  delete (HTMLImageElement.prototype as Partial<HTMLImageElement>).decode;
});

describe('faces decoded before they are swapped in', () => {
  it('shows neither face until both are decoded, then both; alertShown only after they render', async () => {
    const alert = makeAlert({ camera: 'Camera D' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    expect(pending.map((p) => new URL(p.url).pathname)).toEqual([alert.probe.url, alert.subject.image.url]);
    expect(screen.queryByAltText('Probe image')).toBeNull();

    pending[0]!.settle(true);
    await flush();
    // One decoded face is not enough: the pair goes in together.
    expect(screen.queryByAltText('Probe image')).toBeNull();
    expect(screen.queryByAltText('Watchlist image')).toBeNull();

    pending[1]!.settle(true);
    await flush();
    expect(screen.getByAltText('Probe image')).toBeInTheDocument();
    expect(screen.getByAltText('Watchlist image')).toBeInTheDocument();
    expect(fake.bridge.alertShown).not.toHaveBeenCalled();
    loadImages('Probe image', 'Watchlist image');
    await flush();
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: alert.alertId });
  });

  it('a face that fails to decode is still put in, so its error is reported and the alert is not shown', async () => {
    const alert = makeAlert({ camera: 'Camera E' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    pending[0]!.settle(false);
    pending[1]!.settle(true);
    await flush();
    expect(screen.getByAltText('Probe image')).toBeInTheDocument();
    expect(fake.bridge.alertShown).not.toHaveBeenCalled();
  });
});
