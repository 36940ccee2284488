/**
 * A minimal software rasteriser for the synthetic faces and scenes: shapes are
 * coverage functions in a local frame (so a head can be moved, scaled and rolled
 * as a group), blended into a float RGB buffer, then encoded with jpeg-js.
 */
import jpeg from 'jpeg-js';
import { hashSeed, type Random } from './prng';

export type Rgb = readonly [number, number, number];
/** Writes the colour at a local point into out[0..2] (0..255). */
export type Shader = (lx: number, ly: number, out: Float32Array) => void;

export class Raster {
  readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 3);
  }

  toRgba(): Buffer {
    const out = Buffer.alloc(this.width * this.height * 4);
    const src = this.data;
    for (let i = 0, j = 0; i < src.length; i += 3, j += 4) {
      out[j] = clamp255(src[i]!);
      out[j + 1] = clamp255(src[i + 1]!);
      out[j + 2] = clamp255(src[i + 2]!);
      out[j + 3] = 255;
    }
    return out;
  }

  toJpeg(quality: number): Buffer<ArrayBuffer> {
    // jpeg-js returns a plain (not shared) buffer; its typings just do not say so.
    return jpeg.encode({ data: this.toRgba(), width: this.width, height: this.height }, quality)
      .data as Buffer<ArrayBuffer>;
  }
}

function clamp255(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** Math.hypot is several times slower than this in V8, and it runs per pixel. */
export function hypot(x: number, y: number, z = 0): number {
  return Math.sqrt(x * x + y * y + z * z);
}

export function clamp01(v: number): number {
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = clamp01((x - edge0) / (edge1 - edge0));
  return t * t * (3 - 2 * t);
}

export function mix(a: Rgb, b: Rgb, t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Maps local coordinates to pixels: translate, uniform scale, rotate. */
export interface Frame {
  ox: number;
  oy: number;
  scale: number;
  cos: number;
  sin: number;
}

export function makeFrame(ox: number, oy: number, scaleBy: number, angle = 0): Frame {
  return { ox, oy, scale: scaleBy, cos: Math.cos(angle), sin: Math.sin(angle) };
}

export const PIXEL_FRAME: Frame = makeFrame(0, 0, 1, 0);

interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const scratch = new Float32Array(3);

/**
 * Blends `color` into every pixel whose centre lies in `bounds` (local units),
 * weighted by coverage(lx, ly, aa) where aa is one pixel in local units.
 */
export function paint(
  raster: Raster,
  frame: Frame,
  bounds: Bounds,
  coverage: (lx: number, ly: number, aa: number) => number,
  color: Rgb | Shader,
  opacity = 1,
): void {
  const { ox, oy, cos, sin } = frame;
  const s = frame.scale;
  let px0 = Infinity;
  let py0 = Infinity;
  let px1 = -Infinity;
  let py1 = -Infinity;
  for (const [lx, ly] of [
    [bounds.x0, bounds.y0],
    [bounds.x1, bounds.y0],
    [bounds.x0, bounds.y1],
    [bounds.x1, bounds.y1],
  ] as const) {
    const px = ox + s * (lx * cos - ly * sin);
    const py = oy + s * (lx * sin + ly * cos);
    px0 = Math.min(px0, px);
    py0 = Math.min(py0, py);
    px1 = Math.max(px1, px);
    py1 = Math.max(py1, py);
  }
  const xs = Math.max(0, Math.floor(px0) - 1);
  const ys = Math.max(0, Math.floor(py0) - 1);
  const xe = Math.min(raster.width - 1, Math.ceil(px1) + 1);
  const ye = Math.min(raster.height - 1, Math.ceil(py1) + 1);
  const aa = 1 / s;
  const data = raster.data;
  const shader = typeof color === 'function' ? color : null;
  const flat = typeof color === 'function' ? null : color;
  for (let y = ys; y <= ye; y += 1) {
    const dy = y + 0.5 - oy;
    for (let x = xs; x <= xe; x += 1) {
      const dx = x + 0.5 - ox;
      const lx = (dx * cos + dy * sin) * aa;
      const ly = (-dx * sin + dy * cos) * aa;
      const a = coverage(lx, ly, aa) * opacity;
      if (a <= 0.002) continue;
      let r: number;
      let g: number;
      let b: number;
      if (shader) {
        shader(lx, ly, scratch);
        r = scratch[0]!;
        g = scratch[1]!;
        b = scratch[2]!;
      } else {
        r = flat![0];
        g = flat![1];
        b = flat![2];
      }
      const i = (y * raster.width + x) * 3;
      const k = a >= 1 ? 1 : a;
      data[i] = data[i]! + (r - data[i]!) * k;
      data[i + 1] = data[i + 1]! + (g - data[i + 1]!) * k;
      data[i + 2] = data[i + 2]! + (b - data[i + 2]!) * k;
    }
  }
}

/** Coverage of a rotated ellipse, antialiased over about one pixel (or `soft` local units). */
export function ellipse(cx: number, cy: number, rx: number, ry: number, angle = 0, soft = 0) {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (lx: number, ly: number, aa: number): number => {
    const dx = lx - cx;
    const dy = ly - cy;
    const ex = (dx * c + dy * s) / rx;
    const ey = (-dx * s + dy * c) / ry;
    const k = Math.sqrt(ex * ex + ey * ey);
    if (k === 0) return 1;
    const grad = Math.sqrt((ex / rx) ** 2 + (ey / ry) ** 2) / k;
    const d = (k - 1) / grad;
    return clamp01(0.5 - d / (aa + soft));
  };
}

export function ellipseBounds(cx: number, cy: number, rx: number, ry: number, pad = 0): Bounds {
  const r = Math.max(rx, ry) + pad;
  return { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r };
}

/** Distance from a point to a polyline (for strokes such as brows, lids and lips). */
function polylineDistance(points: ReadonlyArray<readonly [number, number]>, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[i + 1]!;
    const vx = bx - ax;
    const vy = by - ay;
    const t = clamp01(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy || 1));
    const ddx = x - (ax + vx * t);
    const ddy = y - (ay + vy * t);
    best = Math.min(best, ddx * ddx + ddy * ddy);
  }
  return Math.sqrt(best);
}

/** A quadratic curve through a, with control c, to b, as a polyline. */
export function curve(
  a: readonly [number, number],
  c: readonly [number, number],
  b: readonly [number, number],
  steps = 12,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i <= steps; i += 1) {
    const t = i / steps;
    const u = 1 - t;
    out.push([
      u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
      u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
    ]);
  }
  return out;
}

/** Coverage of a stroke of constant width along a polyline. */
export function stroke(points: ReadonlyArray<readonly [number, number]>, width: number, soft = 0) {
  return (lx: number, ly: number, aa: number): number =>
    clamp01(0.5 - (polylineDistance(points, lx, ly) - width / 2) / (aa + soft));
}

export function polylineBounds(points: ReadonlyArray<readonly [number, number]>, pad: number): Bounds {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x0: x0 - pad, y0: y0 - pad, x1: x1 + pad, y1: y1 + pad };
}

/** Coverage of a rounded rectangle centred at (cx, cy). */
export function roundedRect(cx: number, cy: number, hw: number, hh: number, radius: number, soft = 0) {
  return (lx: number, ly: number, aa: number): number => {
    const qx = Math.abs(lx - cx) - hw + radius;
    const qy = Math.abs(ly - cy) - hh + radius;
    const outside = hypot(Math.max(qx, 0), Math.max(qy, 0));
    const d = outside + Math.min(Math.max(qx, qy), 0) - radius;
    return clamp01(0.5 - d / (aa + soft));
  };
}

/** Signed distance of a rounded rectangle; used for outlines such as spectacle frames. */
export function roundedRectDistance(cx: number, cy: number, hw: number, hh: number, radius: number) {
  return (lx: number, ly: number): number => {
    const qx = Math.abs(lx - cx) - hw + radius;
    const qy = Math.abs(ly - cy) - hh + radius;
    return hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

/** Smooth value noise in 0..1 with lattice spacing 1. */
export function valueNoise(seed: number): (x: number, y: number) => number {
  const lattice = (ix: number, iy: number): number => {
    let h = Math.imul(ix, 374761393) ^ Math.imul(iy, 668265263) ^ seed;
    h = Math.imul(h ^ (h >>> 13), 1274126177);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  };
  return (x, y) => {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const fx = x - ix;
    const fy = y - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const a = lattice(ix, iy);
    const b = lattice(ix + 1, iy);
    const c = lattice(ix, iy + 1);
    const d = lattice(ix + 1, iy + 1);
    return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
  };
}

export function fractalNoise(seed: number, octaves = 3): (x: number, y: number) => number {
  const layers = Array.from({ length: octaves }, (_, i) => valueNoise(hashSeed(seed, i)));
  return (x, y) => {
    let total = 0;
    let amp = 0.5;
    let freq = 1;
    let norm = 0;
    for (const layer of layers) {
      total += layer(x * freq, y * freq) * amp;
      norm += amp;
      amp *= 0.5;
      freq *= 2;
    }
    return total / norm;
  };
}

// Gaussian samples drawn once: per-pixel Box-Muller or Irwin-Hall dominated render time.
const NOISE_TABLE = (() => {
  const table = new Float32Array(1 << 16);
  let state = 0x9e3779b9;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  for (let i = 0; i < table.length; i += 1)
    table[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return table;
})();

/** Sensor noise: luminance grain plus weaker chroma grain. */
export function addNoise(raster: Raster, rng: Random, sigma: number): void {
  const d = raster.data;
  const mask = NOISE_TABLE.length - 1;
  let i0 = Math.floor(rng.float() * NOISE_TABLE.length);
  const step = 2 * Math.floor(rng.float() * 2000) + 7919;
  const chroma = sigma * 0.35;
  for (let i = 0; i < d.length; i += 3) {
    i0 = (i0 + step) & mask;
    const luma = NOISE_TABLE[i0]! * sigma;
    d[i] = d[i]! + luma + NOISE_TABLE[(i0 + 101) & mask]! * chroma;
    d[i + 1] = d[i + 1]! + luma + NOISE_TABLE[(i0 + 4049) & mask]! * chroma;
    d[i + 2] = d[i + 2]! + luma + NOISE_TABLE[(i0 + 30011) & mask]! * chroma;
  }
}

/** Separable box blur, applied `passes` times (three passes look close to Gaussian). */
export function blur(raster: Raster, radius: number, passes = 2): void {
  if (radius < 1) return;
  const { width, height, data } = raster;
  const tmp = new Float32Array(data.length);
  const run = (src: Float32Array, dst: Float32Array, horizontal: boolean) => {
    const lines = horizontal ? height : width;
    const len = horizontal ? width : height;
    const step = horizontal ? 3 : width * 3;
    const norm = 1 / (2 * radius + 1);
    for (let line = 0; line < lines; line += 1) {
      const base = horizontal ? line * width * 3 : line * 3;
      for (let ch = 0; ch < 3; ch += 1) {
        let acc = 0;
        for (let k = -radius; k <= radius; k += 1)
          acc += src[base + Math.min(len - 1, Math.max(0, k)) * step + ch]!;
        for (let i = 0; i < len; i += 1) {
          dst[base + i * step + ch] = acc * norm;
          const add = Math.min(len - 1, i + radius + 1);
          const sub = Math.max(0, i - radius);
          acc += src[base + add * step + ch]! - src[base + sub * step + ch]!;
        }
      }
    }
  };
  for (let p = 0; p < passes; p += 1) {
    run(data, tmp, true);
    run(tmp, data, false);
  }
}

/** Bilinear resample, used to fake the softness of a small CCTV crop blown up. */
export function resample(src: Raster, width: number, height: number): Raster {
  const out = new Raster(width, height);
  const sx = src.width / width;
  const sy = src.height / height;
  for (let y = 0; y < height; y += 1) {
    const fy = Math.min(src.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x += 1) {
      const fx = Math.min(src.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const tx = fx - x0;
      const o = (y * width + x) * 3;
      for (let ch = 0; ch < 3; ch += 1) {
        const a = src.data[(y0 * src.width + x0) * 3 + ch]!;
        const b = src.data[(y0 * src.width + x1) * 3 + ch]!;
        const c = src.data[(y1 * src.width + x0) * 3 + ch]!;
        const d = src.data[(y1 * src.width + x1) * 3 + ch]!;
        out.data[o + ch] = a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty;
      }
    }
  }
  return out;
}
