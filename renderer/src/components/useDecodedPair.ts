import { useEffect, useState } from 'react';

/** Whether this renderer can decode an image off-screen (jsdom and old engines cannot). */
const canDecode = () =>
  typeof Image !== 'undefined' && typeof HTMLImageElement.prototype.decode === 'function';

/**
 * True once both faces of a pair are fetched and decoded, so they go on screen together
 * in one paint: the officer never sees a face painting line by line, nor one face of the
 * new alert beside a blank. A face that fails to decode counts as done: the <img> then
 * shows its own error, which reports the image as not rendered (so the alert is not "shown").
 * Without decode() support the images are shown at once, as before.
 */
export function useDecodedPair(probeUrl: string | null, subjectUrl: string | null): boolean {
  const key = `${probeUrl ?? ''}\n${subjectUrl ?? ''}`;
  const [decoded, setDecoded] = useState<string | null>(null);
  useEffect(() => {
    if (!canDecode()) return;
    let current = true;
    const decode = (url: string | null) => {
      if (!url) return Promise.resolve();
      const img = new Image();
      img.src = url;
      return img.decode();
    };
    void Promise.allSettled([decode(probeUrl), decode(subjectUrl)]).then(() => {
      if (current) setDecoded(key);
    });
    return () => {
      current = false;
    };
  }, [key, probeUrl, subjectUrl]);
  return !canDecode() || decoded === key;
}
