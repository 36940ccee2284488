/** Issue 25: an arriving alert's faces sent to the screens ahead of it (electron/core/station/faces-ahead.ts). */
import { describe, expect, it } from 'vitest';
import { FacesAhead } from '../../electron/core/station/faces-ahead';
import type { FacesAhead as FacesAheadEvent } from '../../shared/contract';
import type { Alert } from '../../shared/feed/schemas';
import type { AlertDigests } from '../../electron/core/feed/alert-content';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
// Bytes that are a view into a larger buffer, as socket.io hands them over.
const backing = Uint8Array.of(0, 0, 1, 2, 3, 4, 5, 0);
const probe = backing.subarray(2, 5);
const subject = backing.subarray(5, 7);
const alert = {
  deploymentId: 'dep-1',
  probe: { mime: 'image/jpeg', data: probe },
  subject: { image: { mime: 'image/png', data: subject } },
} as unknown as Alert;
const digests: AlertDigests = {
  probe: { sha256: A, bytes: 3 },
  subject: { sha256: B, bytes: 2 },
  scene: null,
};

describe('FacesAhead', () => {
  it('sends both faces, byte for byte, by the URLs the alert will name them', () => {
    const sent: FacesAheadEvent[] = [];
    new FacesAhead((e) => sent.push(e)).send(alert, digests);
    expect(sent).toEqual([
      {
        faces: [
          {
            url: `/images/dep-1/${A}`,
            mime: 'image/jpeg',
            base64: Buffer.from([1, 2, 3]).toString('base64'),
          },
          { url: `/images/dep-1/${B}`, mime: 'image/png', base64: Buffer.from([4, 5]).toString('base64') },
        ],
      },
    ]);
  });
});
