/** Limits the station enforces on everything the feed sends (lfr-feed-v1, "Limits"). */
export const LIMITS = {
  imageBytes: 8 * 1024 * 1024,
  imagePixels: 8192,
  string: 500,
  reason: 2000,
  warnings: 20,
  /** Our own bound on list-like fields the spec leaves open (cameras, channels). */
  list: 200,
} as const;

export const DEFAULT_RETENTION_DAYS = 31;

/** A deployment id becomes a folder name, so it is checked before any path is built from it. */
const DEPLOYMENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function isSafeDeploymentId(id: string): boolean {
  // "." and ".." match the spec's pattern but name the folder itself or its parent.
  return DEPLOYMENT_ID_PATTERN.test(id) && id !== '.' && id !== '..';
}
