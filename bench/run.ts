/**
 * `npm run bench`: every benchmark, printed as figures (no pass/fail: tests never
 * assert wall-clock time). Parts: journal, intake, pixel, replay; pick with
 * `npm run bench -- journal intake`.
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { benchJournal } from './journal';
import { benchIntake } from './intake';
import { benchPixel } from './pixel';
import { ms } from './stats';

const parts = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (name: string) => parts.length === 0 || parts.includes(name);
const line = (text: string) => process.stdout.write(text + '\n');

line(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${process.platform}`,
);

if (want('journal')) {
  const r = await benchJournal(mkdtempSync(join(tmpdir(), 'rs-bench-journal-')));
  line(
    `journal append (fsync each): ${r.appendsPerSecond.toFixed(0)} entries/s, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)} (${r.entries} entries)`,
  );
  line(
    `journal append (group commit, 50 at once): ${r.concurrentAppendsPerSecond.toFixed(0)} entries/s (${r.concurrentEntries} entries)`,
  );
}
if (want('intake')) {
  const r = await benchIntake(200);
  line(
    `alert intake, emit → stored ack, one at a time: p50 ${ms(r.sequential.p50Ms)}, p99 ${ms(r.sequential.p99Ms)} (${r.sequential.alerts} alerts)`,
  );
  line(
    `alert intake, emit → stored ack, 200-alert burst: p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}, all 200 in ${ms(r.totalMs)} (mean ${(r.meanImageBytes / 1024).toFixed(0)} KiB of images per alert)`,
  );
}
if (want('pixel')) {
  const r = await benchPixel();
  line(
    `alert-to-pixel, single alerts: p50 ${ms(r.single.p50Ms)}, p95 ${ms(r.single.p95Ms)} (${r.single.alerts} alerts)`,
  );
  line(
    `alert-to-pixel, 50-alert burst (queue entry painted): p50 ${ms(r.burst.p50Ms)}, p95 ${ms(r.burst.p95Ms)}; first alert's images ${ms(r.burst.firstImagesMs)}`,
  );
  line(
    `decision commit, click → gone from queue: p50 ${ms(r.decision.p50Ms)}, p95 ${ms(r.decision.p95Ms)} (${r.decision.decisions} decisions)`,
  );
}
if (want('replay')) {
  try {
    const { benchReplay } = await import('./replay');
    const r = await benchReplay(mkdtempSync(join(tmpdir(), 'rs-bench-replay-')));
    line(
      `replay open (verify + fold), 10,000 alerts (${r.alerts10k.entries} entries): ${ms(r.alerts10k.openMs)}`,
    );
    line(`replay open (verify + fold), ${r.entries100k.entries} entries: ${ms(r.entries100k.openMs)}`);
  } catch (error) {
    line(`replay: not measured (${error instanceof Error ? error.message : String(error)})`);
  }
}
