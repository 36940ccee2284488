/**
 * `npm run bench`: every benchmark, printed as figures (no pass/fail: tests never
 * assert wall-clock time). Parts: journal, intake, pixel, flood, soak, replay (replay-100k: only
 * its 100,000-entry figure beside the bare verifier), archive;
 * pick with `npm run bench -- intake pixel`. `flood` times the 3,000-alert drill (about
 * 2.5 minutes). Intake and pixel are measured beside their floors
 * (a bare fsync writer, a bare page) in the same run, and print the ratio, because
 * this machine is shared and absolute figures move with whatever else runs.
 * `--soak-seconds <n>` shortens the soak for a quick look (the quoted figure is 120 s).
 * `memory`: the station core's memory after opening a 100,000-alert all-decided deployment
 * (about 2 minutes); `--memory-alerts <n>` makes the journal smaller for a quick look.
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchJournal } from './journal';
import { benchIntake, medianOf, INTAKE_ROUNDS, type IntakeBenchResult } from './intake';
import { benchPixel } from './pixel';
import { benchFlood } from './flood';
import { hours } from './scripted-officer';
import { benchSoak } from './soak';
import { ms } from './stats';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'soak-seconds': { type: 'string', default: '120' },
    'memory-alerts': { type: 'string', default: '100000' },
  },
});
const soakSeconds = Number(values['soak-seconds']);
if (!Number.isFinite(soakSeconds) || soakSeconds < 6) throw new Error('--soak-seconds must be a number >= 6');
const memoryAlerts = Number(values['memory-alerts']);
if (!Number.isSafeInteger(memoryAlerts) || memoryAlerts < 1)
  throw new Error('--memory-alerts must be a whole number >= 1');
const want = (name: string) => positionals.length === 0 || positionals.includes(name);
const line = (text: string) => process.stdout.write(text + '\n');
/** "x1.4 of the floor": the station's figure over the floor's, measured in this run. */
const ratio = (station: number, floor: number) => `x${(station / floor).toFixed(2)} of the floor`;

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
  // Floor and station take turns, so a change in what else the machine is doing falls on
  // both; each figure is the median over the rounds.
  const rounds = {
    floor: [] as IntakeBenchResult[],
    decoding: [] as IntakeBenchResult[],
    station: [] as IntakeBenchResult[],
  };
  for (let round = 0; round < INTAKE_ROUNDS; round++) {
    rounds.floor.push(await benchIntake(200, 'floor'));
    rounds.station.push(await benchIntake(200));
    rounds.decoding.push(await benchIntake(200, 'floor-decode'));
  }
  const floor = medianOf(rounds.floor);
  const decoding = medianOf(rounds.decoding);
  const r = medianOf(rounds.station);
  line(
    `alert intake, emit → stored ack, one at a time: p50 ${ms(r.sequential.p50Ms)}, p99 ${ms(r.sequential.p99Ms)} (${r.sequential.alerts} alerts); floor p50 ${ms(floor.sequential.p50Ms)}`,
  );
  line(
    `alert intake, emit → stored ack, 200-alert burst (median of ${INTAKE_ROUNDS} rounds, each beside a floor round): p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}, all 200 in ${ms(r.totalMs)} (mean ${(r.meanImageBytes / 1024).toFixed(0)} KiB of images per alert)`,
  );
  line(
    `  burst first ack: station ${ms(r.firstMs)}, bare fsync writer ${ms(floor.firstMs)}: ${ratio(r.firstMs, floor.firstMs)} (goal ≤ x1.5)`,
  );
  if (r.burstCpu && floor.burstCpu && decoding.burstCpu) {
    // Read from /proc (bench/thread-cpu.ts): busy on both cores, a process is faster only by doing less.
    const cpu = (c: NonNullable<IntakeBenchResult['burstCpu']>) =>
      `${c.totalMs.toFixed(0)} ms (main thread ${c.mainMs.toFixed(0)}, other threads ${c.otherMs.toFixed(0)}, the busiest of them ${c.busiestOtherMs.toFixed(0)})`;
    line(
      `  burst CPU, emit of the first → last ack: station ${cpu(r.burstCpu)} in ${ms(r.totalMs)}; bare fsync writer ${cpu(floor.burstCpu)} in ${ms(floor.totalMs)}; the writer decoding too ${cpu(decoding.burstCpu)} in ${ms(decoding.totalMs)}; ${cpus().length} cores`,
    );
  }
  line(
    `  burst p99: station ${ms(r.p99Ms)}, bare fsync writer ${ms(floor.p99Ms)}: ${ratio(r.p99Ms, floor.p99Ms)} (goal ≤ x1.25); rounds ${rounds.station.map((s, i) => `${s.p99Ms.toFixed(0)}/${rounds.floor[i]!.p99Ms.toFixed(0)}`).join(', ')} ms`,
  );
  // Not issue 25's floor: the same writer doing what lfr-feed-v1 now asks before "stored"
  // (every image decoded in full), to show what the contract costs and what is the station's own.
  line(
    `  burst p99 beside the bare writer decoding every image in full too (lfr-feed-v1; not the goal's floor): ${ms(decoding.p99Ms)}, station ${ratio(r.p99Ms, decoding.p99Ms).replace('the floor', 'it')}; rounds ${rounds.decoding.map((d) => d.p99Ms.toFixed(0)).join(', ')} ms`,
  );
}
if (want('pixel')) {
  const r = await benchPixel();
  line(
    `alert-to-pixel, single alerts: p50 ${ms(r.single.p50Ms)}, p95 ${ms(r.single.p95Ms)} (${r.single.alerts} alerts, the first after sign-in included)`,
  );
  line(
    `  first alert after sign-in: station ${ms(r.single.firstMs)}, bare page's first ${ms(r.floor.firstMs)}: ${ratio(r.single.firstMs, r.floor.firstMs)} (goal ≤ x2, issue 21)`,
  );
  line(
    `  p50: station ${ms(r.single.p50Ms)}, bare page ${ms(r.floor.p50Ms)}: ${ratio(r.single.p50Ms, r.floor.p50Ms)} (goal ≤ x1.5)`,
  );
  line(
    `  p95: station ${ms(r.single.p95Ms)}, bare page ${ms(r.floor.p95Ms)}: ${ratio(r.single.p95Ms, r.floor.p95Ms)} (goal ≤ x1.5)`,
  );
  line(
    `alert-to-pixel, 50-alert burst (each counted in the queue on screen): p50 ${ms(r.burst.p50Ms)}, p95 ${ms(r.burst.p95Ms)}; first alert's images ${ms(r.burst.firstImagesMs)}`,
  );
  line(
    `decision commit, click → gone from queue: p50 ${ms(r.decision.p50Ms)}, p95 ${ms(r.decision.p95Ms)} (${r.decision.decisions} decisions)`,
  );
}
if (want('flood')) {
  const r = await benchFlood();
  const end = (label: string, e: typeof r.start) =>
    `  ${label} (${e.waiting} waiting): decision commit p50 ${ms(e.commitP50Ms)}, next alert shown p50 ${ms(e.nextShownP50Ms)} (${e.decisions} decisions)`;
  line(`flood drill, ${r.alerts} alerts at 25/s, all in after ${r.seconds.toFixed(0)} s:`);
  line(end('start', r.start));
  line(end('end', r.end));
  line(
    `  end over start: commit x${(r.end.commitP50Ms / r.start.commitP50Ms).toFixed(2)}, next shown x${(r.end.nextShownP50Ms / r.start.nextShownP50Ms).toFixed(2)} (goal: the same)`,
  );
  const o = r.officer;
  line(
    `  scripted officer (look time + keys at 150 ms, modelled): ${o.alerts} alerts cleared in ${hours(o.modelledMs).toFixed(2)} h with repeats confirmed from the strip (${o.decidedInFull} in full, ${o.confirmedFromStrip} from the strip) against ${hours(o.allInFullMs).toFixed(2)} h each in full (today, ~6 h at the issue's 7 s); goal under 1 h`,
  );
}
if (want('soak')) {
  const r = await benchSoak(soakSeconds);
  const w = r.windowSeconds.toFixed(0);
  line(
    `soak, ${r.rate} alerts/s for ${r.seconds} s, none decided (${r.alerts} alerts, ${r.unanswered} unanswered within 10 s):`,
  );
  line(
    `  ack p99 first ${w} s ${ms(r.firstWindow.p99Ms)} → last ${w} s ${ms(r.lastWindow.p99Ms)}: x${(r.lastWindow.p99Ms / r.firstWindow.p99Ms).toFixed(2)} (goal ≤ x1.5); p50 ${ms(r.firstWindow.p50Ms)} → ${ms(r.lastWindow.p50Ms)}`,
  );
  line(
    `  station process memory (RSS) ${r.memory.startMiB.toFixed(0)} → ${r.memory.endMiB.toFixed(0)} MiB, growth ${(r.memory.endMiB - r.memory.startMiB).toFixed(0)} MiB, peak ${r.memory.peakMiB.toFixed(0)} MiB (goal growth < 100 MB)`,
  );
}
if (want('archive')) {
  try {
    const { benchArchive } = await import('./archive');
    const r = await benchArchive();
    const b = r.burst;
    line(
      `archive replication, ${b.alerts}-alert burst (${b.imagesMiB.toFixed(1)} MiB of images): lag journal → archive p50 ${ms(b.lagP50Ms)}, p99 ${ms(b.lagP99Ms)}, max ${ms(b.lagMaxMs)}; ${b.entriesPerSecond.toFixed(0)} entries/s`,
    );
    line(
      `archive catch-up from nothing: ${r.catchUp.entriesPerSecond.toFixed(0)} entries/s (${r.catchUp.entries} entries)`,
    );
    const t = r.transparency;
    const run = (label: string, x: typeof t.first, entries: number) =>
      `  ${label}: ${ms(x.ms)} over ${entries} entries, ${x.linesHashed} lines hashed, ${x.resumed} journals picked up at a recorded checkpoint; ` +
      `x${(x.ms / t.bareSha256Ms).toFixed(1)} of the floor (goal < 10 s)`;
    line(
      `transparency report with equality section, ${t.deployments} deployments / ${t.entries} entries (${t.equality.shownGroups} groups shown, ${t.equality.hidden.primary} counts <5 hidden, ${t.equality.hidden.secondary} more to protect them); each run the report command in a fresh process, start to exit:`,
    );
    line(
      `  floor: SHA-256 of every line once, one core, no I/O: ${ms(t.bareSha256Ms)}; figures (SQL) ${ms(t.figuresMs)}`,
    );
    line(
      run(
        `--reverify, first (nothing recorded; ${t.first.notCounted} deployments not counted, their journals half shipped)`,
        t.first,
        t.firstEntries,
      ),
    );
    line(
      run(
        '--reverify, incremental (after the running tenth of the deployments shipped their second half)',
        t.incremental,
        t.entries,
      ),
    );
    line(run('--reverify --from-scratch', t.fromScratch, t.entries));
    line(
      `  recorded verdicts reused (no --reverify): ${ms(t.warmMs)}; data made, signed and loaded in ${t.loadSeconds.toFixed(0)} s`,
    );
  } catch (error) {
    line(`archive: not measured (${error instanceof Error ? error.message : String(error)})`);
  }
}
if (want('replay') || want('replay-100k')) {
  try {
    const { benchReplay } = await import('./replay');
    // `replay-100k`: only the 100,000-entry figure beside its floor (a quicker look).
    const r = await benchReplay(mkdtempSync(join(tmpdir(), 'rs-bench-replay-')), {
      only100k: !want('replay'),
    });
    if (want('replay'))
      line(
        `replay open (verify + fold), 10,000 alerts (${r.alerts10k.entries} entries): ${ms(r.alerts10k.openMs)}`,
      );
    const big = r.entries100k;
    line(
      `replay open (verify + fold), ${big.entries} entries: ${ms(big.openMs)} vs bare verifier, same file ${ms(big.bareMs)}: ` +
        `${ratio(big.openMs, big.bareMs)} (medians of ${big.openRuns.length}, in turn: open ${big.openRuns.join(' / ')} ms, bare ${big.bareRuns.join(' / ')} ms)`,
    );
  } catch (error) {
    line(`replay: not measured (${error instanceof Error ? error.message : String(error)})`);
  }
}
if (want('memory')) {
  try {
    const { benchMemory } = await import('./memory');
    const r = await benchMemory(memoryAlerts);
    line(
      `station memory after opening ${r.alerts.toLocaleString('en-GB')} decided alerts (${r.entries} entries, ${r.journalMiB.toFixed(0)} MiB journal; real station core in a child, GC forced): ` +
        `RSS ${((r.rssMiB * 2 ** 20) / 1e6).toFixed(0)} MB (goal < 300 MB${r.alerts === 100_000 ? '' : ' at 100,000 alerts'}), heapUsed ${r.heapUsedMiB.toFixed(0)} MiB, peak RSS ${r.peakRssMiB.toFixed(0)} MiB; start-up ${(r.openMs / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    line(`memory: not measured (${error instanceof Error ? error.message : String(error)})`);
  }
}
