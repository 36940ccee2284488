/**
 * A worker thread ended while inside a native call of libjpeg-turbo's binding takes the whole
 * process down (SIGABRT, "terminate called after throwing an instance of 'Napi::Error'"): as
 * the thread stops, the binding's next call into Node fails and throws a C++ exception that
 * nothing catches. Node ends every worker when the process exits, in whatever it was doing,
 * and the station's JPEG worker decodes all through a burst.
 *
 * So the process and the worker share two flags. The worker marks each native call busy and,
 * having done so, looks whether the process has asked it to stop; the process, as it exits
 * (or closes the worker), asks it to stop, then waits while a call is running. Both use
 * sequentially consistent atomics, so either the worker sees the stop and does not start the
 * call, or the process sees it busy and waits (tests/unit/image-decode.test.ts exits in the
 * middle of 400 decodes).
 */
const STOP = 0;
const BUSY = 1;
/** The longest an exit waits for a running call; a decode of the largest image allowed takes far less. */
const LONGEST_WAIT_MS = 5000;

/** The process's side: the flags to hand to the worker, and the stop it asks for as it exits. */
export class NativeExitGuard {
  readonly shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  private readonly flags = new Int32Array(this.shared);
  private readonly onExit = () => this.stop();

  constructor() {
    process.on('exit', this.onExit);
  }

  /** Asks the worker to start no more native calls, and waits for the one running, if any. */
  stop(): void {
    process.off('exit', this.onExit);
    Atomics.store(this.flags, STOP, 1);
    const deadline = Date.now() + LONGEST_WAIT_MS;
    while (Atomics.load(this.flags, BUSY) === 1 && Date.now() < deadline) {
      try {
        Atomics.wait(this.flags, BUSY, 1, Math.max(1, deadline - Date.now()));
      } catch {
        // A thread that may not block (a browser's main thread) looks again: the running
        // call ends within milliseconds.
      }
    }
  }

  /** The worker ended on its own: nothing left to wait for. */
  forget(): void {
    process.off('exit', this.onExit);
  }
}

/** The worker's side: runs a native call, unless the process has asked it to stop (then throws). */
export function nativeCallsGuardedBy(shared: SharedArrayBuffer): <T>(call: () => T) => T {
  const flags = new Int32Array(shared);
  return <T>(call: () => T): T => {
    Atomics.store(flags, BUSY, 1);
    try {
      if (Atomics.load(flags, STOP) === 1) throw new Error('the station is stopping: no more decodes');
      return call();
    } finally {
      Atomics.store(flags, BUSY, 0);
      Atomics.notify(flags, BUSY);
    }
  };
}
