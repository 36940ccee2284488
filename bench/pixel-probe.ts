/** How the pixel benchmarks see an alert painted, the same for the station and for its floor. */
import type { Page } from 'playwright-core';

/**
 * Resolves (page clock) once the probe showing is one of `keys` and both images have
 * painted. A key is the probe's SHA-256 (in the station's image URL) or, on the bare
 * floor page whose blob URLs name nothing, the alertId it puts on the probe.
 */
export function paintedWith(page: Page, keys: string[]): Promise<number> {
  return page.evaluate(
    (keys) =>
      new Promise<number>((resolve) => {
        const tick = () => {
          const p = document.querySelector<HTMLImageElement>('img[alt="Probe image"]');
          const w = document.querySelector<HTMLImageElement>('img[alt="Watchlist image"]');
          const ready = (i: HTMLImageElement | null) => !!i && i.complete && i.naturalWidth > 0;
          const src = p?.dataset.alertId ?? p?.getAttribute('src') ?? '';
          if (keys.some((key) => src.includes(key)) && ready(p) && ready(w))
            requestAnimationFrame(() => resolve(Date.now()));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    keys,
  );
}
