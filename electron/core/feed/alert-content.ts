/**
 * An alert as the station journals it (`alert-received` data): every field the feed
 * sent, each image replaced by its SHA-256 and size, plus the station's notes on it
 * (optional members dropped as malformed, a capture time ahead of the station clock).
 *
 * lfr-feed-v1: a re-delivered alertId with the same content is `stored` again; with
 * other content it is a conflict. "Content" is what the feed sent, so the comparison
 * leaves out what the station adds from its own clock (`clockAheadMs`).
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../../../shared/feed/schemas';
import { canonicalJson } from '../../../shared/journal/canonical';

export interface ImageDigest {
  sha256: string;
  bytes: number;
}

export interface AlertDigests {
  probe: ImageDigest;
  subject: ImageDigest;
  scene: ImageDigest | null;
}

/** Station notes on an alert, kept in its entry beside what the feed sent. */
interface AlertNotes {
  /** Optional members dropped as malformed ("path: why"). */
  dropped: string[];
  /** Set when the capture time was more than 2 minutes ahead of the station clock. */
  clockAheadMs: number | null;
}

export function digestOf(bytes: Uint8Array): ImageDigest {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
}

/** The digests of an alert's images, computed from the bytes without storing them. */
export function digestsOf(alert: Alert): AlertDigests {
  return {
    probe: digestOf(alert.probe.data),
    subject: digestOf(alert.subject.image.data),
    scene: alert.scene ? digestOf(alert.scene.data) : null,
  };
}

/** The `alert-received` data for an alert whose images have these digests. */
export function receivedData(alert: Alert, digests: AlertDigests, notes: AlertNotes) {
  const stored = (img: Alert['probe'], digest: ImageDigest) => ({
    sha256: digest.sha256,
    mime: img.mime,
    width: img.width,
    height: img.height,
    bytes: digest.bytes,
  });
  const { probe: _p, scene: _s, subject, ...rest } = alert;
  return {
    ...rest,
    probe: stored(alert.probe, digests.probe),
    ...(alert.scene && digests.scene
      ? {
          scene: {
            ...stored(alert.scene, digests.scene),
            ...(alert.scene.box ? { box: alert.scene.box } : {}),
          },
        }
      : {}),
    subject: {
      ...subject,
      image: {
        ...stored(alert.subject.image, digests.subject),
        ...(subject.image.takenAt ? { takenAt: subject.image.takenAt } : {}),
        ...(subject.image.source ? { source: subject.image.source } : {}),
      },
    },
    ...(notes.dropped.length ? { dropped: notes.dropped } : {}),
    ...(notes.clockAheadMs !== null ? { clockAheadMs: notes.clockAheadMs } : {}),
  };
}

/** Station-clock notes: not part of what the feed sent. */
const STATION_CLOCK_NOTES = new Set(['clockAheadMs']);

/** SHA-256 of the canonical JSON of an alert's content as the feed sent it (images by hash). */
export function contentSha256(data: object): string {
  // Through JSON first, as the journal writes it: an absent member and an undefined one are the same.
  return plainContentSha256(JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
}

/** The same, for data that is already plain JSON (a journal entry's data, written or read). */
export function plainContentSha256(plain: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(plain).filter(([key]) => !STATION_CLOCK_NOTES.has(key)));
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Each stored alert's content, so a re-delivery with other content is told from a plain
 * repeat (lfr-feed-v1). The hash is taken only when a re-delivery asks, then kept: taking
 * it for every alert as it arrived (and for every alert in a journal at start-up) cost a
 * canonical text per alert in a burst, for a question that is rarely asked. Until then it
 * holds the entry's data, whose strings the folded alert shares. At start-up the alerts
 * already decided or withdrawn are asked once (openDeployment), so a long deployment keeps
 * a hash for each, not its data (about 500 bytes an alert the folded alert does not share).
 */
export class StoredContents {
  private readonly byAlert = new Map<string, Record<string, unknown> | string>();

  /** `plain`: an `alert-received` entry's data, plain JSON as the journal wrote it. */
  remember(alertId: string, plain: Record<string, unknown>): void {
    this.byAlert.set(alertId, plain);
  }

  /** Its content hash as known already (a summarised alert's, made whole again). */
  rememberSha256(alertId: string, sha256: string): void {
    this.byAlert.set(alertId, sha256);
  }

  /** What is kept for the alert: its entry's data, its hash, or nothing (tests). */
  kept(alertId: string): 'data' | 'sha256' | undefined {
    const known = this.byAlert.get(alertId);
    return known === undefined ? undefined : typeof known === 'string' ? 'sha256' : 'data';
  }

  /** Held no longer (a summarised alert's summary holds the hash, station/summaries.ts). */
  forget(alertId: string): void {
    this.byAlert.delete(alertId);
  }

  /** The stored alert's content hash (plainContentSha256), or undefined if none is stored. */
  sha256(alertId: string): string | undefined {
    const known = this.byAlert.get(alertId);
    if (known === undefined || typeof known === 'string') return known;
    const sha256 = plainContentSha256(known);
    this.byAlert.set(alertId, sha256);
    return sha256;
  }
}
