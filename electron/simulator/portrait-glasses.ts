/**
 * Glasses, drawn last so the frames sit over everything (hair included): two
 * frames round or square, a faint lens tint with a glare streak, the bridge, and
 * the arms running back to the face edge when the turn shows them.
 */
import type { PortraitContext } from './portrait-context';
import { clamp01, curve, paint, polylineBounds, roundedRectDistance, smoothstep, stroke } from './raster';

export function drawGlasses(ctx: PortraitContext): void {
  const { raster, frame, who, fw, flat, project, squash } = ctx;
  const glasses = who.glasses;
  if (!glasses) return;
  const eyes = who.eyes;
  const lensCentres = [-1, 1].map((s) => project(s * eyes.spacing, eyes.y + 0.02, 1.15));
  const hw = 0.26 * squash(0) * eyes.size;
  const hh = glasses.round ? 0.2 : 0.16;
  const radius = glasses.round ? 0.18 : 0.06;
  for (const [gx, gy] of lensCentres) {
    const dist = roundedRectDistance(gx, gy, hw, hh, radius);
    paint(
      raster,
      frame,
      { x0: gx - hw - 0.05, y0: gy - hh - 0.05, x1: gx + hw + 0.05, y1: gy + hh + 0.05 },
      (lx, ly, aa) => clamp01(0.5 - (Math.abs(dist(lx, ly)) - 0.018) / aa),
      flat(glasses.color),
    );
    paint(
      raster,
      frame,
      { x0: gx - hw, y0: gy - hh, x1: gx + hw, y1: gy + hh },
      (lx, ly, aa) =>
        clamp01(0.5 - dist(lx, ly) / aa) *
        (glasses.tint + 0.12 * smoothstep(0.1, 0, Math.abs(lx - gx + (ly - gy) * 0.8 - 0.06))),
      [235, 240, 245],
    );
  }
  const [l, r] = lensCentres as [[number, number], [number, number]];
  const bridgeLine = curve(
    [l[0] + hw, l[1] - 0.03],
    [(l[0] + r[0]) / 2, l[1] - 0.1],
    [r[0] - hw, r[1] - 0.03],
  );
  paint(raster, frame, polylineBounds(bridgeLine, 0.05), stroke(bridgeLine, 0.028), flat(glasses.color));
  for (const [s, c] of [
    [-1, l],
    [1, r],
  ] as const) {
    const arm = [
      [c[0] + s * hw, c[1] - 0.06],
      [s * fw * 0.98, c[1] - 0.02],
    ] as const;
    if (Math.abs(arm[1][0]) > Math.abs(arm[0][0]))
      paint(raster, frame, polylineBounds(arm, 0.05), stroke(arm, 0.03), flat(glasses.color));
  }
}
