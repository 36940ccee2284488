/**
 * Memory the station's thread and a decode worker both see, through which image bytes are
 * handed to the worker (image-decoder.ts). Handing them over any other way cost the
 * station's event loop a copy into a fresh buffer per image (its pages new to the process:
 * most of a millisecond for a scene), or the image's hash in this thread (issue 25). Here
 * an image is one copy into memory that is already the process's, and the worker hashes it.
 *
 * Regions are placed one after another and go round: a region is taken at `head` (or at
 * the start, once the end is reached) only where no region still in use lies, and each is
 * let go when the worker has answered for it, in any order. Bytes that do not fit at the
 * moment get `null`, and the caller hands them over the slow way: nothing waits for room.
 */
export class SharedRing {
  readonly buffer: SharedArrayBuffer;
  /** The ring as a Buffer, for Buffer#fill (copyBytes). */
  private readonly bytes: Buffer;
  /** Where the next region would start. */
  private head = 0;
  /** Regions in use, oldest first; one let go before an older one waits until that one goes. */
  private readonly inUse: Array<{ at: number; released: boolean }> = [];
  private readonly byStart = new Map<number, { at: number; released: boolean }>();

  constructor(readonly capacity: number) {
    this.buffer = new SharedArrayBuffer(capacity);
    this.bytes = Buffer.from(this.buffer);
  }

  /** Copies `data` into a free region and returns where it starts, or null if it does not fit now. */
  put(data: Uint8Array): number | null {
    const size = data.byteLength;
    if (size === 0 || size > this.capacity) return null;
    const at = this.placeFor(size);
    if (at === null) return null;
    copyBytes(data, this.bytes, at);
    const region = { at, released: false };
    this.inUse.push(region);
    this.byStart.set(at, region);
    this.head = at + size;
    return at;
  }

  /** The region starting at `at` is no longer read; its room is free once every older one is too. */
  release(at: number): void {
    const region = this.byStart.get(at);
    if (!region) return;
    region.released = true;
    this.byStart.delete(at);
    while (this.inUse[0]?.released) this.inUse.shift();
    if (this.inUse.length === 0) this.head = 0;
  }

  /** Regions not yet released (tests). */
  get regionsInUse(): number {
    return this.byStart.size;
  }

  private placeFor(size: number): number | null {
    const oldest = this.inUse[0];
    if (!oldest) return 0;
    const tail = oldest.at;
    // Not gone round: free room after head, and before the oldest region.
    if (this.head > tail) {
      if (this.head + size <= this.capacity) return this.head;
      return size <= tail ? 0 : null;
    }
    // Gone round: the only free room is between head and the oldest region.
    return this.head + size <= tail ? this.head : null;
  }
}

/**
 * The bytes copied into the ring at `at` by Buffer#fill over exactly their length: Node's
 * fill is one memcpy in C++. Buffer#copy and TypedArray#set into shared memory copy word by
 * word, since V8 must make each word's write atomic for the other thread (measured with Node
 * 20.20 here, 70 KiB: 35 to 41 µs by copy or set, 7 µs by fill). Profiled over 1,400 alerts
 * in bursts, the copies took 51 ms of the station thread's time by copy and 21 ms by fill.
 * The region is the worker's only once the message naming it is posted, after this.
 */
function copyBytes(from: Uint8Array, to: Buffer, at: number): void {
  to.subarray(at, at + from.byteLength).fill(from);
}
