/**
 * Faces go on screen only decoded, both at once (issue 13): while img.decode() is pending the
 * frames are empty, and the alertShown report still waits for both images to be rendered.
 */
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACES_WAIT_MS } from '../../renderer/src/state/station-store';
import { flush, iso, loadImages, makeAlert, makeDecision, makeSnapshot, renderApp } from './fixtures';

/** decode() calls in order, each with its image's URL and a way to settle it. */
let pending: { url: string; settle: (ok: boolean) => void; rowsDrawn: number }[] = [];

beforeEach(() => {
  pending = [];
  // jsdom has no decode(): give images one the test settles, as a browser would when done.
  Object.defineProperty(HTMLImageElement.prototype, 'decode', {
    configurable: true,
    value(this: HTMLImageElement) {
      // The decoder's warm-up (a 1x1 data: JPEG decoded as the screen starts) settles at once.
      if (this.src.startsWith('data:')) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        pending.push({
          url: this.src,
          // How many queue rows were on screen when the decode was asked for.
          rowsDrawn: document.querySelectorAll('[data-alert-id]').length,
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

  it('decodes the faces of an alert that arrives as soon as its data does, before it is drawn', async () => {
    const { fake } = await renderApp(makeSnapshot({ alerts: [] }));
    const alert = makeAlert({ camera: 'Camera F' });
    fake.push(makeSnapshot({ alerts: [alert] }));
    // Both faces were asked for when the change arrived, before its row was drawn.
    expect(pending.map((p) => new URL(p.url).pathname)).toEqual([alert.probe.url, alert.subject.image.url]);
    expect(pending.map((p) => p.rowsDrawn)).toEqual([0, 0]);
    expect(screen.queryByAltText('Probe image')).toBeNull();
    pending.forEach((p) => p.settle(true));
    await flush();
    expect(screen.getByAltText('Probe image')).toBeInTheDocument();
  });

  it('decodes the next alert while the officer is on the current one, so it opens with its faces at once', async () => {
    const open = makeAlert({ camera: 'Camera G', capturedAt: iso(0) });
    const { fake } = await renderApp(makeSnapshot({ alerts: [open] }));
    pending.forEach((p) => p.settle(true));
    await flush();
    const next = makeAlert({ camera: 'Camera H', capturedAt: iso(1000) });
    fake.push(makeSnapshot({ alerts: [open, next] }));
    expect(pending.slice(2).map((p) => new URL(p.url).pathname)).toEqual([
      next.probe.url,
      next.subject.image.url,
    ]);
    pending.slice(2).forEach((p) => p.settle(true));
    await flush();
    // The open alert is decided: the next opens with both faces in the same render.
    fake.push(makeSnapshot({ alerts: [{ ...open, status: 'decided', decisions: [makeDecision()] }, next] }));
    const probe = screen.getByAltText('Probe image');
    expect(new URL(probe.getAttribute('src')!, 'http://x').pathname).toBe(next.probe.url);
    expect(screen.getByAltText('Watchlist image')).toBeInTheDocument();
    // No second fetch: the faces decoded ahead were used.
    expect(pending).toHaveLength(4);
  });

  it('an alert arriving on an empty screen opens once its faces are decoded; its row and count do not wait', async () => {
    const { fake } = await renderApp(makeSnapshot({ alerts: [] }));
    const alert = makeAlert({ camera: 'Camera J' });
    fake.push(makeSnapshot({ alerts: [alert] }));
    await flush();
    // In the queue at once, but the review panel waits for the pair.
    expect(document.querySelector(`[data-alert-id="${alert.alertId}"]`)).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'No alert open' })).toBeInTheDocument();
    pending.forEach((p) => p.settle(true));
    await flush();
    // It opens with both faces in the same render: never a panel with empty frames.
    expect(screen.queryByRole('heading', { name: 'No alert open' })).toBeNull();
    expect(screen.getByAltText('Probe image')).toBeInTheDocument();
    expect(screen.getByAltText('Watchlist image')).toBeInTheDocument();
  });

  it('a face that never decodes holds the alert back only briefly: it opens anyway, its frames empty', async () => {
    const { fake } = await renderApp(makeSnapshot({ alerts: [] }));
    const alert = makeAlert({ camera: 'Camera K' });
    fake.push(makeSnapshot({ alerts: [alert] }));
    await flush();
    expect(screen.getByRole('heading', { name: 'No alert open' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, FACES_WAIT_MS + 50));
    await flush();
    expect(screen.queryByRole('heading', { name: 'No alert open' })).toBeNull();
    expect(screen.queryByAltText('Probe image')).toBeNull();
    pending.forEach((p) => p.settle(true));
    await flush();
    expect(screen.getByAltText('Probe image')).toBeInTheDocument();
  });

  it('opens an alert whose faces main sent ahead with them in its first render, fetching neither', async () => {
    const { fake } = await renderApp(makeSnapshot({ alerts: [] }));
    const alert = makeAlert({ camera: 'Camera L' });
    const sent = (url: string | null) => ({ url: url!, mime: 'image/jpeg', base64: 'AQID' });
    act(() => fake.facesAhead({ faces: [sent(alert.probe.url), sent(alert.subject.image.url)] }));
    await flush();
    fake.push(makeSnapshot({ alerts: [alert] }));
    // No wait for a fetch and a decode: the pane opens with both faces in the render that adds the alert.
    expect(screen.getByAltText('Probe image').getAttribute('src')).toBe(
      `data:image/jpeg;base64,AQID#${alert.probe.url}`,
    );
    expect(screen.getByAltText('Watchlist image').getAttribute('src')).toBe(
      `data:image/jpeg;base64,AQID#${alert.subject.image.url}`,
    );
    expect(pending).toEqual([]);
  });

  it('takes only the station’s own image URLs, image types and base64 from faces sent ahead', async () => {
    const { fake } = await renderApp(makeSnapshot({ alerts: [] }));
    const alert = makeAlert({ camera: 'Camera M' });
    act(() =>
      fake.facesAhead({
        faces: [
          { url: alert.probe.url!, mime: 'text/html', base64: 'AQID' },
          { url: alert.subject.image.url!, mime: 'image/jpeg', base64: 'AQID#"><script>' },
          { url: 'https://elsewhere.example/x.jpg', mime: 'image/jpeg', base64: 'AQID' },
        ],
      }),
    );
    await flush();
    fake.push(makeSnapshot({ alerts: [alert] }));
    // Nothing taken: both faces are fetched from the station as usual.
    expect(pending.map((p) => new URL(p.url).pathname)).toEqual([alert.probe.url, alert.subject.image.url]);
  });
});
