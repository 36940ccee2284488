/**
 * A street seen from a raised camera: sky, shop fronts with windows and signs,
 * a paved foreground in perspective, a lamp post and passers-by. Only there to
 * make the scene image look like CCTV; nothing in it is meant to be recognisable.
 *
 * Every part draws from one seeded generator in a fixed order, so a seed gives the same
 * street pixel for pixel: the parts below must keep their calls to `r` in this order.
 */
import { makeIdentity } from './face-traits';
import { drawPerson, type Lighting } from './portrait';
import { hashSeed, Random } from './prng';
import { PIXEL_FRAME, ellipse, fractalNoise, mix, paint, roundedRect, type Raster, type Rgb } from './raster';

const FACADES: Rgb[] = [
  [150, 84, 64],
  [176, 160, 136],
  [200, 196, 184],
  [120, 112, 104],
  [168, 120, 90],
  [214, 206, 190],
  [96, 100, 108],
];
const SIGNS: Rgb[] = [
  [180, 30, 36],
  [20, 60, 120],
  [30, 110, 60],
  [230, 180, 30],
  [40, 40, 44],
  [220, 220, 215],
];

const HORIZON = 430;
const SHOP_GLASS: Rgb = [46, 54, 62];
/** The pavement's vanishing point: passers-by shrink towards it too, so they stand on the same ground. */
const VANISHING_Y = HORIZON - 140;

/** What every part of the street is drawn with. */
interface Street {
  raster: Raster;
  r: Random;
  grime: (x: number, y: number) => number;
  tint: Rgb;
  /** A colour under the scene's light, `k` times as bright. */
  lit: (c: Rgb, k?: number) => Rgb;
  /** The same, written into a shader's output: called per pixel, so it allocates nothing. */
  put: (out: Float32Array, c: Rgb, k: number) => void;
}

function streetOf(raster: Raster, seed: number, light: Lighting): Street {
  const tint = light.tint;
  return {
    raster,
    r: new Random(hashSeed('street', seed)),
    grime: fractalNoise(hashSeed(seed, 'grime'), 4),
    tint,
    lit: (c, k = 1) => [c[0] * k * tint[0], c[1] * k * tint[1], c[2] * k * tint[2]],
    put: (out, c, k) => {
      out[0] = c[0] * k * tint[0];
      out[1] = c[1] * k * tint[1];
      out[2] = c[2] * k * tint[2];
    },
  };
}

export function drawStreet(raster: Raster, seed: number, light: Lighting): void {
  const street = streetOf(raster, seed, light);
  drawSky(street);
  drawBuildings(street);
  drawPavement(street);
  drawLampPost(street);
  drawPassersBy(street, seed, light);
}

/** Lighter towards the horizon, as haze makes it. */
function drawSky({ raster, r, tint }: Street): void {
  const sky = mix([188, 198, 210], [150, 160, 175], r.float());
  paint(
    raster,
    PIXEL_FRAME,
    { x0: 0, y0: 0, x1: raster.width, y1: HORIZON },
    () => 1,
    (_x, y, out) => {
      const t = y / HORIZON;
      out[0] = (sky[0] + (225 - sky[0]) * t) * tint[0];
      out[1] = (sky[1] + (228 - sky[1]) * t) * tint[1];
      out[2] = (sky[2] + (232 - sky[2]) * t) * tint[2];
    },
  );
}

/** A terrace of buildings of random widths, starting a little past the frame's left edge. */
function drawBuildings(street: Street): void {
  let x = -street.r.int(0, 80);
  while (x < street.raster.width) x += drawBuilding(street, x);
}

/** One building from `x0`; returns its width. */
function drawBuilding(street: Street, x0: number): number {
  const { raster, r, grime, put } = street;
  const w = r.int(160, 320);
  const top = r.int(10, 130);
  const base = r.pick(FACADES);
  paint(
    raster,
    PIXEL_FRAME,
    { x0, y0: top, x1: x0 + w, y1: HORIZON },
    (lx, ly) => (lx >= x0 && lx < x0 + w && ly >= top ? 1 : 0),
    (lx, ly, out) => {
      put(out, base, 0.85 + 0.3 * grime(lx / 40, ly / 40));
    },
  );
  drawUpperWindows(street, x0, w, top);
  drawShopFront(street, x0, w);
  return w;
}

/** Upper-floor windows in a grid, a few lit from inside. */
function drawUpperWindows({ raster, r, lit, put }: Street, x0: number, w: number, top: number): void {
  const cols = Math.max(2, Math.floor(w / 70));
  const pitch = w / cols;
  const glass = mix([60, 70, 84], [140, 150, 160], r.float());
  for (let wy = top + 30; wy < 300; wy += 64) {
    for (let c = 0; c < cols; c += 1) {
      const cx = x0 + pitch * (c + 0.5);
      paint(
        raster,
        PIXEL_FRAME,
        { x0: cx - 24, y0: wy - 4, x1: cx + 24, y1: wy + 46 },
        roundedRect(cx, wy + 21, 20, 24, 2),
        lit([238, 236, 230]),
      );
      const pane = r.chance(0.2) ? mix(glass, [230, 210, 150], 0.5) : glass;
      paint(
        raster,
        PIXEL_FRAME,
        { x0: cx - 20, y0: wy, x1: cx + 20, y1: wy + 42 },
        roundedRect(cx, wy + 21, 16, 20, 1),
        (lx, ly, out) => {
          put(out, pane, 0.8 + 0.4 * ((lx - cx + ly - wy) / 60 + 0.5));
        },
      );
    }
  }
}

/** Shop front: a sign band with blurred lettering over a dark window. */
function drawShopFront({ raster, r, grime, lit, put }: Street, x0: number, w: number): void {
  const sign = r.pick(SIGNS);
  paint(
    raster,
    PIXEL_FRAME,
    { x0, y0: 318, x1: x0 + w, y1: 346 },
    (lx, ly) => (lx >= x0 + 4 && lx < x0 + w - 4 && ly >= 318 && ly < 346 ? 1 : 0),
    lit(sign),
  );
  for (let k = 0; k < 4; k += 1) {
    const bx = x0 + 14 + k * 22 + r.int(0, 6);
    paint(
      raster,
      PIXEL_FRAME,
      { x0: bx, y0: 324, x1: bx + 14, y1: 340 },
      roundedRect(bx + 7, 332, 6, 7, 1),
      lit(mix(sign, [250, 250, 250], 0.8)),
    );
  }
  paint(
    raster,
    PIXEL_FRAME,
    { x0, y0: 350, x1: x0 + w, y1: HORIZON },
    (lx, ly) => (lx >= x0 + 8 && lx < x0 + w - 8 && ly >= 352 && ly < HORIZON ? 1 : 0),
    (lx, ly, out) => {
      put(out, SHOP_GLASS, 0.8 + 0.5 * grime(lx / 25, ly / 25) + (ly - 350) / 300);
    },
  );
}

/** Pavement: flags whose joints run to a vanishing point, so the ground reads as receding. */
function drawPavement({ raster, r, grime, put }: Street): void {
  const { width, height } = raster;
  const vpX = width * r.range(0.4, 0.6);
  const vpY = VANISHING_Y;
  const paving = mix([150, 148, 142], [185, 180, 170], r.float());
  paint(
    raster,
    PIXEL_FRAME,
    { x0: 0, y0: HORIZON, x1: width, y1: height },
    () => 1,
    (lx, ly, out) => {
      const depth = (ly - vpY) / (height - vpY);
      const u = (lx - vpX) / depth / 90;
      const v = 1 / depth;
      const joint = Math.min(Math.abs(u - Math.round(u)), Math.abs(v * 6 - Math.round(v * 6)) * 0.8);
      const k = (0.82 + 0.3 * grime(lx / 30, ly / 30)) * (joint < 0.03 ? 0.78 : 1) * (0.9 + 0.15 * depth);
      put(out, paving, k);
    },
  );
}

/** A lamp post towards one side of the frame. */
function drawLampPost({ raster, r, lit }: Street): void {
  const lampX = r.pick([r.int(60, 200), r.int(1080, 1220)]);
  paint(
    raster,
    PIXEL_FRAME,
    { x0: lampX - 8, y0: 80, x1: lampX + 8, y1: 600 },
    roundedRect(lampX, 340, 5, 258, 3),
    lit([40, 44, 46]),
  );
  paint(
    raster,
    PIXEL_FRAME,
    { x0: lampX - 30, y0: 60, x1: lampX + 30, y1: 100 },
    ellipse(lampX, 82, 26, 12),
    lit([60, 62, 64]),
  );
}

/** Passers-by, smaller further away; faces too small to matter. */
function drawPassersBy({ raster, r }: Street, seed: number, light: Lighting): void {
  const { width, height } = raster;
  const people = r.int(4, 8);
  for (let i = 0; i < people; i += 1) {
    const footY = r.range(HORIZON + 20, height + 60);
    const unit = ((footY - VANISHING_Y) / (height - VANISHING_Y)) * 24;
    const px = r.range(0, width);
    const who = makeIdentity(hashSeed(seed, 'passer', i));
    drawPerson(
      raster,
      who,
      { yaw: r.range(-1, 1), pitch: 0.2, roll: 0 },
      light,
      { cx: px, cy: footY - unit * 16.8, unit, bodyLength: 15 },
      hashSeed(seed, 'passer', i),
    );
  }
}
