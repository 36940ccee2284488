/**
 * The mouth: upper and lower lip either side of a slightly curved parting line
 * (its curve is the smile), a dark line where they meet, and the shadow under the
 * lower lip.
 */
import type { PortraitContext } from './portrait-context';
import {
  clamp01,
  ellipse,
  ellipseBounds,
  hypot,
  mix,
  paint,
  polylineBounds,
  smoothstep,
  stroke,
} from './raster';

export function drawMouth(ctx: PortraitContext): void {
  const { raster, frame, who, lit, tinted, flat, project, squash } = ctx;
  const mouth = who.mouth;
  const [mx, my] = project(0, mouth.y, 1.1);
  const mw = mouth.width * squash(0);
  const upperLip = ellipse(mx, my, mw, mouth.lips * 0.95);
  const lowerLip = ellipse(mx, my + mouth.lips * 0.15, mw * 0.86, mouth.lips * 1.2);
  const parting = (x: number) => my - mouth.smile * ((x - mx) / mw) ** 2 + mouth.smile * 0.3;
  paint(
    raster,
    frame,
    { x0: mx - mw - 0.05, y0: my - mouth.lips - 0.05, x1: mx + mw + 0.05, y1: my + 0.05 },
    (lx, ly, aa) => Math.min(upperLip(lx, ly, aa), clamp01(0.5 + (parting(lx) - ly) / aa)),
    (lx, ly, out) => {
      const bow = 1 - 0.12 * smoothstep(0.02, 0, Math.abs(lx - mx));
      tinted(mouth.color, 0.82 * bow * lit(0, -0.2, 1), out);
    },
  );
  paint(
    raster,
    frame,
    { x0: mx - mw - 0.05, y0: my - 0.05, x1: mx + mw + 0.05, y1: my + mouth.lips * 1.6 },
    (lx, ly, aa) => Math.min(lowerLip(lx, ly, aa), clamp01(0.5 + (ly - parting(lx)) / aa)),
    (lx, ly, out) => {
      const gloss =
        1 +
        0.15 *
          Math.max(0, 1 - hypot((lx - mx) / (mw * 0.4), (ly - my - mouth.lips * 0.6) / (mouth.lips * 0.4)));
      tinted(mouth.color, lit(0, 0.3, 1) * gloss, out);
    },
  );
  const line = Array.from({ length: 13 }, (_, i): [number, number] => {
    const x = mx - mw * 0.98 + (i / 12) * mw * 1.96;
    return [x, parting(x)];
  });
  paint(
    raster,
    frame,
    polylineBounds(line, 0.05),
    stroke(line, 0.018, 0.008),
    flat(mix(mouth.color, [30, 10, 10], 0.6)),
  );
  paint(
    raster,
    frame,
    ellipseBounds(mx, my + mouth.lips * 2.4, 0.2, 0.08),
    ellipse(mx, my + mouth.lips * 2.3, mw * 0.55, 0.05, 0, 0.05),
    flat(who.skin, 0.78),
    0.35,
  );
}
