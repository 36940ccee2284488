/**
 * An alert as the station knows it, built from its `alert-received` entry's data: what
 * folding starts from (fold.ts), with image URLs unless retention purged the image.
 */
import type { EntryData } from './entries';
import type { StationAlert, ImageRef } from '../view';
import { noIntern, type Intern } from './intern';

/**
 * `/images/<deploymentId>/`, made once per deployment: each URL is then this shared text
 * joined to the image's hash (which the alert holds anyway), not a copy of both (issue 25.5).
 */
let urlPrefix = { deploymentId: '', prefix: '/images//' };
export function imageUrl(deploymentId: string, sha256: string): string {
  if (urlPrefix.deploymentId !== deploymentId)
    urlPrefix = { deploymentId, prefix: `/images/${deploymentId}/` };
  return urlPrefix.prefix + sha256;
}

/** Where the screen fetches a stored image (null once purged). */
const urlOf = (deploymentId: string, stored: StoredImage, purged: Set<string>) =>
  purged.has(stored.sha256) ? null : imageUrl(deploymentId, stored.sha256);

function imageRef(deploymentId: string, stored: StoredImage, purged: Set<string>, intern: Intern): ImageRef {
  return {
    sha256: stored.sha256,
    mime: intern(stored.mime),
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
    url: urlOf(deploymentId, stored, purged),
  };
}

/**
 * An array that is empty here, shared: `warnings` and `dropped` are nearly always empty and
 * nothing adds to an alert's (frozen, so a change would throw rather than reach every alert).
 */
const NONE: string[] = [];
Object.freeze(NONE);
const orNone = (values: string[] | undefined) => (values && values.length > 0 ? values : NONE);

type StoredImage = EntryData['alert-received']['probe'];

/**
 * Build the alert as the renderer sees it from an `alert-received` entry's data. `intern`
 * (intern.ts) holds the fields that repeat from alert to alert once; the alert is the same.
 * Each object is written out whole, never spread, so V8 keeps its members in the object
 * itself (a spread and a member added after it cost a separate property array per image).
 */
export function alertFromEntry(
  data: EntryData['alert-received'],
  at: string,
  deploymentId: string,
  purged: Set<string>,
  intern: Intern = noIntern,
): StationAlert {
  const { subject, scene } = data;
  const face = subject.image;
  return {
    alertId: data.alertId,
    seq: data.seq,
    deploymentId,
    capturedAt: data.capturedAt,
    receivedAt: at,
    camera: { id: intern(data.camera.id), label: intern(data.camera.label) },
    score: data.score,
    threshold: data.threshold,
    probe: imageRef(deploymentId, data.probe, purged, intern),
    scene: scene
      ? {
          sha256: scene.sha256,
          mime: intern(scene.mime),
          width: scene.width,
          height: scene.height,
          bytes: scene.bytes,
          url: urlOf(deploymentId, scene, purged),
          box: scene.box ?? null,
        }
      : null,
    subject: {
      entryId: intern(subject.entryId),
      name: subject.name ?? null,
      category: intern(subject.category),
      tier: intern(subject.tier),
      reason: intern(subject.reason),
      warnings: orNone(subject.warnings),
      ownerContact: subject.ownerContact ?? null,
      image: {
        sha256: face.sha256,
        mime: intern(face.mime),
        width: face.width,
        height: face.height,
        bytes: face.bytes,
        url: urlOf(deploymentId, face, purged),
        takenAt: face.takenAt ?? null,
        source: face.source ?? null,
      },
    },
    status: 'pending',
    withdrawnReason: null,
    shownAt: null,
    escalated: false,
    decisions: [],
    outcomes: [],
    notes: { dropped: orNone(data.dropped), clockAheadMs: data.clockAheadMs ?? null, conflicts: 0 },
  };
}
