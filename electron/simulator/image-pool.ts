/**
 * Renders and caches the images an alert carries. Reference images are per
 * watchlist entry, so each is drawn once; scenes are slow to encode (1280x720 in
 * pure JS), so a few are kept per camera and subject; probes are drawn fresh for
 * every alert because every sighting differs.
 */
import { renderFace, renderScene, type RenderedImage, type RenderedScene } from './synthetic-faces';
import { hashSeed } from './prng';

interface PoolEntry {
  entryId: string;
  faceSeed: number;
  takenAt: string;
  source: string;
}

export interface ImageStats {
  references: number;
  probes: number;
  scenes: number;
  sceneCacheHits: number;
  msReference: number;
  msProbe: number;
  msScene: number;
}

interface ImagePoolOptions {
  /** Scene frames; false sends alerts without a scene (faster, for tests). */
  scenes?: boolean;
  sceneCacheSize?: number;
}

const SCENE_SIZE = { width: 1280, height: 720 } as const;

/** Reference sizes vary with where the image came from, as real ones do. */
function referenceSize(source: string): { width: number; height: number } {
  if (source.startsWith('passport')) return { width: 350, height: 450 };
  if (source.startsWith('partner')) return { width: 320, height: 400 };
  if (source.startsWith('family')) return { width: 360, height: 432 };
  return { width: 400, height: 480 };
}

export class ImagePool {
  readonly stats: ImageStats = {
    references: 0,
    probes: 0,
    scenes: 0,
    sceneCacheHits: 0,
    msReference: 0,
    msProbe: 0,
    msScene: 0,
  };
  readonly scenesEnabled: boolean;
  private readonly references = new Map<string, RenderedImage>();
  private readonly recentProbes = new Map<string, RenderedImage[]>();
  private readonly sceneCache = new Map<string, RenderedScene>();
  private readonly sceneCacheSize: number;

  constructor(opts: ImagePoolOptions = {}) {
    this.scenesEnabled = opts.scenes ?? true;
    this.sceneCacheSize = opts.sceneCacheSize ?? 16;
  }

  reference(entry: PoolEntry): RenderedImage {
    let image = this.references.get(entry.entryId);
    if (!image) {
      const started = performance.now();
      image = renderFace(entry.faceSeed, { ...referenceSize(entry.source), variant: 'reference' });
      this.stats.msReference += performance.now() - started;
      this.stats.references += 1;
      this.references.set(entry.entryId, image);
    }
    return image;
  }

  /**
   * A fresh CCTV crop of this person. With `reuse`, one of the last few crops of
   * them may come back instead: a burst of hundreds of alerts cannot wait ~50 ms each.
   */
  probe(entry: PoolEntry, captureSeed: number, reuse = false): RenderedImage {
    const recent = this.recentProbes.get(entry.entryId) ?? [];
    if (reuse && recent.length >= 2) return recent[captureSeed % recent.length]!;
    const started = performance.now();
    // CCTV crops come in a few sizes depending on how far the face was from the camera.
    const width = 280 + (captureSeed % 4) * 20;
    const image = renderFace(entry.faceSeed, {
      width,
      height: Math.round(width * 1.2),
      variant: 'probe',
      captureSeed,
    });
    this.stats.msProbe += performance.now() - started;
    this.stats.probes += 1;
    recent.push(image);
    if (recent.length > 3) recent.shift();
    this.recentProbes.set(entry.entryId, recent);
    return image;
  }

  /**
   * The camera frame of this subject at this camera. `cachedOnly` never renders,
   * for bursts where waiting half a second per alert would defeat the drill.
   */
  scene(entry: PoolEntry, cameraId: string, cachedOnly = false): RenderedScene | undefined {
    if (!this.scenesEnabled) return undefined;
    const key = `${cameraId}\u0000${entry.entryId}`;
    const cached = this.sceneCache.get(key);
    if (cached) {
      this.stats.sceneCacheHits += 1;
      // Refresh its place in the least-recently-used order.
      this.sceneCache.delete(key);
      this.sceneCache.set(key, cached);
      return cached;
    }
    if (cachedOnly) return undefined;
    const started = performance.now();
    const scene = renderScene(hashSeed('camera', cameraId), entry.faceSeed, {
      ...SCENE_SIZE,
      captureSeed: hashSeed(entry.entryId),
    });
    this.stats.msScene += performance.now() - started;
    this.stats.scenes += 1;
    this.sceneCache.set(key, scene);
    while (this.sceneCache.size > this.sceneCacheSize) {
      const oldest = this.sceneCache.keys().next().value;
      if (oldest === undefined) break;
      this.sceneCache.delete(oldest);
    }
    return scene;
  }

  hasScene(entryId: string, cameraId: string): boolean {
    return this.sceneCache.has(`${cameraId}\u0000${entryId}`);
  }
}
