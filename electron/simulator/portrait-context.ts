/**
 * What every part of a portrait shares: the pose, light and placement types, and
 * the per-person drawing context (head frame, light model, how a point on the face
 * moves when the head turns, skin and hair textures, the face outline). Built once
 * per drawn person so the feature modules (body, hair, face, eyes, nose, mouth,
 * glasses) shade and place things the same way and the parts line up.
 */
import type { Identity } from './face-traits';
import { hashSeed } from './prng';
import {
  clamp01,
  fractalNoise,
  hypot,
  makeFrame,
  smoothstep,
  valueNoise,
  type Frame,
  type Raster,
  type Rgb,
  type Shader,
} from './raster';

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

export interface PortraitContext {
  raster: Raster;
  /** Head units around the head centre, tilted by the roll. */
  frame: Frame;
  who: Identity;
  pose: Pose;
  light: Lighting;
  at: Placement;
  seed: number;
  /** Unit vector towards the light. */
  L: [number, number, number];
  /** Half face width and half face length, in head units. */
  fw: number;
  fl: number;
  /** Brightness of a surface with this normal. */
  lit: (nx: number, ny: number, nz: number) => number;
  /** Writes colour `c` at brightness `k` under the light's tint into `out` (allocates nothing). */
  tinted: (c: Rgb, k: number, out: Float32Array) => void;
  /** A fixed colour at brightness `k` under the light's tint. */
  flat: (c: Rgb, k?: number) => Rgb;
  /** Where a point on the face surface lands once the head turns (sphere-ish depth). */
  project: (x: number, y: number, depth?: number) => [number, number];
  /** How much a feature at `x` narrows as the head turns away from it. */
  squash: (x: number) => number;
  skinNoise: (x: number, y: number) => number;
  /** Hair of colour `base`, shaded as a rounded mass with strands. */
  hairShader: (base: Rgb) => Shader;
  /** Coverage of the face oval (jaw narrowed by the taper). */
  faceCoverage: (lx: number, ly: number, aa: number) => number;
}

function normalise(v: readonly [number, number, number]): [number, number, number] {
  const n = hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

export function makePortraitContext(
  raster: Raster,
  who: Identity,
  pose: Pose,
  light: Lighting,
  at: Placement,
  seed: number,
): PortraitContext {
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

  return {
    raster,
    frame,
    who,
    pose,
    light,
    at,
    seed,
    L,
    fw,
    fl,
    lit,
    tinted,
    flat,
    project,
    squash,
    skinNoise,
    hairShader,
    faceCoverage,
  };
}
