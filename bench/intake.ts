/**
 * Alert intake: from the server's emit to the station's `stored` acknowledgement,
 * during a 200-alert burst with real (synthetic) JPEG images. The station runs in a
 * child process, as in production, so the server's work does not share its event loop.
 * The same code measures the floor (bench/floors/bare-writer.ts) with the same alerts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TrainingFeedServer } from '../electron/simulator/feed-server';
import { ImagePool } from '../electron/simulator/image-pool';
import { createScenario, makeAlert } from '../electron/simulator/scenario';
import type { Alert } from '../shared/feed/schemas';
import { startStation } from '../tests/e2e/harness';
import { startBareWriter } from './floors/writer';
import { percentile } from './stats';
import { cpuSpent, threadTimes, type CpuSpent } from './thread-cpu';

export interface IntakeBenchResult {
  alerts: number;
  /** The first acknowledgement of the burst to arrive. */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  totalMs: number;
  meanImageBytes: number;
  /** The storing process's CPU during the burst, by thread (Linux only; null elsewhere). */
  burstCpu: CpuSpent | null;
  /** One alert at a time (the next emitted when the last is acknowledged). */
  sequential: { alerts: number; p50Ms: number; p99Ms: number };
}

/** Rounds of the burst, floor and station taking turns (bench/run.ts). */
export const INTAKE_ROUNDS = 3;

/** Each figure the median of the rounds' figures (rounds are few and odd in number). */
export function medianOf(results: IntakeBenchResult[]): IntakeBenchResult {
  const med = (pick: (r: IntakeBenchResult) => number) => percentile(results.map(pick), 50);
  return {
    alerts: results[0]!.alerts,
    firstMs: med((r) => r.firstMs),
    p50Ms: med((r) => r.p50Ms),
    p99Ms: med((r) => r.p99Ms),
    maxMs: med((r) => r.maxMs),
    totalMs: med((r) => r.totalMs),
    meanImageBytes: med((r) => r.meanImageBytes),
    burstCpu: results.every((r) => r.burstCpu)
      ? {
          mainMs: med((r) => r.burstCpu!.mainMs),
          busiestOtherMs: med((r) => r.burstCpu!.busiestOtherMs),
          otherMs: med((r) => r.burstCpu!.otherMs),
          totalMs: med((r) => r.burstCpu!.totalMs),
        }
      : null,
    sequential: {
      alerts: results[0]!.sequential.alerts,
      p50Ms: med((r) => r.sequential.p50Ms),
      p99Ms: med((r) => r.sequential.p99Ms),
    },
  };
}

/** Alerts made before timing starts, so image generation is not measured. */
export function prepareAlerts(server: TrainingFeedServer, count: number, seed = 99): Alert[] {
  const scenario = createScenario({
    seed,
    deployment: server.deployment,
    images: new ImagePool({ scenes: true }),
  });
  scenario.lastSeq = 1_000_000; // clear of the server's own numbering
  return Array.from({ length: count }, (_, i) =>
    makeAlert(scenario, { reuseImages: i % 4 !== 0, scene: i % 8 === 0 ? undefined : 'cached' }),
  );
}

export const probeHash = (alert: Alert) => createHash('sha256').update(alert.probe.data).digest('hex');

/**
 * `station`: the real station; `floor`: the bare fsync writer, same alerts, same server;
 * `floor-decode`: that writer decoding every image in full too (bench/floors/bare-writer.ts).
 */
export async function benchIntake(
  count = 200,
  target: 'station' | 'floor' | 'floor-decode' = 'station',
): Promise<IntakeBenchResult> {
  const token = 'bench';
  const server = await TrainingFeedServer.start({ rate: 0, token, seed: 42 });
  // Made before the station connects: made after, they hold the feed server's event loop
  // past socket.io's ping on a busy machine, the connection drops and an ack is lost (the
  // soak bench had the same fault).
  const alerts = prepareAlerts(server, count + 50);
  const station =
    target === 'station'
      ? await startStation(['--feed', server.url, '--token', token], mkdtempSync(join(tmpdir(), 'rs-bench-')))
      : await startBareWriter(server.url, token, target === 'floor-decode');
  try {
    while (server.stations.length === 0) await new Promise((r) => setTimeout(r, 20));
    const one: number[] = [];
    for (const alert of alerts.splice(count)) {
      const t0 = performance.now();
      const ack = (await server.emitRaw('alert', alert)) as { status?: string } | null;
      if (ack?.status !== 'stored') throw new Error(`alert not stored: ${JSON.stringify(ack)}`);
      one.push(performance.now() - t0);
    }
    const bytes = alerts.map(
      (a) => a.probe.data.length + a.subject.image.data.length + (a.scene?.data.length ?? 0),
    );
    const latencies: number[] = [];
    const pid = 'child' in station ? station.child.pid! : station.pid;
    const cpuBefore = threadTimes(pid);
    const started = performance.now();
    await Promise.all(
      alerts.map(async (alert) => {
        const t0 = performance.now();
        const ack = (await server.emitRaw('alert', alert)) as { status?: string } | null;
        if (ack?.status !== 'stored') throw new Error(`alert not stored: ${JSON.stringify(ack)}`);
        latencies.push(performance.now() - t0);
      }),
    );
    const totalMs = performance.now() - started;
    const burstCpu = cpuSpent(pid, cpuBefore, threadTimes(pid));
    return {
      alerts: count,
      firstMs: Math.min(...latencies),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      totalMs,
      meanImageBytes: bytes.reduce((a, b) => a + b, 0) / bytes.length,
      burstCpu,
      sequential: { alerts: one.length, p50Ms: percentile(one, 50), p99Ms: percentile(one, 99) },
    };
  } finally {
    await station.stop();
    await server.close();
  }
}
