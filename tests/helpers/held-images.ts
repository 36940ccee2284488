/**
 * The real image store of a station, with each put held until the test lets go, so a test
 * can look at the station while an alert's images are not yet durable.
 */
import type { ImageStore } from '../../electron/core/journal/images';

/**
 * Each put is held after its real work: `release()` lets the puts resolve, `fail()` makes
 * them fail (the write never became durable). With `skipWrite` a put is held before it
 * writes anything: until then the files are not there at all (a crash came before the rename).
 */
export function holdImages(images: ImageStore, opts: { skipWrite?: boolean } = {}) {
  const realPut = images.put.bind(images);
  let release!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  gate.catch(() => undefined);
  images.put = async (bytes, sha256) => {
    if (opts.skipWrite) {
      await gate;
      return realPut(bytes, sha256);
    }
    const result = await realPut(bytes, sha256);
    await gate;
    return result;
  };
  return { release, fail, restore: () => (images.put = realPut) };
}
