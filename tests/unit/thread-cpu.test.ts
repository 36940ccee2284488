/**
 * The intake bench's CPU by thread (bench/thread-cpu.ts), read from Linux's /proc: the
 * thread whose tid is the pid is the main thread, the busiest other thread is named by its
 * own time in the stretch (not its total), and a thread started during the stretch counts
 * in full.
 */
import { describe, expect, it } from 'vitest';
import { cpuSpent, threadTimes, type ThreadTimes } from '../../bench/thread-cpu';

const times = (entries: Array<[number, string, number]>): ThreadTimes =>
  new Map(entries.map(([tid, name, ms]) => [tid, { name, ms }]));

describe('cpuSpent', () => {
  it('sorts threads into main and the rest, and finds the busiest of the rest in the stretch', () => {
    const before = times([
      [100, 'node', 500],
      [101, 'node', 400],
      [102, 'node', 10],
    ]);
    const after = times([
      [100, 'node', 620],
      [101, 'node', 430],
      [102, 'node', 60],
      [103, 'node', 20],
    ]);
    expect(cpuSpent(100, before, after)).toEqual({
      mainMs: 120,
      busiestOtherMs: 50,
      otherMs: 100,
      totalMs: 220,
    });
  });

  it('says nothing where a reading is missing', () => {
    expect(cpuSpent(1, null, times([[1, 'node', 5]]))).toBeNull();
    expect(cpuSpent(1, times([[1, 'node', 5]]), null)).toBeNull();
  });
});

describe.runIf(process.platform === 'linux')('threadTimes (Linux /proc)', () => {
  it('reads this process, its main thread under its pid, and counts CPU it spends', () => {
    const before = threadTimes(process.pid);
    expect(before?.get(process.pid)?.name).toBeTruthy();
    // CPU, not wall time: spin until the process itself says 200 ms of CPU were used.
    const start = process.cpuUsage();
    while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < 200)
      Math.sqrt(Math.random());
    const spent = cpuSpent(process.pid, before, threadTimes(process.pid));
    expect(spent!.mainMs).toBeGreaterThanOrEqual(100);
    expect(spent!.totalMs).toBeGreaterThanOrEqual(spent!.mainMs);
  });

  it('is null for a process that is not there', () => {
    expect(threadTimes(2 ** 22 + 7)).toBeNull();
  });
});
