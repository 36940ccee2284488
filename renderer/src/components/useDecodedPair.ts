import { useEffect, useState } from 'react';
import { pairReady, preloadPair } from '../state/faces';

/**
 * True once both faces of a pair are fetched and decoded, so they go on screen together
 * in one paint: the officer never sees a face painting line by line, nor one face of the
 * new alert beside a blank. A pair decoded ahead (renderer/src/state/faces.ts: the store starts
 * it as the alert's data arrives) is true at once, in the same render that opens the alert.
 * A face that fails to decode counts as done: the <img> then shows its own error, which
 * reports the image as not rendered (so the alert is not "shown"). Without decode()
 * support the images are shown at once, as before.
 */
export function useDecodedPair(probeUrl: string | null, subjectUrl: string | null): boolean {
  const key = `${probeUrl ?? ''}\n${subjectUrl ?? ''}`;
  const readyNow = pairReady(probeUrl, subjectUrl);
  const [decoded, setDecoded] = useState<string | null>(null);
  useEffect(() => {
    if (readyNow) return;
    let current = true;
    void preloadPair(probeUrl, subjectUrl).then(() => {
      if (current) setDecoded(key);
    });
    return () => {
      current = false;
    };
  }, [key, probeUrl, subjectUrl, readyNow]);
  return readyNow || decoded === key;
}
