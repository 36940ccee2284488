/**
 * Loads a replay: verify the journal and its images first (verifyJournal, the same
 * check as `npm run verify`), then stream it again and fold it. A journal that fails
 * verification still loads as far as its lines can be read, flagged as tampered.
 *
 * The loaded state can be brought up to date when the journal has only grown (a live
 * station journal gains a `replay-opened` entry every time a replay is opened): the
 * bytes already read must hash the same, and only the new lines are checked and folded.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplayProgress } from '../../../shared/contract';
import type { CheckpointData, JournalEntry } from '../../../shared/journal/entries';
import type { Verdict } from '../../../shared/journal/verdict';
import type { Integrity, IntegrityStatus, ReplayData } from '../../../shared/replay';
import { ChainChecker, readLines } from '../journal/chain';
import type { TrustEntry } from '../journal/trust';
import { verdictOf, verifyJournal, type VerifyReport } from '../journal/verify';
import { ReplayBuilder } from './builder';

export interface LoadReplayOptions {
  key: string;
  source: 'station' | 'import';
  journalFile: string;
  imagesDir: string;
  onProgress?: (p: ReplayProgress) => void;
  /**
   * A journal the station is still writing: an unterminated last line is a write in
   * progress, not tampering, and is left for the next load. Defaults to source === 'station'.
   */
  live?: boolean;
  now?: () => number;
  /** The trust list the verdict is judged against; null or absent: the journal's own key. */
  trust?: readonly TrustEntry[] | null;
}

/** What a cache keeps to bring a replay up to date without reading it all again. */
export interface ReplayState {
  opts: LoadReplayOptions;
  builder: ReplayBuilder;
  integrity: Integrity;
  /** Bytes of the journal folded so far (whole lines). */
  offset: number;
  size: number;
  mtimeMs: number;
  /** SHA-256 of bytes [0, offset), and the running hash to continue it. */
  prefixSha256: string;
  prefixHash: Hash;
  /** Chain position after the last folded line; null when the journal failed verification. */
  chain: {
    lastSeq: number;
    lastHash: string | null;
    opened: NonNullable<ChainChecker['opened']>;
    checkpoints: number;
    lastCheckpoint: CheckpointData | null;
    /** `at` of the last entry folded, and of the entry the last checkpoint signs. */
    lastAt: string | null;
    lastSignedAt: string | null;
  } | null;
  /** Images hashed and found intact (so a later alert naming one is not hashed again). */
  goodImages: Set<string>;
  /** From journal-opened, when it could be read. */
  identity: { stationId: string; publicKey: string; deploymentId: string } | null;
}

const CUT_SHORT = 'line is cut short (no trailing newline)';

function statusOf(verdict: Verdict, purgedImages: number): IntegrityStatus {
  if (verdict.kind !== 'verified') return verdict.kind;
  return purgedImages > 0 ? 'purged' : 'verified';
}

/**
 * The integrity a replay shows: the verdict (verdictOf, the same rule as `npm run verify`)
 * with what was checked. `trust` is the station's trust list; null checks the journal
 * against its own key, and the verdict says so.
 */
export function integrityFrom(
  report: VerifyReport,
  at: number,
  trust: readonly TrustEntry[] | null = null,
): Integrity {
  const verdict = verdictOf(report, trust);
  return {
    status: statusOf(verdict, report.images.purged),
    verdict,
    failure: report.failure,
    entries: report.entries,
    checkpoints: report.checkpoints,
    lastCheckpoint: report.lastCheckpoint,
    images: {
      checked: report.images.checked,
      purged: report.images.purged,
      missing: report.images.missing.length,
      altered: report.images.altered.length,
    },
    verifiedAt: new Date(at).toISOString(),
  };
}

function parseEntry(text: string | null): JournalEntry | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const e = value as JournalEntry;
    if (
      typeof e.type !== 'string' ||
      typeof e.at !== 'string' ||
      typeof e.data !== 'object' ||
      e.data === null
    )
      return null;
    return e;
  } catch {
    return null;
  }
}

const keyDeploymentId = (key: string) => key.replace(/^[a-z]+:/, '');

/** deploymentId of a first entry the chain checks passed (they require it to be a non-empty string). */
function openedDeploymentId(entry: JournalEntry | null): string | null {
  if (entry?.type !== 'journal-opened' || entry.seq !== 1) return null;
  const id = entry.data.deploymentId;
  return typeof id === 'string' ? id : null;
}

export async function loadReplayState(opts: LoadReplayOptions): Promise<ReplayState> {
  const now = opts.now ?? Date.now;
  const live = opts.live ?? opts.source === 'station';
  const before = await stat(opts.journalFile);
  const progress = (phase: ReplayProgress['phase'], done: number, total: number) =>
    opts.onProgress?.({ key: opts.key, phase, done, total });

  progress('verifying', 0, before.size);
  // One pass: each line is folded as the verifier reads it, with the entry it already
  // parsed. A journal that fails verification is still read to the end and folded as far
  // as its lines can be read (flagged tampered below).
  let builder: ReplayBuilder | null = null;
  const prefixHash = createHash('sha256');
  let offset = 0;
  let cutShort = false;
  const report = await verifyJournal(opts.journalFile, {
    imagesDir: opts.imagesDir,
    onProgress: (_lines, done, total) => progress('verifying', done, total),
    onLine: (line, checked) => {
      // Only the last line can lack its "\n"; a live journal's is a write in progress.
      if (!line.terminated || cutShort) {
        cutShort = true;
        return;
      }
      // The fold needs the deploymentId from the start: the one the verifier reads from a
      // journal-opened that passed its checks (report.deploymentId), else the key's.
      builder ??= new ReplayBuilder(openedDeploymentId(checked) ?? keyDeploymentId(opts.key));
      const entry = checked ?? parseEntry(line.text);
      if (entry) builder.apply(entry);
      else builder.skipped += 1;
      if (line.text !== null) prefixHash.update(line.text).update('\n');
      offset = line.end;
    },
  });
  // A live journal's last line may be mid-write; the chain before it is what counts.
  if (live && report.failure?.reason === CUT_SHORT && report.failure.seq === report.lastSeq + 1) {
    report.failure = null;
    report.ok = true;
  }
  const integrity = integrityFrom(report, now(), opts.trust ?? null);
  const tampered = report.failure !== null;
  builder ??= new ReplayBuilder(report.deploymentId ?? keyDeploymentId(opts.key));
  // The stat from before verification: if the file changed since, the next refresh looks again.
  const size = before.size;
  const mtimeMs = before.mtimeMs;
  progress('loading', size, size);
  const goodImages = new Set<string>();
  if (!tampered) for (const sha of builder.images) if (!builder.state.purged.has(sha)) goodImages.add(sha);
  return {
    opts,
    builder,
    // Entries whose data does not match their type are a journal fault like any other.
    integrity: builder.malformed && !tampered ? markTampered(integrity, builder.malformed) : integrity,
    offset,
    size,
    mtimeMs,
    prefixSha256: prefixHash.copy().digest('hex'),
    prefixHash,
    chain:
      tampered || !report.publicKey || !report.stationId || !report.deploymentId
        ? null
        : {
            lastSeq: report.lastSeq,
            lastHash: report.lastHash,
            opened: {
              stationId: report.stationId,
              deploymentId: report.deploymentId,
              publicKey: report.publicKey,
              appVersion: '',
            },
            checkpoints: report.checkpoints,
            lastCheckpoint: report.lastCheckpoint,
            lastAt: report.lastAt,
            lastSignedAt: report.lastSignedAt,
          },
    goodImages,
    identity:
      report.stationId && report.publicKey && report.deploymentId
        ? { stationId: report.stationId, publicKey: report.publicKey, deploymentId: report.deploymentId }
        : null,
  };
}

/** SHA-256 (hex) and size of a whole file, as the `export` entry records them. */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const bytes = (await stat(file)).size;
  return { sha256: await sha256OfRange(file, bytes), bytes };
}

async function sha256OfRange(file: string, end: number): Promise<string> {
  const hash = createHash('sha256');
  if (end > 0)
    for await (const chunk of createReadStream(file, { start: 0, end: end - 1 }))
      hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function imageIntact(dir: string, sha256: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
  try {
    const path = join(dir, sha256);
    return (await sha256OfRange(path, (await stat(path)).size)) === sha256;
  } catch {
    return false;
  }
}

/**
 * Bring a state up to date. Returns 'same' (nothing changed), 'updated' (new lines
 * checked and folded), or 'reload' when only a full load can say what the file holds
 * now: it shrank, the bytes already read changed, the new part fails a check, a
 * purge arrived, or the journal had failed verification.
 */
export async function refreshReplayState(state: ReplayState): Promise<'same' | 'updated' | 'reload'> {
  const info = await stat(state.opts.journalFile).catch(() => null);
  if (!info) return 'reload';
  if (info.size === state.size && info.mtimeMs === state.mtimeMs) return 'same';
  if (!state.chain || info.size < state.offset) return 'reload';
  if ((await sha256OfRange(state.opts.journalFile, state.offset)) !== state.prefixSha256) return 'reload';

  const checker = new ChainChecker();
  checker.lastSeq = state.chain.lastSeq;
  checker.lastHash = state.chain.lastHash;
  checker.opened = state.chain.opened;
  checker.checkpoints = state.chain.checkpoints;
  checker.lastCheckpoint = state.chain.lastCheckpoint;
  checker.lastAt = state.chain.lastAt;
  checker.lastSignedAt = state.chain.lastSignedAt;
  const live = state.opts.live ?? state.opts.source === 'station';

  const fresh: Array<{ entry: JournalEntry; text: string; end: number }> = [];
  const handle = await open(state.opts.journalFile, 'r');
  try {
    for await (const line of readLines(handle)) {
      if (line.end <= state.offset) continue;
      if (!line.terminated && live) break;
      const result = checker.feed(line.text, line.terminated);
      if (!result.ok || line.text === null) return 'reload';
      if (result.entry.type === 'retention-purge') return 'reload';
      fresh.push({ entry: result.entry, text: line.text, end: line.end });
    }
  } finally {
    await handle.close();
  }
  // Images named by new alerts must hash to their names before anything is folded.
  for (const { entry } of fresh) {
    if (entry.type !== 'alert-received') continue;
    const d = entry.data as Record<string, { sha256?: unknown; image?: { sha256?: unknown } } | undefined>;
    for (const sha of [d.probe?.sha256, d.scene?.sha256, d.subject?.image?.sha256]) {
      if (sha === undefined) continue;
      if (typeof sha !== 'string') return 'reload';
      if (state.goodImages.has(sha)) continue;
      if (!(await imageIntact(state.opts.imagesDir, sha))) return 'reload';
      state.goodImages.add(sha);
      state.integrity.images.checked += 1;
    }
  }
  for (const { entry, text, end } of fresh) {
    state.builder.apply(entry);
    state.prefixHash.update(text).update('\n');
    state.offset = end;
  }
  state.prefixSha256 = state.prefixHash.copy().digest('hex');
  state.chain = {
    ...state.chain,
    lastSeq: checker.lastSeq,
    lastHash: checker.lastHash,
    checkpoints: checker.checkpoints,
    lastCheckpoint: checker.lastCheckpoint,
    lastAt: checker.lastAt,
    lastSignedAt: checker.lastSignedAt,
  };
  // New entries may have sealed the journal, or left it unsealed again.
  const verdict = verdictOf(
    {
      failure: null,
      lastSeq: checker.lastSeq,
      lastCheckpoint: checker.lastCheckpoint,
      lastSignedAt: checker.lastSignedAt,
      stationId: state.chain.opened.stationId,
      publicKey: state.chain.opened.publicKey,
    },
    state.opts.trust ?? null,
  );
  state.integrity = {
    ...state.integrity,
    status: statusOf(verdict, state.integrity.images.purged),
    verdict,
    entries: checker.lastSeq,
    checkpoints: checker.checkpoints,
    lastCheckpoint: checker.lastCheckpoint,
    verifiedAt: new Date((state.opts.now ?? Date.now)()).toISOString(),
  };
  state.size = info.size;
  state.mtimeMs = info.mtimeMs;
  return 'updated';
}

export function replayFromState(state: ReplayState): ReplayData {
  return state.builder.build({ key: state.opts.key, source: state.opts.source, integrity: state.integrity });
}

/** Verify, then fold: the whole replay of one journal. */
export async function loadReplay(opts: LoadReplayOptions): Promise<ReplayData> {
  return replayFromState(await loadReplayState(opts));
}

/**
 * Judges a loaded state against the trust list held now (it can change between two
 * openings: a supervisor enrols a key). A tampered verdict stays tampered.
 */
export function applyTrust(state: ReplayState, trust: readonly TrustEntry[] | null): void {
  state.opts = { ...state.opts, trust };
  if (state.integrity.verdict.kind === 'tampered' || !state.identity) return;
  const verdict = verdictOf(
    {
      failure: null,
      lastSeq: state.chain?.lastSeq ?? state.integrity.entries,
      lastCheckpoint: state.integrity.lastCheckpoint,
      lastSignedAt: state.chain?.lastSignedAt ?? null,
      stationId: state.identity.stationId,
      publicKey: state.identity.publicKey,
    },
    trust,
  );
  state.integrity = { ...state.integrity, verdict, status: statusOf(verdict, state.integrity.images.purged) };
}

/** The same integrity, marked tampered at `failure` (a bundle or review journal problem found after verifying). */
export function markTampered(integrity: Integrity, failure: { seq: number; reason: string }): Integrity {
  return {
    ...integrity,
    status: 'tampered',
    verdict: { kind: 'tampered', seq: failure.seq, reason: failure.reason },
    failure,
  };
}
