/**
 * The body under a portrait: legs (only when the body is long, as in a street
 * scene), the neck with the chin's shadow, and the clothed shoulders. Drawn first
 * because the head and hair overlap them.
 */
import type { PortraitContext } from './portrait-context';
import { ellipse, mix, paint, polylineBounds, roundedRect, smoothstep, stroke } from './raster';

/** Torso length in head units; anything longer than this is legs. */
function torsoLength(ctx: PortraitContext): number {
  return Math.min(ctx.at.bodyLength, 7);
}

export function drawLegs(ctx: PortraitContext): void {
  const { raster, frame, who, at, flat } = ctx;
  const clothes = who.clothing;
  const torso = torsoLength(ctx);
  if (at.bodyLength > torso) {
    const trousers = mix(clothes, [30, 32, 38], 0.7);
    for (const s of [-0.55, 0.55]) {
      const leg = [
        [s, 1.8 + torso],
        [s * 1.1, 1.8 + at.bodyLength],
      ] as const;
      paint(raster, frame, polylineBounds(leg, 0.6), stroke(leg, 0.85), flat(trousers, 0.8));
    }
  }
}

/** The neck, with the shadow the chin throws on it, then the clothes around it. */
export function drawNeckAndClothes(ctx: PortraitContext): void {
  const { raster, frame, who, fl, lit, tinted, skinNoise } = ctx;
  paint(
    raster,
    frame,
    { x0: -0.7, y0: 0.6, x1: 0.7, y1: 2.6 },
    roundedRect(0, 1.6, 0.5, 0.85, 0.3),
    (lx, ly, out) => {
      const shade = lit(lx / 0.8, 0.1, 0.7) * (0.72 + 0.2 * smoothstep(fl * 0.95, fl + 0.5, ly));
      tinted(who.skin, shade, out);
    },
  );

  const clothes = who.clothing;
  const torso = torsoLength(ctx);
  const neckline = ellipse(0, 1.75, 0.5, 0.42);
  const shoulders = roundedRect(0, 1.75 + torso / 2, 1.75, torso / 2, 1.1);
  paint(
    raster,
    frame,
    { x0: -2, y0: 1.6, x1: 2, y1: 2 + torso },
    (lx, ly, aa) => shoulders(lx, ly, aa) * (1 - neckline(lx, ly, aa)),
    (lx, ly, out) => tinted(clothes, lit(lx / 2.1, -0.3, 0.8) * (0.9 + 0.1 * skinNoise(lx * 6, ly * 6)), out),
  );
}
