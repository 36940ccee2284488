/**
 * Draws one invented head and shoulders into a raster: a shaded face oval, eyes,
 * brows, nose, mouth, ears, hair, sometimes glasses and a beard. Geometry is in
 * head units (1 = half the face width) around the head centre, so the same person
 * can be drawn large for a reference image or small inside a street scene.
 *
 * This file only fixes the painting order (later layers cover earlier ones); each
 * part is drawn by its own module from a shared context (portrait-context.ts).
 */
import type { Identity } from './face-traits';
import { drawLegs, drawNeckAndClothes } from './portrait-body';
import { makePortraitContext, type Lighting, type Placement, type Pose } from './portrait-context';
import { drawEyesAndBrows } from './portrait-eyes';
import { drawEars, drawFace } from './portrait-face';
import { drawGlasses } from './portrait-glasses';
import { drawBackHair, drawBeard, drawFrontHair } from './portrait-hair';
import { drawMouth } from './portrait-mouth';
import { drawNose } from './portrait-nose';
import type { Raster } from './raster';

export type { Lighting, Pose } from './portrait-context';

export function drawPerson(
  raster: Raster,
  who: Identity,
  pose: Pose,
  light: Lighting,
  at: Placement,
  seed: number,
): void {
  const ctx = makePortraitContext(raster, who, pose, light, at, seed);
  // Body and back hair first: the neck, clothes and head overlap them.
  drawLegs(ctx);
  drawBackHair(ctx);
  drawNeckAndClothes(ctx);
  drawEars(ctx);
  drawFace(ctx);
  drawEyesAndBrows(ctx);
  drawNose(ctx);
  // Beard before the mouth, so the lips stay visible.
  drawBeard(ctx);
  drawMouth(ctx);
  drawFrontHair(ctx);
  // Glasses last: frames over everything, a faint lens tint and glare.
  drawGlasses(ctx);
}
