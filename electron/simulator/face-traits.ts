/**
 * The invented look of one watchlist identity, derived from its seed alone, so the
 * reference image and every probe of the same person share the same features.
 */
import { hashSeed, Random } from './prng';
import { mix, type Rgb } from './raster';

export type HairStyle = 'short' | 'fringe' | 'long' | 'curly' | 'bun' | 'shaved' | 'receding';
export type BeardKind = 'full' | 'goatee' | 'stubble' | 'moustache';

export interface Identity {
  skin: Rgb;
  faceWidth: number;
  faceLength: number;
  /** How much narrower the jaw is than the cheekbones (0 = not at all). */
  jawTaper: number;
  hair: { style: HairStyle; color: Rgb; volume: number };
  eyes: { spacing: number; size: number; y: number; iris: Rgb; tilt: number };
  brows: { thickness: number; arch: number; y: number; tilt: number; color: Rgb };
  nose: { length: number; width: number };
  mouth: { width: number; lips: number; y: number; smile: number; color: Rgb };
  ears: number;
  glasses: null | { round: boolean; color: Rgb; tint: number };
  beard: null | { kind: BeardKind; density: number };
  clothing: Rgb;
  /** Darkness of the under-eye and nasolabial lines: a rough stand-in for age. */
  lines: number;
}

const SKIN_RAMP: Rgb[] = [
  [250, 222, 200],
  [238, 196, 164],
  [222, 170, 132],
  [196, 136, 98],
  [160, 104, 70],
  [122, 78, 52],
  [86, 56, 38],
];
const HAIR_COLOURS: Rgb[] = [
  [22, 18, 16],
  [40, 28, 20],
  [70, 46, 30],
  [105, 72, 44],
  [128, 62, 34],
  [176, 142, 96],
  [140, 136, 132],
  [200, 196, 190],
];
const IRIS_COLOURS: Rgb[] = [
  [70, 44, 26],
  [96, 62, 36],
  [52, 36, 24],
  [82, 110, 140],
  [96, 118, 82],
  [120, 100, 60],
];
const CLOTHING: Rgb[] = [
  [36, 40, 52],
  [30, 30, 32],
  [92, 24, 30],
  [40, 70, 110],
  [120, 118, 112],
  [60, 82, 58],
  [180, 170, 150],
  [210, 206, 200],
  [150, 90, 40],
];

function rampColour(ramp: readonly Rgb[], t: number): Rgb {
  const f = Math.min(0.9999, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.floor(f);
  return mix(ramp[i]!, ramp[i + 1]!, f - i);
}

export function makeIdentity(seed: number): Identity {
  const r = new Random(hashSeed('identity', seed));
  const skinBase = rampColour(SKIN_RAMP, r.float());
  const skin: Rgb = [
    skinBase[0] * r.range(0.97, 1.03),
    skinBase[1] * r.range(0.97, 1.02),
    skinBase[2] * r.range(0.95, 1.04),
  ];
  const older = r.chance(0.3);
  const hairColour =
    older && r.chance(0.6) ? r.pick(HAIR_COLOURS.slice(6)) : r.pick(HAIR_COLOURS.slice(0, 6));
  const style = r.pick<HairStyle>([
    'short',
    'short',
    'fringe',
    'long',
    'long',
    'curly',
    'bun',
    'shaved',
    'receding',
  ]);
  const beardAllowed = style !== 'bun' && style !== 'long' ? 0.45 : 0.12;
  const beard = r.chance(beardAllowed)
    ? {
        kind: r.pick<BeardKind>(['full', 'goatee', 'stubble', 'stubble', 'moustache']),
        density: r.range(0.55, 0.95),
      }
    : null;
  const lipBase = mix(skin, [176, 74, 78], r.range(0.25, 0.45));
  return {
    skin,
    faceWidth: r.range(0.9, 1.08),
    faceLength: r.range(1.22, 1.45),
    jawTaper: r.range(0.08, 0.3),
    hair: { style, color: hairColour, volume: r.range(0.9, 1.2) },
    eyes: {
      spacing: r.range(0.34, 0.45),
      size: r.range(0.85, 1.15),
      y: r.range(-0.08, 0.04),
      iris: r.pick(IRIS_COLOURS),
      tilt: r.range(-0.08, 0.1),
    },
    brows: {
      thickness: r.range(0.045, 0.095),
      arch: r.range(0.02, 0.1),
      y: r.range(-0.32, -0.24),
      tilt: r.range(-0.06, 0.06),
      color: mix(hairColour, [30, 24, 20], 0.4),
    },
    nose: { length: r.range(0.85, 1.15), width: r.range(0.85, 1.25) },
    mouth: {
      width: r.range(0.26, 0.36),
      lips: r.range(0.06, 0.11),
      y: r.range(0.74, 0.84),
      smile: r.range(-0.02, 0.05),
      color: [lipBase[0] * 0.88, lipBase[1] * 0.8, lipBase[2] * 0.82],
    },
    ears: r.range(0.9, 1.15),
    glasses: r.chance(0.25)
      ? {
          round: r.chance(0.4),
          color: r.pick<Rgb>([
            [20, 20, 22],
            [90, 60, 30],
            [150, 150, 155],
          ]),
          tint: r.range(0, 0.12),
        }
      : null,
    beard,
    clothing: r.pick(CLOTHING),
    lines: older ? r.range(0.25, 0.5) : r.range(0, 0.15),
  };
}
