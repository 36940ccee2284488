/**
 * Hair in its three layers: the mass behind the head (long, curly, bun), drawn
 * before the neck and face; the beard, drawn over the face but before the mouth so
 * the lips stay visible; and the front hair (a cap down to a hairline, a fringe, or
 * the shadow of a shaved head), drawn over the face.
 */
import type { PortraitContext } from './portrait-context';
import { hashSeed } from './prng';
import {
  clamp01,
  ellipse,
  ellipseBounds,
  hypot,
  mix,
  paint,
  roundedRect,
  smoothstep,
  valueNoise,
} from './raster';

export function drawBackHair(ctx: PortraitContext): void {
  const { raster, frame, who, seed, hairShader } = ctx;
  const hair = who.hair;
  const hairBase = hair.color;
  if (hair.style === 'long') {
    paint(
      raster,
      frame,
      { x0: -1.5, y0: -1.8, x1: 1.5, y1: 2.6 },
      roundedRect(0, 0.35, 1.28 * hair.volume, 1.95, 0.9),
      hairShader(hairBase),
    );
  }
  if (hair.style === 'curly') {
    const bump = valueNoise(hashSeed(seed, 'curls'));
    const base = hairShader(hairBase);
    const rx = 1.42 * hair.volume;
    const ry = 1.5 * hair.volume;
    paint(
      raster,
      frame,
      { x0: -1.9, y0: -2.2, x1: 1.9, y1: 0.9 },
      (lx, ly, aa) => {
        // A bumpy outline: the radius wobbles with the noise.
        const k = hypot(lx / rx, (ly + 0.45) / ry);
        return clamp01(0.5 - ((k - 1) * Math.min(rx, ry) - 0.12 * (bump(lx * 4, ly * 4) - 0.5)) / aa);
      },
      (lx, ly, out) => {
        base(lx, ly, out);
        const curl = 0.75 + 0.45 * bump(lx * 14, ly * 14);
        out[0] = out[0]! * curl;
        out[1] = out[1]! * curl;
        out[2] = out[2]! * curl;
      },
    );
  }
  if (hair.style === 'bun') {
    paint(
      raster,
      frame,
      ellipseBounds(0.1, -1.75, 0.5, 0.45, 0.1),
      ellipse(0.1, -1.72, 0.48, 0.42),
      hairShader(hairBase),
    );
  }
}

/** The beard, confined to the face oval and shaped around the mouth. */
export function drawBeard(ctx: PortraitContext): void {
  const { raster, frame, who, seed, fw, fl, project, flat, faceCoverage } = ctx;
  const beard = who.beard;
  if (!beard) return;
  const grain = valueNoise(hashSeed(seed, 'beard'));
  const mouthY = project(0, who.mouth.y, 1.1)[1];
  const top = (x: number) => {
    const ax = Math.abs(x) / fw;
    if (beard.kind === 'goatee') return ax < 0.38 ? mouthY + 0.12 : 9;
    if (beard.kind === 'moustache') return ax < 0.42 ? mouthY - 0.14 : 9;
    return mouthY - 0.16 - 0.62 * ax ** 1.4;
  };
  const bottom = (x: number) => (beard.kind === 'moustache' ? mouthY - 0.02 - Math.abs(x) * 0.05 : 9);
  const strength = beard.kind === 'stubble' ? 0.35 : beard.density;
  paint(
    raster,
    frame,
    { x0: -fw - 0.1, y0: -0.3, x1: fw + 0.1, y1: fl + 0.25 },
    (lx, ly, aa) => {
      const inFace = faceCoverage(lx, ly - 0.04, aa);
      const edge = smoothstep(-0.05, 0.06, ly - top(lx)) * smoothstep(-0.04, 0.02, bottom(lx) - ly);
      const freq = beard.kind === 'stubble' ? 90 : 40;
      return inFace * edge * (0.55 + 0.45 * grain(lx * freq, ly * freq));
    },
    flat(mix(who.hair.color, [20, 16, 14], 0.3)),
    strength,
  );
}

/** Front hair: a cap down to a curved hairline, or a straight fringe. */
export function drawFrontHair(ctx: PortraitContext): void {
  const { raster, frame, who, fw, fl, flat, hairShader, faceCoverage } = ctx;
  const hair = who.hair;
  const hairBase = hair.color;
  if (hair.style !== 'shaved') {
    const hairTop = hair.style === 'receding' ? -1.22 : hair.style === 'fringe' ? -0.52 : -0.82;
    const sideDrop = hair.style === 'fringe' ? 0.55 : 0.95;
    const hairline = (x: number) =>
      hairTop + sideDrop * Math.min(1, Math.abs(x) / fw) ** (hair.style === 'fringe' ? 2.5 : 3.2);
    const capRy = (fl - 0.02) * (hair.style === 'curly' ? 1.05 : 1) * hair.volume;
    const cap = ellipse(0, -0.3, (fw + 0.12) * (hair.style === 'curly' ? 1.1 : 1), capRy);
    paint(
      raster,
      frame,
      { x0: -fw - 0.3, y0: -fl - 0.5, x1: fw + 0.3, y1: 0.4 },
      (lx, ly, aa) => cap(lx, ly, aa) * clamp01(0.5 + (hairline(lx) - ly) / (aa + 0.02)),
      hairShader(hairBase),
    );
  } else {
    // A shaved head still shows a shadow of hair.
    paint(
      raster,
      frame,
      { x0: -fw - 0.2, y0: -fl - 0.2, x1: fw + 0.2, y1: 0.3 },
      (lx, ly, aa) => faceCoverage(lx, ly, aa) * smoothstep(-0.5, -0.75 - 0.7 * (1 - Math.abs(lx) / fw), ly),
      flat(mix(who.skin, hairBase, 0.6)),
      0.45,
    );
  }
}
