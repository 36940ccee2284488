/**
 * The bare head: ears behind the face edge, then the face oval shaded as a
 * rounded solid with skin texture and cheek colour. The features are drawn on top
 * of this by their own modules.
 */
import type { PortraitContext } from './portrait-context';
import { ellipse, ellipseBounds, hypot, mix, paint } from './raster';

/** Ears sit behind the face edge; the one turned towards the camera shows more. */
export function drawEars(ctx: PortraitContext): void {
  const { raster, frame, who, pose, fw, lit, flat } = ctx;
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
}

/** The face oval, shaded as a rounded solid. */
export function drawFace(ctx: PortraitContext): void {
  const { raster, frame, who, pose, light, fw, fl, lit, project, skinNoise, faceCoverage } = ctx;
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
}
