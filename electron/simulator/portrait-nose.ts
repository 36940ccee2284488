/**
 * The nose, drawn only with light and shade as a real one reads in a photo: a
 * shadow down the side away from the light, a lit bridge, the tip, the nostrils,
 * and (for older faces) the folds from nose to mouth.
 */
import type { PortraitContext } from './portrait-context';
import { curve, ellipse, ellipseBounds, paint, polylineBounds, stroke } from './raster';

export function drawNose(ctx: PortraitContext): void {
  const { raster, frame, who, L, lit, flat, project } = ctx;
  const nose = who.nose;
  const nl = nose.length;
  const nwid = nose.width;
  const [nbx, nby] = project(0, 0.05, 1.25);
  const [ntx, nty] = project(0, 0.42 * nl, 1.35);
  const side = L[0] >= 0 ? -1 : 1;
  const bridge = curve([nbx, nby], [(nbx + ntx) / 2, (nby + nty) / 2], [ntx, nty - 0.06]);
  paint(
    raster,
    frame,
    polylineBounds(bridge, 0.2),
    stroke(bridge, 0.07, 0.09),
    flat(who.skin, 1.15 * lit(0, 0, 1)),
    0.3,
  );
  const shadowSide = curve(
    [nbx + side * 0.1, nby + 0.05],
    [ntx + side * 0.14, (nby + nty) / 2],
    [ntx + side * 0.12 * nwid, nty],
  );
  paint(
    raster,
    frame,
    polylineBounds(shadowSide, 0.2),
    stroke(shadowSide, 0.05, 0.1),
    flat(who.skin, 0.62),
    0.45,
  );
  paint(
    raster,
    frame,
    ellipseBounds(ntx, nty, 0.2, 0.15),
    ellipse(ntx, nty, 0.11 * nwid, 0.085, 0, 0.05),
    flat(who.skin, 1.08 * lit(0, 0.2, 1)),
    0.6,
  );
  for (const s of [-1, 1]) {
    paint(
      raster,
      frame,
      ellipseBounds(ntx + s * 0.13 * nwid, nty + 0.02, 0.1, 0.1),
      ellipse(ntx + s * 0.13 * nwid, nty + 0.02, 0.06 * nwid, 0.07, s * 0.4, 0.03),
      flat(who.skin, 0.78),
      0.6,
    );
    paint(
      raster,
      frame,
      ellipseBounds(ntx + s * 0.065 * nwid, nty + 0.075, 0.06, 0.04),
      ellipse(ntx + s * 0.065 * nwid, nty + 0.075, 0.045 * nwid, 0.022, s * -0.3, 0.01),
      flat(who.skin, 0.3),
      0.85,
    );
  }
  paint(
    raster,
    frame,
    ellipseBounds(ntx, nty + 0.14, 0.2, 0.06),
    ellipse(ntx, nty + 0.14, 0.16 * nwid, 0.04, 0, 0.04),
    flat(who.skin, 0.7),
    0.35,
  );
  if (who.lines > 0.05) {
    for (const s of [-1, 1]) {
      const fold = curve(
        [ntx + s * 0.2 * nwid, nty],
        [ntx + s * 0.34, nty + 0.22],
        [ntx + s * 0.33, nty + 0.4],
      );
      paint(
        raster,
        frame,
        polylineBounds(fold, 0.1),
        stroke(fold, 0.02, 0.04),
        flat(who.skin, 0.7),
        who.lines,
      );
    }
  }
}
