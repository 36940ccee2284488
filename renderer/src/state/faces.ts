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
export const FACES_KEPT = 8;

interface Face {
  image: HTMLImageElement;
  decoded: Promise<void>;
  ready: boolean;
}

const faces = new Map<string, Face>();

/** Whether this renderer can decode an image off-screen (jsdom and old engines cannot). */
export const canDecode = (): boolean =>
  typeof Image !== 'undefined' && typeof HTMLImageElement.prototype.decode === 'function';

/**
 * Start fetching and decoding `url` (once), and resolve when it is decoded. A face that
 * fails to decode resolves too: the <img> then shows its own error, which the screen
 * reports as not rendered.
 */
export function preloadFace(url: string | null | undefined): Promise<void> {
  if (!url || !canDecode()) return Promise.resolve();
  const known = faces.get(url);
  if (known) {
    // Most recently wanted last, so the oldest is the one let go.
    faces.delete(url);
    faces.set(url, known);
    return known.decoded;
  }
  const image = new Image();
  image.src = url;
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
export function faceReady(url: string | null | undefined): boolean {
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

/** Forget every face (tests; a screen that signs out). */
export function forgetFaces(): void {
  faces.clear();
}
