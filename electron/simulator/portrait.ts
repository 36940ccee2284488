/**
 * Draws one invented head and shoulders into a raster: a shaded face oval, eyes,
 * brows, nose, mouth, ears, hair, sometimes glasses and a beard. Geometry is in
 * head units (1 = half the face width) around the head centre, so the same person
 * can be drawn large for a reference image or small inside a street scene.
 */
import type { Identity } from './identity';
import {
  clamp01,
  hypot,
  curve,
  ellipse,
  ellipseBounds,
  fractalNoise,
  makeFrame,
  mix,
  paint,
  polylineBounds,
  roundedRect,
  roundedRectDistance,
  smoothstep,
  stroke,
  valueNoise,
  type Frame,
  type Raster,
  type Rgb,
  type Shader,
} from './raster';
import { hashSeed } from './prng';

export interface Pose {
  /** Turn left/right in radians: features slide across the head. */
  yaw: number;
  /** Positive: the camera looks down on the face. */
  pitch: number;
  /** Head tilt in radians. */
  roll: number;
}

export interface Lighting {
  /** Direction towards the light (x right, y down, z towards the camera). */
  dir: readonly [number, number, number];
  ambient: number;
  diffuse: number;
  /** Colour of the light, multiplied in. */
  tint: Rgb;
}

export interface Placement {
  cx: number;
  cy: number;
  /** Pixels per head unit. */
  unit: number;
  /** How far the body goes below the head, in head units. */
  bodyLength: number;
}

function normalise(v: readonly [number, number, number]): [number, number, number] {
  const n = hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

export function drawPerson(
  raster: Raster,
  who: Identity,
  pose: Pose,
  light: Lighting,
  at: Placement,
  seed: number,
): void {
  const frame: Frame = makeFrame(at.cx, at.cy, at.unit, pose.roll);
  const L = normalise(light.dir);
  const fw = who.faceWidth;
  const fl = who.faceLength;
  const lit = (nx: number, ny: number, nz: number) =>
    light.ambient + light.diffuse * Math.max(0, nx * L[0] + ny * L[1] + nz * L[2]);
  const tinted = (c: Rgb, k: number, out: Float32Array) => {
    out[0] = c[0] * k * light.tint[0];
    out[1] = c[1] * k * light.tint[1];
    out[2] = c[2] * k * light.tint[2];
  };
  const flat = (c: Rgb, k = 1): Rgb => [
    c[0] * k * light.tint[0],
    c[1] * k * light.tint[1],
    c[2] * k * light.tint[2],
  ];

  // Where a point on the face surface lands once the head turns (sphere-ish depth).
  const project = (x: number, y: number, depth = 1): [number, number] => {
    const z = Math.sqrt(Math.max(0, 1 - (x / (fw * 1.05)) ** 2)) * depth;
    return [x * Math.cos(pose.yaw) + z * Math.sin(pose.yaw), y + pose.pitch * z * 0.35];
  };
  const squash = (x: number) =>
    Math.max(0.35, Math.cos(pose.yaw + Math.asin(Math.max(-0.95, Math.min(0.95, x / fw)))));

  const skinNoise = fractalNoise(hashSeed(seed, 'skin'), 3);
  const hairNoise = valueNoise(hashSeed(seed, 'hair'));
  const hairShader =
    (base: Rgb): Shader =>
    (lx, ly, out) => {
      const nx = clamp01(Math.abs(lx) / 1.6) * Math.sign(lx);
      const ny = Math.max(-1, Math.min(1, (ly + 0.4) / 1.6));
      const nz = Math.sqrt(Math.max(0.05, 1 - nx * nx - ny * ny));
      const strands = 0.7 + 0.5 * hairNoise(lx * 34, ly * 5 + lx * 3);
      tinted(base, lit(nx, ny, nz) * strands, out);
    };

  // Body and clothes first: everything else overlaps them. A long body gets legs.
  const clothes = who.clothing;
  const torso = Math.min(at.bodyLength, 7);
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
  const neckline = ellipse(0, 1.75, 0.5, 0.42);
  const shoulders = roundedRect(0, 1.75 + torso / 2, 1.75, torso / 2, 1.1);
  const drawClothes = () =>
    paint(
      raster,
      frame,
      { x0: -2, y0: 1.6, x1: 2, y1: 2 + torso },
      (lx, ly, aa) => shoulders(lx, ly, aa) * (1 - neckline(lx, ly, aa)),
      (lx, ly, out) =>
        tinted(clothes, lit(lx / 2.1, -0.3, 0.8) * (0.9 + 0.1 * skinNoise(lx * 6, ly * 6)), out),
    );

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

  // Neck, with the shadow the chin throws on it, then the clothes around it.
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
  drawClothes();

  // Ears sit behind the face edge; the one turned towards the camera shows more.
  for (const side of [-1, 1]) {
    const visible = 1 + side * Math.sin(pose.yaw) * 0.8;
    if (visible < 0.25) continue;
    const ex = side * fw * (0.96 + 0.06 * side * Math.sin(pose.yaw));
    const ey = 0.08 + pose.pitch * 0.1;
    const rx = 0.13 * who.ears * visible;
    const ry = 0.27 * who.ears;
    paint(
      raster,
      frame,
      ellipseBounds(ex, ey, rx, ry, 0.05),
      ellipse(ex, ey, rx, ry, side * 0.15),
      flat(who.skin, 0.82 * lit(side, 0, 0.5)),
    );
    paint(
      raster,
      frame,
      ellipseBounds(ex, ey, rx, ry),
      ellipse(ex + side * 0.02, ey, rx * 0.55, ry * 0.6),
      flat(who.skin, 0.6),
      0.5,
    );
  }

  // The face oval, shaded as a rounded solid.
  const taper = who.jawTaper;
  const faceCoverage = (lx: number, ly: number, aa: number) => {
    const t = smoothstep(-0.1, fl, ly);
    const rx = fw * (1 - taper * t * t);
    const ex = lx / rx;
    const ey = ly / fl;
    const k = Math.sqrt(ex * ex + ey * ey);
    if (k === 0) return 1;
    const grad = Math.sqrt((ex / rx) ** 2 + (ey / fl) ** 2) / k;
    return clamp01(0.5 - (k - 1) / grad / aa);
  };
  const [cheekL] = project(-fw * 0.55, 0.35);
  const [cheekR] = project(fw * 0.55, 0.35);
  const blush = mix(who.skin, [200, 90, 90], 0.25);
  paint(
    raster,
    frame,
    { x0: -fw - 0.1, y0: -fl - 0.1, x1: fw + 0.1, y1: fl + 0.1 },
    faceCoverage,
    (lx, ly, out) => {
      const nx = Math.max(-1, Math.min(1, lx / fw - Math.sin(pose.yaw) * 0.5));
      const ny = Math.max(-1, Math.min(1, ly / fl - pose.pitch * 0.3));
      const nz = Math.sqrt(Math.max(0.02, 1 - nx * nx - ny * ny));
      const shade = lit(nx, ny, nz) * (0.94 + 0.1 * skinNoise(lx * 9, ly * 9));
      const cheek = Math.max(
        0,
        1 - hypot((lx - cheekL) / 0.35, (ly - 0.35) / 0.25),
        1 - hypot((lx - cheekR) / 0.35, (ly - 0.35) / 0.25),
      );
      const t = cheek * 0.5;
      // Shadowed skin is warmer and more saturated than lit skin.
      const warm = 1 - shade;
      out[0] = (who.skin[0] + (blush[0] - who.skin[0]) * t) * shade * light.tint[0];
      out[1] = (who.skin[1] + (blush[1] - who.skin[1]) * t) * shade * (1 - warm * 0.12) * light.tint[1];
      out[2] = (who.skin[2] + (blush[2] - who.skin[2]) * t) * shade * (1 - warm * 0.2) * light.tint[2];
    },
  );

  // Eyes: socket shadow, white, iris, pupil, glint, lids; then the brows.
  const eyes = who.eyes;
  const irisGaze = -Math.sin(pose.yaw) * 0.02;
  for (const side of [-1, 1]) {
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
    paint(
      raster,
      frame,
      ellipseBounds(ex, ey, w, h, 0.03),
      sclera,
      flat([226, 222, 216], lit(0, 0, 1) * 0.92),
    );
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
    paint(
      raster,
      frame,
      polylineBounds(crease, 0.05),
      stroke(crease, 0.015, 0.02),
      flat(who.skin, 0.62),
      0.55,
    );
    const lower = curve([ex - w * 0.9, ey + h * 0.6], [ex, ey + h * 1.9], [ex + w * 0.95, ey + h * 0.5]);
    paint(
      raster,
      frame,
      polylineBounds(lower, 0.05),
      stroke(lower, 0.014, 0.02),
      flat(who.skin, 0.7),
      0.35 + who.lines * 0.6,
    );

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

  // Nose: shading down the side away from the light, a lit bridge, tip, nostrils.
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

  // Beard before the mouth, so the lips stay visible.
  const beard = who.beard;
  if (beard) {
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
      flat(mix(hairBase, [20, 16, 14], 0.3)),
      strength,
    );
  }

  // Mouth: two lips either side of a slightly curved parting line.
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

  // Front hair: a cap down to a curved hairline, or a straight fringe.
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

  // Glasses last: frames over everything, a faint lens tint and glare.
  const glasses = who.glasses;
  if (glasses) {
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
}
