/**
 * Synthetic faces for the training feed. No photographs: every image is drawn
 * from a seed, so the reference image and the probes of one invented person look
 * alike while no real person is ever shown.
 */
import { makeIdentity } from './face-traits';
import { drawPerson, type Lighting, type Pose } from './portrait';
import { hashSeed, Random } from './prng';
import { Raster, addNoise, blur, hypot, mix, paint, PIXEL_FRAME, resample, type Rgb } from './raster';
import { drawStreet } from './street';

export interface RenderedImage {
  data: Buffer<ArrayBuffer>;
  width: number;
  height: number;
  mime: 'image/jpeg';
}

export interface RenderedScene extends RenderedImage {
  box: { x: number; y: number; w: number; h: number };
}

interface FaceOptions {
  width: number;
  height: number;
  /** reference: a frontal, evenly lit custody-style image. probe: a CCTV crop. */
  variant?: 'reference' | 'probe';
  /** Varies pose, light and noise between probes of the same person. */
  captureSeed?: number;
  quality?: number;
}

const BACKDROPS: Rgb[] = [
  [196, 204, 214],
  [214, 212, 206],
  [176, 188, 204],
  [226, 226, 222],
  [160, 170, 178],
];

function referenceLook(seed: number): { pose: Pose; light: Lighting } {
  const r = new Random(hashSeed('reference-look', seed));
  return {
    pose: { yaw: r.range(-0.06, 0.06), pitch: r.range(-0.03, 0.03), roll: r.range(-0.03, 0.03) },
    light: { dir: [r.range(-0.3, 0.3), -0.35, 1], ambient: 0.5, diffuse: 0.55, tint: [1, 1, 1] },
  };
}

function probeLook(r: Random): { pose: Pose; light: Lighting } {
  const cast: Rgb = r.pick<Rgb>([
    [1.02, 1, 0.9],
    [0.92, 1, 1.04],
    [1.06, 0.98, 0.86],
    [0.96, 1.02, 0.96],
  ]);
  return {
    pose: { yaw: r.range(-0.32, 0.32), pitch: r.range(0.08, 0.28), roll: r.range(-0.12, 0.12) },
    light: {
      dir: [r.range(-0.8, 0.8), -r.range(0.6, 1.2), 0.6],
      ambient: r.range(0.3, 0.42),
      diffuse: r.range(0.6, 0.85),
      tint: cast,
    },
  };
}

export function renderFace(seed: number, opts: FaceOptions): RenderedImage {
  const { width, height } = opts;
  const variant = opts.variant ?? 'reference';
  const who = makeIdentity(seed);
  if (variant === 'reference') {
    const { pose, light } = referenceLook(seed);
    const raster = new Raster(width, height);
    const r = new Random(hashSeed('reference-bg', seed));
    const backdrop = r.pick(BACKDROPS);
    paint(
      raster,
      PIXEL_FRAME,
      { x0: 0, y0: 0, x1: width, y1: height },
      () => 1,
      (x, y, out) => {
        // The subject's soft shadow on the wall behind.
        const halo = Math.max(
          0,
          1 - hypot((x - width * 0.56) / (width * 0.5), (y - height * 0.55) / (height * 0.5)),
        );
        const k = 1 - 0.2 * (halo * 0.5 + (y / height) * 0.2);
        out[0] = backdrop[0] * k;
        out[1] = backdrop[1] * k;
        out[2] = backdrop[2] * k;
      },
    );
    const unit = Math.min(width * 0.235, height * 0.2);
    drawPerson(raster, who, pose, light, { cx: width / 2, cy: height * 0.45, unit, bodyLength: 4 }, seed);
    addNoise(raster, r, 2.2);
    return { data: raster.toJpeg(opts.quality ?? 85), width, height, mime: 'image/jpeg' };
  }

  const r = new Random(hashSeed('probe', seed, opts.captureSeed ?? 0));
  const { pose, light } = probeLook(r);
  // Drawn small and blown up: the softness of a crop from a distant camera.
  const detail = r.range(0.38, 0.55);
  const sw = Math.max(48, Math.round(width * detail));
  const sh = Math.max(58, Math.round(height * detail));
  const small = new Raster(sw, sh);
  drawStreetBlur(small, r);
  const unit = Math.min(sw, sh / 1.2) * r.range(0.21, 0.26);
  drawPerson(
    small,
    who,
    pose,
    light,
    { cx: sw * r.range(0.45, 0.55), cy: sh * r.range(0.42, 0.5), unit, bodyLength: 4 },
    seed,
  );
  addNoise(small, r, r.range(3, 6));
  const raster = resample(small, width, height);
  addNoise(raster, r, 2.5);
  return { data: raster.toJpeg(opts.quality ?? 82), width, height, mime: 'image/jpeg' };
}

/** An out-of-focus street behind a probe crop. */
function drawStreetBlur(raster: Raster, r: Random): void {
  const { width, height } = raster;
  const bands: Array<{ x: number; c: Rgb }> = [];
  for (let x = 0; x < width; x += r.range(width * 0.15, width * 0.45)) {
    bands.push({
      x,
      c: mix(
        [70, 72, 78],
        r.pick<Rgb>([
          [150, 84, 64],
          [176, 160, 136],
          [60, 80, 110],
          [120, 112, 104],
          [200, 190, 170],
        ]),
        r.float(),
      ),
    });
  }
  paint(
    raster,
    PIXEL_FRAME,
    { x0: 0, y0: 0, x1: width, y1: height },
    () => 1,
    (x, y, out) => {
      let c = bands[0]!.c;
      for (const band of bands) if (x >= band.x) c = band.c;
      const k = 0.8 + 0.3 * (1 - y / height);
      out[0] = c[0] * k;
      out[1] = c[1] * k;
      out[2] = c[2] * k;
    },
  );
  blur(raster, Math.max(1, Math.round(width / 30)));
}

interface SceneOptions {
  width: number;
  height: number;
  quality?: number;
  captureSeed?: number;
}

// Each camera looks at the same street, so its background is drawn once and copied.
const streets = new Map<string, Uint8ClampedArray>();
const STREET_CACHE_SIZE = 6;

function streetBackground(seed: number, width: number, height: number): Raster {
  const key = `${seed}:${width}x${height}`;
  const raster = new Raster(width, height);
  const cached = streets.get(key);
  if (cached) {
    raster.data.set(cached);
    return raster;
  }
  const r = new Random(hashSeed('street-light', seed));
  const tint: Rgb = [r.range(0.95, 1.05), 1, r.range(0.9, 1.05)];
  drawStreet(raster, seed, { dir: [0.3, -1, 0.5], ambient: 0.55, diffuse: 0.5, tint });
  streets.set(key, Uint8ClampedArray.from(raster.data));
  while (streets.size > STREET_CACHE_SIZE) streets.delete(streets.keys().next().value!);
  return raster;
}

/** A full camera frame with the person of `faceSeed` in it; `box` frames their face. */
export function renderScene(seed: number, faceSeed: number, opts: SceneOptions): RenderedScene {
  const { width, height } = opts;
  const r = new Random(hashSeed('scene', seed, faceSeed, opts.captureSeed ?? 0));
  const { pose, light } = probeLook(r);
  const raster = streetBackground(seed, width, height);
  const boxW = Math.round(r.range(0.055, 0.085) * width);
  const boxH = Math.round(boxW * 1.25);
  const unit = boxW / 2.3;
  const cx = Math.round(r.range(0.2, 0.8) * width);
  const cy = Math.round(r.range(0.3, 0.5) * height);
  drawPerson(raster, makeIdentity(faceSeed), pose, light, { cx, cy, unit, bodyLength: 16 }, faceSeed);
  blur(raster, 1, 1);
  addNoise(raster, r, 3.5);
  const box = {
    x: Math.max(0, Math.round(cx - boxW / 2)),
    y: Math.max(0, Math.round(cy - boxH * 0.55)),
    w: boxW,
    h: boxH,
  };
  return { data: raster.toJpeg(opts.quality ?? 80), width, height, mime: 'image/jpeg', box };
}
