import { describe, expect, it } from 'vitest';
import { alertSchema, deploymentSchema } from '../../shared/feed/schemas';
import { readImageHeader } from '../../shared/feed/image-header';
import { LIMITS } from '../../shared/feed/limits';
import { renderFace, renderScene } from '../../electron/simulator/synthetic-faces';
import { ImagePool } from '../../electron/simulator/image-pool';
import { MALFORMED_KINDS, makeMalformedAlert } from '../../electron/simulator/malformed';
import { applyDeploymentDrills } from '../../electron/simulator/drills';
import {
  createScenario,
  isoWithOffset,
  makeAlert,
  makeDeployment,
  makeWatchlist,
} from '../../electron/simulator/scenario';

const now = new Date('2026-03-14T19:30:00.000Z');

describe('simulator scenario', () => {
  it('makes a complete deployment that the shared schema accepts, with the documented defaults', () => {
    const d = deploymentSchema.parse(makeDeployment({ seed: 7, now }));
    expect(Date.parse(d.startsAt)).toBe(now.getTime() - 3_600_000);
    expect(Date.parse(d.endsAt)).toBe(now.getTime() + 8 * 3_600_000);
    expect(d.threshold).toBe(0.64);
    expect(d.retentionDays).toBe(31);
    expect(d.cameras.length).toBeGreaterThanOrEqual(3);
    expect(d.cameras.length).toBeLessThanOrEqual(4);
    expect(Date.parse(d.watchlist.reviewedAt!)).toBeLessThan(Date.parse(d.startsAt));
    expect(Date.parse(d.authorisedAt)).toBeLessThan(Date.parse(d.startsAt));
    expect(d.notice.given).toBe(true);
    expect(d.watchlist.size).toBe(40);
  });

  it('applies the deployment drills', () => {
    const base = makeDeployment({ seed: 7, now });
    const drilled = deploymentSchema.parse(
      applyDeploymentDrills(base, new Set(['low-threshold', 'unreviewed-watchlist', 'not-started']), now),
    );
    expect(drilled.threshold).toBe(0.55);
    expect(drilled.watchlist.reviewedAt).toBeNull();
    expect(drilled.watchlist.reviewedBy).toBeNull();
    expect(Date.parse(drilled.startsAt)).toBe(now.getTime() + 30 * 60_000);
    expect(base.threshold).toBe(0.64);
  });

  it('makes a varied watchlist: categories, tiers, old and new reference images, owners on red entries', () => {
    const list = makeWatchlist(3, 40, now);
    expect(list).toHaveLength(40);
    expect(new Set(list.map((e) => e.entryId)).size).toBe(40);
    expect(new Set(list.map((e) => e.tier))).toEqual(new Set(['red', 'amber', 'green']));
    expect(new Set(list.map((e) => e.category)).size).toBeGreaterThanOrEqual(4);
    for (const e of list) {
      expect(e.warnings.length).toBeLessThanOrEqual(3);
      if (e.tier === 'red') expect(e.ownerContact).toBeTruthy();
    }
    const ageDays = list.map((e) => (now.getTime() - Date.parse(e.takenAt)) / 86_400_000);
    expect(Math.min(...ageDays)).toBeLessThan(120);
    expect(Math.max(...ageDays)).toBeGreaterThan(6 * 365);
  });

  it('writes times in ISO 8601 with an offset', () => {
    expect(isoWithOffset(now)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(Date.parse(isoWithOffset(now))).toBe(now.getTime());
  });

  it('makes alerts that parse, with binary images whose headers match, strictly increasing seq, scores at or above the threshold', () => {
    const ctx = createScenario({ seed: 5, images: new ImagePool({ scenes: false }) });
    const alerts = Array.from({ length: 6 }, () => makeAlert(ctx));
    alerts.push(makeAlert(ctx, { scene: undefined, entryId: ctx.watchlist[0]!.entryId }));
    let lastSeq = 0;
    for (const alert of alerts) {
      const parsed = alertSchema.parse(alert);
      expect(parsed.seq).toBeGreaterThan(lastSeq);
      lastSeq = parsed.seq;
      expect(alert.probe.data).toBeInstanceOf(Buffer);
      expect(readImageHeader(alert.probe.data)).toEqual({
        mime: 'image/jpeg',
        width: alert.probe.width,
        height: alert.probe.height,
      });
      const ref = alert.subject.image;
      expect(readImageHeader(ref.data)).toEqual({ mime: 'image/jpeg', width: ref.width, height: ref.height });
      expect(alert.score).toBeGreaterThanOrEqual(alert.threshold);
      expect(alert.deploymentId).toBe(ctx.deployment.deploymentId);
      expect(ctx.deployment.cameras.map((c) => c.id)).toContain(alert.camera.id);
    }
    expect(alerts.at(-1)!.subject.entryId).toBe(ctx.watchlist[0]!.entryId);
  });

  it('attaches a full-frame scene with the face box inside it', () => {
    const ctx = createScenario({ seed: 9 });
    const alert = alertSchema.parse(makeAlert(ctx));
    const scene = alert.scene!;
    expect(readImageHeader(scene.data)).toEqual({ mime: 'image/jpeg', width: 1280, height: 720 });
    expect(scene.data.length).toBeGreaterThan(100_000);
    const box = scene.box!;
    expect(box.x + box.w).toBeLessThanOrEqual(1280);
    expect(box.y + box.h).toBeLessThanOrEqual(720);
    // The scene is cached per camera and subject: a cached-only request finds it.
    const again = makeAlert(ctx, { entryId: alert.subject.entryId, scene: 'cached' });
    if (again.camera.id === alert.camera.id) expect(again.scene).toBeDefined();
  });

  it('draws the same person for the same seed, and a different picture for a probe', () => {
    const a = renderFace(42, { width: 300, height: 360 });
    const b = renderFace(42, { width: 300, height: 360 });
    const probe = renderFace(42, { width: 300, height: 360, variant: 'probe', captureSeed: 1 });
    const other = renderFace(43, { width: 300, height: 360 });
    expect(a.data.equals(b.data)).toBe(true);
    expect(a.data.equals(probe.data)).toBe(false);
    expect(a.data.equals(other.data)).toBe(false);
    for (const img of [a, probe]) {
      expect(readImageHeader(img.data)).toEqual({ mime: 'image/jpeg', width: 300, height: 360 });
      // Realistic JPEG sizes: tens of kilobytes for a crop.
      expect(img.data.length).toBeGreaterThan(8_000);
      expect(img.data.length).toBeLessThan(200_000);
    }
    const scene = renderScene(1, 42, { width: 1280, height: 720 });
    expect(readImageHeader(scene.data)?.width).toBe(1280);
  });

  describe('malformed payloads', () => {
    const ctx = createScenario({ seed: 11, images: new ImagePool({ scenes: false }) });
    for (const kind of MALFORMED_KINDS) {
      it(`${kind} is refused`, () => {
        const bad = makeMalformedAlert(ctx, kind);
        const result = alertSchema.safeParse(bad.payload);
        if (bad.expect === 'schema') {
          expect(result.success).toBe(false);
        } else {
          // Schema-valid, but captured outside the authorised window.
          expect(result.success).toBe(true);
          const at = Date.parse(bad.payload.capturedAt as string);
          expect(at < Date.parse(ctx.deployment.startsAt) || at > Date.parse(ctx.deployment.endsAt)).toBe(
            true,
          );
        }
      });
    }

    it('the over-long and too-many cases exceed the shared limits exactly by one', () => {
      const long = makeMalformedAlert(ctx, 'over-long-string').payload.subject as { name: string };
      expect(long.name.length).toBe(LIMITS.string + 1);
      const many = makeMalformedAlert(ctx, 'too-many-warnings').payload.subject as { warnings: string[] };
      expect(many.warnings.length).toBe(LIMITS.warnings + 1);
      const b64 = makeMalformedAlert(ctx, 'base64-image').payload.probe as { data: unknown };
      expect(typeof b64.data).toBe('string');
    });
  });
});
