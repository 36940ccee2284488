/**
 * The alert-to-pixel floor: a bare page in the same Chromium that takes an alert over
 * Socket.IO and paints its two images from blob URLs. No store, no React, no journal.
 * Timed exactly as the station's page is (bench/pixel.ts `paintedWith`).
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { prepareAlerts } from '../intake';
import { paintedWith } from '../pixel-probe';
import { percentile } from '../stats';

// socket.io-client's package exports do not list its browser bundle; the bench runs from the repo root.
const SOCKET_IO_BUNDLE = join(process.cwd(), 'node_modules/socket.io-client/dist/socket.io.min.js');

const BARE_PAGE = `<!doctype html><html><body>
<img alt="Probe image" width="320" height="320"><img alt="Watchlist image" width="400" height="400">
</body></html>`;

/** Runs in the page: connect, and paint each alert's two images as soon as they decode. */
function connectBarePage(args: { url: string; token: string }): Promise<void> {
  type Img = { data: ArrayBuffer; mime: string };
  type Alert = { alertId: string; probe: Img; subject: { image: Img } };
  const probe = document.querySelector<HTMLImageElement>('img[alt="Probe image"]')!;
  const watch = document.querySelector<HTMLImageElement>('img[alt="Watchlist image"]')!;
  const load = async (img: Img) => {
    const el = new Image();
    el.src = URL.createObjectURL(new Blob([img.data], { type: img.mime }));
    await el.decode();
    return el.src;
  };
  interface BareSocket {
    on(event: 'alert', listener: (alert: Alert, ack: (a: unknown) => void) => void): void;
    on(event: 'connect', listener: () => void): void;
  }
  const socket = (window as unknown as { io: (u: string, o: object) => BareSocket }).io(
    `${args.url}/lfr/v1`,
    {
      transports: ['websocket'],
      auth: {
        token: args.token,
        stationId: 'bare-page',
        stationKey: 'B'.repeat(43),
        clientVersion: 'floor',
        resume: null,
      },
    },
  );
  socket.on('alert', (alert: Alert, ack: (a: unknown) => void) => {
    ack({ status: 'stored' });
    void Promise.all([load(alert.probe), load(alert.subject.image)]).then(([p, w]) => {
      for (const el of [probe, watch]) if (el.src.startsWith('blob:')) URL.revokeObjectURL(el.src);
      probe.dataset.alertId = alert.alertId;
      probe.src = p;
      watch.src = w;
    });
  });
  return new Promise((resolve) => socket.on('connect', () => resolve()));
}

export async function benchBarePage(
  browser: Browser,
  singles = 30,
): Promise<{ p50Ms: number; p95Ms: number; firstMs: number }> {
  const token = 'bench';
  const server = await TrainingFeedServer.start({ rate: 0, token, seed: 77 });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.setContent(BARE_PAGE);
    // tsx keeps function names with a __name helper; functions sent to the page need it too.
    await page.evaluate('window.__name = (f) => f');
    await page.addScriptTag({ path: SOCKET_IO_BUNDLE });
    await page.evaluate(connectBarePage, { url: server.url, token });
    while (server.stations.length === 0) await new Promise((r) => setTimeout(r, 20));
    const latencies: number[] = [];
    for (const alert of prepareAlerts(server, singles, 7)) {
      const painted = paintedWith(page, [alert.alertId]);
      const t0 = Date.now();
      void server.emitRaw('alert', alert);
      latencies.push((await painted) - t0);
    }
    // The first alert this page ever paints: its cold start, beside the station's first after sign-in.
    return { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), firstMs: latencies[0]! };
  } finally {
    await page.close();
    await server.close();
  }
}
