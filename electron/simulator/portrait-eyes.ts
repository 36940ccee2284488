/**
 * The eyes and brows: socket shadow, white, iris, pupil, glint and lids for each
 * eye, then its brow. Eyes are what a face-matching reviewer looks at first, so
 * they follow the identity's spacing, size, tilt and iris colour, and glance with
 * the head's turn.
 */
import type { PortraitContext } from './portrait-context';
import { hashSeed } from './prng';
import {
  curve,
  ellipse,
  ellipseBounds,
  hypot,
  mix,
  paint,
  polylineBounds,
  stroke,
  valueNoise,
} from './raster';

/** Both eyes, each followed by its brow (left eye, left brow, right eye, right brow). */
export function drawEyesAndBrows(ctx: PortraitContext): void {
  for (const side of [-1, 1]) {
    const ex = drawEye(ctx, side);
    drawBrow(ctx, side, ex);
  }
}

/** One eye on `side` (-1 left, 1 right); returns its projected centre x for the brow. */
function drawEye(ctx: PortraitContext, side: number): number {
  const { raster, frame, who, pose, lit, tinted, flat, project, squash } = ctx;
  const eyes = who.eyes;
  const irisGaze = -Math.sin(pose.yaw) * 0.02;
  const [ex, ey] = project(side * eyes.spacing, eyes.y, 1.0);
  const w = 0.2 * eyes.size * squash(side * eyes.spacing);
  const h = 0.078 * eyes.size;
  const tilt = side * eyes.tilt * -1;
  paint(
    raster,
    frame,
    ellipseBounds(ex, ey, w + 0.2, h + 0.2),
    ellipse(ex, ey - 0.02, w * 1.4, h * 2.3, tilt, 0.08),
    flat(who.skin, 0.72),
    0.45,
  );
  const sclera = ellipse(ex, ey, w, h, tilt);
  paint(raster, frame, ellipseBounds(ex, ey, w, h, 0.03), sclera, flat([226, 222, 216], lit(0, 0, 1) * 0.92));
  const ir = 0.072 * eyes.size;
  const ix = ex + irisGaze;
  const iris = ellipse(ix, ey, ir, ir);
  paint(
    raster,
    frame,
    ellipseBounds(ix, ey, ir, ir, 0.02),
    (lx, ly, aa) => Math.min(sclera(lx, ly, aa), iris(lx, ly, aa)),
    (lx, ly, out) => {
      const rr = hypot(lx - ix, ly - ey) / ir;
      tinted(eyes.iris, 0.75 + 0.3 * (1 - rr) * lit(0, 0, 1), out);
    },
  );
  const pupil = ellipse(ix, ey, ir * 0.42, ir * 0.42);
  paint(
    raster,
    frame,
    ellipseBounds(ix, ey, ir * 0.45, ir * 0.45, 0.02),
    (lx, ly, aa) => Math.min(sclera(lx, ly, aa), pupil(lx, ly, aa)),
    [12, 10, 10],
  );
  paint(
    raster,
    frame,
    ellipseBounds(ix + ir * 0.3, ey - ir * 0.3, ir * 0.2, ir * 0.2),
    ellipse(ix + ir * 0.3, ey - ir * 0.3, ir * 0.18, ir * 0.18),
    [250, 250, 250],
    0.8,
  );
  const lid = curve([ex - w * 1.05, ey + 0.01], [ex, ey - h * 2.1], [ex + w * 1.05, ey + 0.01]);
  paint(
    raster,
    frame,
    polylineBounds(lid, 0.05),
    stroke(lid, 0.026 * eyes.size, 0.01),
    flat(mix(who.skin, [20, 14, 12], 0.75)),
  );
  const crease = curve([ex - w * 0.9, ey - h * 1.1], [ex, ey - h * 3.1], [ex + w * 0.95, ey - h * 1.2]);
  paint(raster, frame, polylineBounds(crease, 0.05), stroke(crease, 0.015, 0.02), flat(who.skin, 0.62), 0.55);
  const lower = curve([ex - w * 0.9, ey + h * 0.6], [ex, ey + h * 1.9], [ex + w * 0.95, ey + h * 0.5]);
  paint(
    raster,
    frame,
    polylineBounds(lower, 0.05),
    stroke(lower, 0.014, 0.02),
    flat(who.skin, 0.7),
    0.35 + who.lines * 0.6,
  );
  return ex;
}

/** The brow above the eye centred at `ex`, with a hairy, broken texture. */
function drawBrow(ctx: PortraitContext, side: number, ex: number): void {
  const { raster, frame, who, seed, flat, squash } = ctx;
  const eyes = who.eyes;
  const brows = who.brows;
  const bw = squash(side * eyes.spacing);
  const inner: [number, number] = [ex - side * 0.2 * bw, brows.y + eyes.y + brows.tilt];
  const outer: [number, number] = [ex + side * 0.26 * bw, brows.y + eyes.y + 0.04 - brows.tilt];
  const peak: [number, number] = [ex + side * 0.06 * bw, brows.y + eyes.y - brows.arch];
  const brow = curve(inner, peak, outer, 10);
  const browTexture = valueNoise(hashSeed(seed, 'brow', side));
  const browStroke = stroke(brow, brows.thickness, 0.02);
  paint(
    raster,
    frame,
    polylineBounds(brow, 0.1),
    (lx, ly, aa) => browStroke(lx, ly, aa) * (0.65 + 0.35 * browTexture(lx * 60, ly * 20)),
    flat(brows.color),
    0.9,
  );
}
