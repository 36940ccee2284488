/**
 * Faces fetched and decoded before they are needed, so an alert's pair goes on screen
 * in the frame its data arrives rather than one round trip and a decode later; and the
 * next alert's pair is ready while the officer is still on the current one.
 *
 * A lone arriving alert's faces come ahead of the alert itself, with their bytes (main's
 * `facesAhead`, sent while main stores them): they are decoded here from a data: URL, which
 * the screen then shows, so the pair is ready when the alert comes instead of a fetch after
 * it (issue 25). The station's URL rides after the data as its fragment (never fetched), so
 * which face an <img> shows stays readable.
 *
 * Bounded: only the last few faces asked for are kept decoded here (the browser's cache
 * keeps the bytes, served immutable by content hash). Nothing here decides what is shown:
 * a face not preloaded is simply fetched when its alert opens, as before.
 */
import type { FacesAhead } from '../../../shared/contract';
import { IMAGE_MIMES } from '../../../shared/feed/image-header';
import { isSafeDeploymentId } from '../../../shared/feed/limits';
import { imageSrc } from '../bridge';

/** Faces kept decoded: the open pair, the next pair, and a little slack. */
const FACES_KEPT = 8;

interface Face {
  image: HTMLImageElement;
  decoded: Promise<void>;
  ready: boolean;
  /** What an <img> showing this face loads: the image URL, or the data: URL of bytes sent ahead. */
  src: string;
}

const faces = new Map<string, Face>();

/** Whether this renderer can decode an image off-screen (jsdom and old engines cannot). */
const canDecode = (): boolean =>
  typeof Image !== 'undefined' && typeof HTMLImageElement.prototype.decode === 'function';

/**
 * Start fetching and decoding `url` (once), and resolve when it is decoded. A face that
 * fails to decode resolves too: the <img> then shows its own error, which the screen
 * reports as not rendered. With `sent`, the face is decoded from the data: URL of the bytes
 * main sent ahead, not fetched.
 */
function preloadFace(url: string | null | undefined, sent?: string): Promise<void> {
  if (!url || !canDecode()) return Promise.resolve();
  const known = faces.get(url);
  if (known) {
    // Most recently wanted last, so the oldest is the one let go.
    faces.delete(url);
    faces.set(url, known);
    return known.decoded;
  }
  const src = sent ?? imageSrc(url);
  const image = new Image();
  image.src = src;
  const face: Face = { image, ready: false, decoded: Promise.resolve(), src };
  face.decoded = image.decode().then(
    () => {
      face.ready = true;
    },
    () => {
      face.ready = true;
    },
  );
  faces.set(url, face);
  while (faces.size > FACES_KEPT) faces.delete(faces.keys().next().value!);
  return face.decoded;
}

/** What an <img> showing `url` should load: the bytes decoded ahead if they are still kept, else the URL. */
export function faceSrc(url: string): string {
  return faces.get(url)?.src ?? imageSrc(url);
}

/** True once `url` is decoded here (or there is nothing to decode). */
function faceReady(url: string | null | undefined): boolean {
  return !url || !canDecode() || faces.get(url)?.ready === true;
}

type Url = string | null | undefined;

/** An alert's two faces: the live one and the watchlist reference. */
export function facesOf(alert: {
  probe: { url: string | null };
  subject: { image: { url: string | null } };
}): [probe: string | null, subject: string | null] {
  return [alert.probe.url, alert.subject.image.url];
}

/** Both faces of a pair, resolved when both are decoded. */
export function preloadPair(probe: Url, subject: Url): Promise<void> {
  return Promise.all([preloadFace(probe), preloadFace(subject)]).then(() => undefined);
}

/** A stored face's URL as the station names it: /images/<deploymentId>/<sha256>, by the station's own rule for the id. */
const isFaceUrl = (url: string): boolean => {
  const id = /^\/images\/([^/]+)\/[0-9a-f]{64}$/.exec(url)?.[1];
  return id !== undefined && isSafeDeploymentId(id);
};

/**
 * The faces main sends ahead of an arriving alert (the `facesAhead` event): decoded now,
 * while main makes the alert durable, so its pair is ready when it comes. Only the station's
 * own image URLs and image types, and well-formed base64, are taken.
 */
export function preloadAhead(ahead: FacesAhead): void {
  for (const face of ahead.faces.slice(0, 2)) {
    if (!isFaceUrl(face.url) || !(IMAGE_MIMES as readonly string[]).includes(face.mime)) continue;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(face.base64)) continue;
    void preloadFace(face.url, `data:${face.mime};base64,${face.base64}#${face.url}`);
  }
}

/** True once both faces of a pair are decoded here. */
export function pairReady(probe: Url, subject: Url): boolean {
  return faceReady(probe) && faceReady(subject);
}

/** A 1x1 grey JPEG (jpeg-js, quality 50): the faces are JPEG, so this wakes the same decoder. */
const WARM_UP_JPEG =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2MBERISGBUYLxoaL2NCOEJjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY//AABEIAAEAAQMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/ACgD/9k=';
let warmed = false;

/**
 * Decode one tiny JPEG as the screen starts, before anyone signs in, so the first alert's
 * faces do not pay the decoder's first-use cost and wait out the face wait (issue 21/25:
 * the first alert after sign-in opened at the 150 ms limit while later ones took ~35 ms).
 */
export function warmFaceDecoder(): Promise<void> {
  if (warmed || !canDecode()) return Promise.resolve();
  warmed = true;
  const image = new Image();
  image.src = WARM_UP_JPEG;
  return image.decode().catch(() => undefined);
}

/** Forget every face (tests; a screen that signs out). */
export function forgetFaces(): void {
  faces.clear();
}
