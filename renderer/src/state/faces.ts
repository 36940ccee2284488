/**
 * Faces fetched and decoded before they are needed, so an alert's pair goes on screen
 * in the frame its data arrives rather than one round trip and a decode later; and the
 * next alert's pair is ready while the officer is still on the current one.
 *
 * Bounded: only the last few faces asked for are kept decoded here (the browser's cache
 * keeps the bytes, served immutable by content hash). Nothing here decides what is shown:
 * a face not preloaded is simply fetched when its alert opens, as before.
 */

/** Faces kept decoded: the open pair, the next pair, and a little slack. */
import { imageSrc } from '../bridge';

const FACES_KEPT = 8;

interface Face {
  image: HTMLImageElement;
  decoded: Promise<void>;
  ready: boolean;
}

const faces = new Map<string, Face>();

/** Whether this renderer can decode an image off-screen (jsdom and old engines cannot). */
const canDecode = (): boolean =>
  typeof Image !== 'undefined' && typeof HTMLImageElement.prototype.decode === 'function';

/**
 * Start fetching and decoding `url` (once), and resolve when it is decoded. A face that
 * fails to decode resolves too: the <img> then shows its own error, which the screen
 * reports as not rendered.
 */
function preloadFace(url: string | null | undefined): Promise<void> {
  if (!url || !canDecode()) return Promise.resolve();
  const known = faces.get(url);
  if (known) {
    // Most recently wanted last, so the oldest is the one let go.
    faces.delete(url);
    faces.set(url, known);
    return known.decoded;
  }
  const image = new Image();
  image.src = imageSrc(url);
  const face: Face = { image, ready: false, decoded: Promise.resolve() };
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
