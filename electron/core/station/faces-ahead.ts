/**
 * Faces ahead (issue 25): a lone arriving alert's live face and watchlist face, sent to the
 * screens (the `facesAhead` event) as soon as their hashes name them, while the station
 * decodes them in full and writes them and the journal line. The screen decodes them there
 * and then, so they are ready when the alert itself may show. Without it the screen asked for
 * the faces only once the alert was stored: a fetch and a decode after the fsyncs instead of
 * beside them. (Measured on this machine: a fetch from the page took 8 to 15 ms, the event
 * over the screen's socket about 1; the page's decode 2 to 8 ms.)
 *
 * What it does not change:
 * - Nothing is shown, and nothing is acknowledged, before the alert's images and its journal
 *   line are on disk and its images have decoded in full here. A screen only gets bytes to
 *   decode; the alert itself (and so anything that puts its faces on screen) comes with the
 *   push that follows the fold, which waits for all of that (intake.ts). An alert refused
 *   (an image that does not decode, storage failing) never comes: the screen holds two images
 *   nobody shows, let go with its small cache. The page's decoder sees them as a browser sees
 *   any image it is sent, in its sandbox; what goes on record is the station's own decode.
 * - Only a screen that may see faces gets them: the event goes to private viewers only
 *   (station-core.ts onEvent), as the image routes check the session.
 *
 * One alert at a time: the intake sends faces ahead only for an alert that is the only one
 * the feed has delivered and the station not yet answered. In a burst the screen is busy
 * enough taking the queue in; decoding every burst alert's faces early would compete with
 * that for no gain.
 */
import { imageUrl } from '../../../shared/journal/alert-of-entry';
import type { FacesAhead as FacesAheadEvent } from '../../../shared/contract';
import type { Alert } from '../../../shared/feed/schemas';
import type { AlertDigests } from '../feed/alert-content';

export class FacesAhead {
  constructor(
    private readonly emit: (ahead: FacesAheadEvent) => void,
    /** Whether any screen listens (none: nothing is encoded). */
    private readonly listened: () => boolean = () => true,
  ) {}

  /** Sends the alert's two faces, by the URLs the alert will name them. */
  send(alert: Alert, digests: AlertDigests): void {
    if (!this.listened()) return;
    const face = (image: Alert['probe'], sha256: string) => ({
      url: imageUrl(alert.deploymentId, sha256),
      mime: image.mime,
      base64: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64'),
    });
    this.emit({
      faces: [face(alert.probe, digests.probe.sha256), face(alert.subject.image, digests.subject.sha256)],
    });
  }
}
