/**
 * The child process of the memory bench (memory.ts): the real station core
 * (startStationCore, as `npm run web` starts it, without the web server) over a data
 * folder and key folder the bench prepared. Once start-up is done (every journal opened
 * and folded, retention run), it forces garbage collection and prints one JSON line of
 * its memory, then closes the station (which journals journal-closed, as a quit does).
 * Run with --expose-gc.
 */
import { readFileSync } from 'node:fs';
import { startStationCore } from '../electron/core/station-core';
import { APP_VERSION } from '../electron/core/version';

const [dataDir, keyDir] = process.argv.slice(2);
if (!dataDir || !keyDir) throw new Error('usage: memory-station.ts <dataDir> <keyDir>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const log: string[] = [];
const started = performance.now();
const core = await startStationCore({
  dataDir,
  keyDir,
  // A real feed's mode (the journals under dataDir, no training feed), at an address nobody
  // listens on: the station keeps trying to connect, as it does while the feed is down.
  feedUrl: 'ws://127.0.0.1:9/feed',
  token: 'bench',
  mode: 'browser',
  appVersion: APP_VERSION,
  log: (line) => log.push(line),
});
const openMs = performance.now() - started;
// Whatever start-up left for the collector goes first: what stays is what the station keeps.
for (let i = 0; i < 3; i++) {
  gc();
  await new Promise((r) => setTimeout(r, 200));
}
const m = process.memoryUsage();
/**
 * This process's own peak RSS. Not resourceUsage().maxRSS: on Linux that keeps, across the
 * exec, the high-water mark of the fork it was spawned from, which is the bench's own
 * process (about 400 MiB after writing the journal) whatever the station used: a child of a
 * 342 MiB process reported 305 MiB with 39 MiB resident (6 Dec 2026). VmHWM is this
 * program's own memory map's.
 */
function peakRssBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1]) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux: maxRSS is the best there is (and may include the spawning process's peak).
  }
  return process.resourceUsage().maxRSS * 1024;
}
process.stdout.write(
  `${JSON.stringify({
    openMs,
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
    peakRssBytes: peakRssBytes(),
    log,
  })}\n`,
);
await core.close();
process.exit(0);
