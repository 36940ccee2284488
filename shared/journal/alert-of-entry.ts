/**
 * An alert as the station knows it, built from its `alert-received` entry's data: what
 * folding starts from (fold.ts), with image URLs unless retention purged the image.
 */
import type { EntryData } from './entries';
import type { StationAlert, ImageRef } from '../view';

const imageUrl = (deploymentId: string, sha256: string) => `/images/${deploymentId}/${sha256}`;

function imageRef(deploymentId: string, stored: StoredImage, purged: Set<string>): ImageRef {
  return {
    sha256: stored.sha256,
    mime: stored.mime,
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
    url: purged.has(stored.sha256) ? null : imageUrl(deploymentId, stored.sha256),
  };
}

type StoredImage = EntryData['alert-received']['probe'];

/** Build the alert as the renderer sees it from an `alert-received` entry's data. */
export function alertFromEntry(
  data: EntryData['alert-received'],
  at: string,
  deploymentId: string,
  purged: Set<string>,
): StationAlert {
  const { subject, scene } = data;
  return {
    alertId: data.alertId,
    seq: data.seq,
    deploymentId,
    capturedAt: data.capturedAt,
    receivedAt: at,
    camera: { id: data.camera.id, label: data.camera.label },
    score: data.score,
    threshold: data.threshold,
    probe: imageRef(deploymentId, data.probe, purged),
    scene: scene ? { ...imageRef(deploymentId, scene, purged), box: scene.box ?? null } : null,
    subject: {
      entryId: subject.entryId,
      name: subject.name ?? null,
      category: subject.category,
      tier: subject.tier,
      reason: subject.reason,
      warnings: subject.warnings ?? [],
      ownerContact: subject.ownerContact ?? null,
      image: {
        ...imageRef(deploymentId, subject.image, purged),
        takenAt: subject.image.takenAt ?? null,
        source: subject.image.source ?? null,
      },
    },
    status: 'pending',
    withdrawnReason: null,
    shownAt: null,
    escalated: false,
    decisions: [],
    outcomes: [],
    notes: { dropped: data.dropped ?? [], clockAheadMs: data.clockAheadMs ?? null, conflicts: 0 },
  };
}
