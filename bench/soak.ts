/**
 * The soak: alerts at a steady rate (default 10/s for 120 s) that nobody decides, with
 * Chromium open and signed in, so the backlog grows the whole time. If one more alert
 * costs the same however many wait, the acknowledgement p99 of the last window matches
 * the first, and the station process's memory does not climb with the backlog.
 * Emission is open-loop (on a schedule, never waiting for answers), as a real feed is.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TrainingFeedServer } from '../electron/simulator/feed-server';
import { launchBrowser, signIn, startStation } from '../tests/e2e/harness';
import { prepareAlerts } from './intake';
import { percentile } from './stats';

export interface SoakResult {
  seconds: number;
  rate: number;
  alerts: number;
  /** Alerts with no `stored` answer within the server's 10 s. */
  unanswered: number;
  windowSeconds: number;
  firstWindow: { p50Ms: number; p99Ms: number };
  lastWindow: { p50Ms: number; p99Ms: number };
  /** Station process resident memory, MiB: just before the first alert, and at the end. */
  memory: { startMiB: number; endMiB: number; peakMiB: number };
}

/** Resident set size of a process, from /proc (Linux); NaN where there is none. */
export function rssMiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function benchSoak(seconds = 120, rate = 10): Promise<SoakResult> {
  const token = 'bench';
  const server = await TrainingFeedServer.start({ rate: 0, token, seed: 5 });
  const count = Math.round(seconds * rate);
  // Made before the station connects: making 1,200 alerts holds this process (and the feed
  // server in it) for longer than socket.io's ping allows, and the station's connection was
  // dropped under the first alert, which then went unanswered (a bench artefact, 5 Dec).
  const alerts = prepareAlerts(server, count, 11);
  const station = await startStation(['--feed', server.url, '--token', token]);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(station.url);
    await signIn(page);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    while (server.stations.length === 0) await new Promise((r) => setTimeout(r, 20));
    const pid = station.child.pid!;
    const startMiB = rssMiB(pid);
    let peakMiB = startMiB;
    const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(pid))), 1000);

    const sent: Array<{ at: number; ms: number | null }> = [];
    const answers: Array<Promise<void>> = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const record = { at: (performance.now() - started) / 1000, ms: null as number | null };
      sent.push(record);
      const t0 = performance.now();
      answers.push(
        server.emitRaw('alert', alerts[i]).then((ack) => {
          if ((ack as { status?: string } | null)?.status === 'stored') record.ms = performance.now() - t0;
          else console.log(`soak: alert ${i} answered ${JSON.stringify(ack)}`);
        }),
      );
    }
    await Promise.all(answers);
    clearInterval(sampler);
    const endMiB = rssMiB(pid);
    const windowSeconds = Math.min(20, seconds / 3);
    const window = (from: number, to: number) => {
      const ms = sent.filter((s) => s.at >= from && s.at < to && s.ms !== null).map((s) => s.ms!);
      return { p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
    };
    return {
      seconds,
      rate,
      alerts: count,
      unanswered: sent.filter((s) => s.ms === null).length,
      windowSeconds,
      firstWindow: window(0, windowSeconds),
      lastWindow: window(seconds - windowSeconds, seconds),
      memory: { startMiB, endMiB, peakMiB: Math.max(peakMiB, endMiB) },
    };
  } finally {
    await browser.close();
    await station.stop();
    await server.close();
  }
}
