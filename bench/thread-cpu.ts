/**
 * CPU time a process spent in a stretch of a bench, by thread, read from Linux's
 * /proc/<pid>/task/<tid>/stat. A wall-clock figure alone cannot say whether a process was
 * waiting (on a disk, on a lock) or busy; on a machine of two cores, a process that used
 * nearly twice the wall time in CPU was busy on both, and only less work makes it faster.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime are counted in clock ticks: USER_HZ, 100 a second on Linux. */
const MS_PER_TICK = 10;

interface ThreadTime {
  name: string;
  ms: number;
}

export type ThreadTimes = Map<number, ThreadTime>;

export interface CpuSpent {
  /** The thread that runs the process's JavaScript event loop (its tid is the pid). */
  mainMs: number;
  /**
   * The busiest thread but the main one. Threads carry no names of their own here (Node's
   * workers and libuv's pool are all "node"); in the station it is its JPEG worker
   * (electron/core/feed/image-decoder.ts), which decodes every image in full.
   */
  busiestOtherMs: number;
  /** Every thread but the main one: workers, libuv's pool (files, fsync), V8's GC and compiler. */
  otherMs: number;
  totalMs: number;
}

/** Each thread's CPU so far, or null where /proc cannot be read (not Linux, process gone). */
export function threadTimes(pid: number): ThreadTimes | null {
  try {
    const times: ThreadTimes = new Map();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields follow it.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      times.set(Number(tid), { name: stat.slice(stat.indexOf('(') + 1, close), ms: ticks * MS_PER_TICK });
    }
    return times;
  } catch {
    return null;
  }
}

/** CPU spent between two readings of the same process, by kind of thread. */
export function cpuSpent(
  pid: number,
  before: ThreadTimes | null,
  after: ThreadTimes | null,
): CpuSpent | null {
  if (!before || !after) return null;
  const spent = { mainMs: 0, busiestOtherMs: 0, otherMs: 0, totalMs: 0 };
  for (const [tid, { ms }] of after) {
    const used = ms - (before.get(tid)?.ms ?? 0);
    if (tid === pid) spent.mainMs += used;
    else {
      spent.otherMs += used;
      spent.busiestOtherMs = Math.max(spent.busiestOtherMs, used);
    }
    spent.totalMs += used;
  }
  return spent;
}
