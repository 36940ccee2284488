/**
 * Replay opening time (issue: 10,000 alerts to the timeline in < 2 s, 100,000 entries in
 * < 10 s, verification included). Journals are generated the way the station writes
 * them (same entry shapes, same hash, real Ed25519 checkpoints where the station writes
 * them: after every entry a person made, at least every 50 entries, and on close), but
 * written straight to disk: appending 100,000 entries one fsync batch at a time would
 * measure the disk, not replay. Twenty real image files are shared by all alerts, so
 * verification hashes real files (each distinct image once, as it does in real life).
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { CHECKPOINT_EVERY, GENESIS_HASH, checkpointSigningText, type Actor } from '../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../electron/core/identity';
import { entryHash } from '../electron/core/journal/chain';
import { entryLine } from '../electron/core/journal/canonical-line';
import { loadReplay } from '../electron/core/replay/load';
import { isEntryPoint } from '../electron/cli/entry';
import { bareVerify } from './bare-verify';

export interface SyntheticJournal {
  file: string;
  imagesDir: string;
  entries: number;
  alerts: number;
  deploymentId: string;
  signer: Signer;
  /** What the last checkpoint signs: the station keeps it outside the journal (checkpoint-ledger.ts). */
  lastCheckpoint: { seq: number; hash: string };
}

const REASONS_ENGAGE = ['subject-likeness-strong', 'system-score-clear'];
const REASONS_NO = [
  ['subject-features-differ'],
  ['subject-age-sex-differ', 'system-reference-poor'],
  ['env-subject-lost'],
];
const CAMERAS = [
  { id: 'cam-1', label: 'High Street north' },
  { id: 'cam-2', label: 'High Street south' },
  { id: 'cam-3', label: 'Station forecourt' },
  { id: 'cam-4', label: 'Market square' },
];
const TIERS = ['red', 'amber', 'amber', 'green', 'green'] as const;

/** A deterministic-enough pseudo random sequence (the bench should not vary run to run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Writes a journal of about `targetEntries` entries (or `alerts` alerts), in the
 * station's shapes: alert-received, alert-shown, decision, decision-recorded and,
 * for some engages, outcome and outcome-recorded; officers sign in in shifts.
 */
export async function writeSyntheticJournal(
  dir: string,
  opts: {
    alerts?: number;
    targetEntries?: number;
    signer?: Signer;
    deploymentId?: string;
    seed?: number;
    /** The authorised window's end (default 2026-04-30): a later one keeps retention from purging it. */
    endsAt?: string;
  },
): Promise<SyntheticJournal> {
  const deploymentId = opts.deploymentId ?? 'bench-deployment';
  const signer = opts.signer ?? createEphemeralSigner();
  const random = rng(opts.seed ?? 42);
  await mkdir(join(dir, 'images'), { recursive: true });
  const pool: Array<{ sha256: string; bytes: number }> = [];
  for (let i = 0; i < 20; i++) {
    const bytes = randomBytes(20_000 + i * 1000);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(dir, 'images', sha256), bytes);
    pool.push({ sha256, bytes: bytes.length });
  }
  const image = (i: number, w: number) => ({
    sha256: pool[i]!.sha256,
    mime: 'image/jpeg',
    width: w,
    height: w,
    bytes: pool[i]!.bytes,
  });

  const lines: string[] = [];
  let seq = 0;
  let prev = GENESIS_HASH;
  let since = 0;
  let lastCheckpoint = { seq: 0, hash: GENESIS_HASH };
  let clock = Date.parse('2026-03-21T09:00:00.000Z');
  const iso = () => new Date(clock).toISOString();
  const push = (type: string, actor: Actor | null, data: Record<string, unknown>) => {
    const body = { seq: seq + 1, at: iso(), type, actor, data, prev };
    const entry = { ...body, hash: entryHash(body) };
    lines.push(entryLine(entry));
    seq = entry.seq;
    prev = entry.hash;
    if (type === 'checkpoint') return;
    since += 1;
    // The station's policy (journal-v1): after each write with a person's entry, at least every 50, on close.
    if (actor !== null || since >= CHECKPOINT_EVERY || type === 'journal-closed') {
      since = 0;
      const signature = signer.sign(checkpointSigningText(signer.stationId, deploymentId, seq, prev));
      lastCheckpoint = { seq, hash: prev };
      push('checkpoint', null, { seq, hash: prev, signature });
    }
  };

  push('journal-opened', null, {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    appVersion: 'bench',
    deploymentId,
    training: false,
  });
  push('deployment', null, {
    v: 1,
    deploymentId,
    title: 'Bench deployment, High Street',
    purpose: 'Locate people wanted on warrant in the town centre.',
    intelligenceRef: 'INT-2026-0042',
    location: { name: 'High Street', zone: 'Town centre' },
    authorisedBy: { id: 'S-1', name: 'Supt A. Example', rank: 'Superintendent' },
    authorisedAt: '2026-03-20T12:00:00.000Z',
    startsAt: '2026-03-21T08:00:00.000Z',
    endsAt: opts.endsAt ?? '2026-04-30T20:00:00.000Z',
    threshold: 0.64,
    algorithm: { name: 'NEC NeoFace', version: '4.1' },
    watchlist: { version: 'WL-77', size: 6000, reviewedAt: '2026-03-20T15:00:00.000Z', reviewedBy: 'Insp B' },
    notice: { given: true, channels: ['signage', 'social media'] },
    dpiaRef: 'DPIA-12',
    retentionDays: 31,
    cameras: CAMERAS,
  });

  const wanted = opts.alerts ?? Math.ceil((opts.targetEntries ?? 50_000) / 4);
  const officers: Actor[] = [
    { id: 'PC-101', name: 'PC Amber Jones' },
    { id: 'PC-102', name: 'PC Ravi Patel' },
    { id: 'PC-103', name: 'PC Sam Lee' },
  ];
  let alerts = 0;
  for (let n = 1; n <= wanted; n++) {
    if ((n - 1) % 400 === 0) {
      const officer = officers[((n - 1) / 400) % officers.length]!;
      if (n > 1)
        push('operator-signed-out', officers[((n - 1) / 400 - 1) % officers.length]!, { reason: 'handover' });
      push('operator-signed-in', officer, { role: 'officer' });
    }
    const officer = officers[Math.floor((n - 1) / 400) % officers.length]!;
    const alertId = randomUUID();
    const score = 0.64 + random() * 0.3;
    clock += 20_000 + Math.floor(random() * 60_000);
    push('alert-received', null, {
      v: 1,
      alertId,
      seq: n,
      deploymentId,
      capturedAt: new Date(clock - 400).toISOString(),
      camera: CAMERAS[n % CAMERAS.length],
      score: Math.round(score * 10_000) / 10_000,
      threshold: 0.64,
      probe: image(n % 10, 320),
      ...(n % 3 === 0
        ? { scene: { ...image(10 + (n % 5), 1280), box: { x: 100, y: 80, w: 240, h: 240 } } }
        : {}),
      subject: {
        entryId: `WL-${n % 977}`,
        name: 'Sample Person',
        category: 'wanted-court-warrant',
        tier: TIERS[n % TIERS.length],
        reason: 'Failed to appear at court; warrant issued.',
        warnings: [],
        image: image(15 + (n % 5), 400),
      },
    });
    alerts += 1;
    clock += 1500 + Math.floor(random() * 3000);
    const shownAt = iso();
    push('alert-shown', officer, {
      alertId,
      probeSha256: pool[n % 10]!.sha256,
      subjectSha256: pool[15 + (n % 5)]!.sha256,
      status: 'pending',
    });
    clock += 4000 + Math.floor(random() * 40_000);
    const engage = random() < 0.35;
    const decision = engage ? 'engage' : 'no-engage';
    push('decision', officer, {
      alertId,
      deploymentId,
      revision: 1,
      decision,
      reasons: engage ? REASONS_ENGAGE : REASONS_NO[n % REASONS_NO.length],
      rationale: engage
        ? 'Strong likeness in eyes, nose and jaw; reference image recent.'
        : 'Face shape and apparent age differ from the reference image.',
      operator: officer,
      confirmedBy: null,
      shownAt,
      decidedAt: iso(),
      evidence: {
        probeSha256: pool[n % 10]!.sha256,
        subjectSha256: pool[15 + (n % 5)]!.sha256,
        score,
        threshold: 0.64,
      },
    });
    clock += 300;
    push('decision-recorded', null, { alertId, revision: 1, status: 'recorded' });
    if (engage && random() < 0.8) {
      clock += 60_000;
      const result = random() < 0.7 ? 'confirmed-true' : random() < 0.5 ? 'confirmed-false' : 'not-located';
      push('outcome', officer, {
        v: 1,
        alertId,
        deploymentId,
        revision: 1,
        result,
        ...(result === 'confirmed-true' ? { action: random() < 0.5 ? 'arrest' : 'advice' } : {}),
        notes: 'Spoken to by the engagement team.',
        recordedBy: officer,
        recordedAt: iso(),
      });
      clock += 300;
      push('outcome-recorded', null, { alertId, revision: 1, status: 'recorded' });
    }
    if (opts.targetEntries && seq >= opts.targetEntries - 4) break;
  }
  push('journal-closed', null, { reason: 'station-quit' });
  const file = join(dir, 'journal.jsonl');
  await writeFile(file, lines.map((l) => `${l}\n`).join(''));
  return { file, imagesDir: join(dir, 'images'), entries: seq, alerts, deploymentId, signer, lastCheckpoint };
}

export interface ReplayBenchResult {
  alerts10k: { entries: number; openMs: number };
  /** Replay open beside the bare verifier (bare-verify.ts) on the same file: medians of ROUNDS, taken in turn. */
  entries100k: { entries: number; openMs: number; bareMs: number; openRuns: number[]; bareRuns: number[] };
}

/** Rounds of the 100,000-entry figure, bare verifier and replay open in turn (the machine is shared). */
const ROUNDS = 3;

async function timeOpen(journal: SyntheticJournal): Promise<number> {
  const t0 = performance.now();
  const replay = await loadReplay({
    key: `station:${journal.deploymentId}`,
    source: 'station',
    journalFile: journal.file,
    imagesDir: journal.imagesDir,
  });
  const ms = performance.now() - t0;
  if (replay.integrity.status !== 'verified')
    throw new Error(`bench journal did not verify: ${JSON.stringify(replay.integrity.failure)}`);
  if (replay.alerts.length !== journal.alerts)
    throw new Error('bench journal folded to the wrong alert count');
  return Math.round(ms);
}

async function timeBare(journal: SyntheticJournal): Promise<number> {
  const t0 = performance.now();
  const entries = await bareVerify(journal.file);
  const ms = performance.now() - t0;
  if (entries !== journal.entries) throw new Error('bare verifier read the wrong entry count');
  return Math.round(ms);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Writes a journal into its own folder, measures it, and deletes it (together they are about 150 MB). */
async function withJournal<T>(
  dir: string,
  opts: Parameters<typeof writeSyntheticJournal>[1],
  measure: (journal: SyntheticJournal) => Promise<T>,
): Promise<T> {
  try {
    return await measure(await writeSyntheticJournal(dir, opts));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchReplay(
  dir: string,
  opts: { only100k?: boolean } = {},
): Promise<ReplayBenchResult> {
  const signer = createEphemeralSigner();
  const alerts10k = opts.only100k
    ? { entries: 0, openMs: 0 }
    : await withJournal(join(dir, 'alerts10k'), { alerts: 10_000, signer }, async (journal) => ({
        entries: journal.entries,
        openMs: await timeOpen(journal),
      }));
  const entries100k = await withJournal(
    join(dir, 'entries100k'),
    { targetEntries: 100_000, seed: 7, signer },
    async (journal) => {
      const bareRuns: number[] = [];
      const openRuns: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareRuns.push(await timeBare(journal));
        openRuns.push(await timeOpen(journal));
      }
      return {
        entries: journal.entries,
        openMs: median(openRuns),
        bareMs: median(bareRuns),
        openRuns,
        bareRuns,
      };
    },
  );
  return { alerts10k, entries100k };
}

if (isEntryPoint(import.meta.url)) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-replay-'));
  try {
    console.log(JSON.stringify(await benchReplay(dir), null, 2));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
