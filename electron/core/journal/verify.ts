/**
 * Verifies a journal from the file alone (journal-v1 "Verifying"): the chain, the
 * checkpoint signatures and the images. Streams the file; only image bookkeeping is
 * kept in memory. Reports the first failure.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CheckpointData, JournalEntry } from '../../../shared/journal/entries';
import { decideVerdict, type Verdict } from '../../../shared/journal/verdict';
import { ChainChecker, readLines, SIGNATURE_FAILS, type LineRecord, type SignatureCheck } from './chain';
import { ImageStore, isSha256Hex } from './images';
import { POOL_FROM_BYTES, SignatureBatcher } from './signature-pool';
import { judgeKey, type TrustEntry } from './trust';

export { ChainChecker, readLines } from './chain';

export interface VerifyReport {
  ok: boolean;
  entries: number;
  lastSeq: number;
  lastHash: string | null;
  checkpoints: number;
  lastCheckpoint: CheckpointData | null;
  /** `at` of the last signed entry (seq lastCheckpoint.seq): the newest time a signature vouches for. */
  lastSignedAt: string | null;
  /** `at` of the last entry read. */
  lastAt: string | null;
  stationId: string | null;
  deploymentId: string | null;
  publicKey: string | null;
  /**
   * `lost`: images a later `retention-purge` with reason "lost" lists (the station found them
   * gone while it ran and journalled it then); accepted like a purge, counted apart.
   */
  images: { checked: number; purged: number; missing: string[]; altered: string[]; lost?: string[] };
  failure: null | { seq: number; reason: string };
}

interface VerifyOptions {
  /** Where the image files live; by default the images/ folder beside the journal. */
  imagesDir?: string;
  onProgress?: (linesDone: number, bytesDone: number, bytesTotal: number) => void;
  /**
   * Every line of the file, once, in order, as it is read, with its entry when the chain
   * checks passed it (null from the first failure on: the line as read is all there is).
   * With it the reading goes on past the first failure to the end of the file, so a
   * replay folds in the same pass (replay/load.ts); the report is the same either way.
   */
  onLine?: (line: LineRecord, entry: JournalEntry | null) => void;
  /**
   * Check checkpoint signatures on worker threads (signature-pool.ts). By default only for
   * a journal of POOL_FROM_BYTES or more: for a small one starting a worker costs more.
   */
  signatureWorkers?: boolean;
}

type ImageState = 'ok' | 'missing' | 'altered';

interface ImageRecord {
  /** Unknown again after a purge: a later alert may have stored the image anew. */
  state: ImageState | null;
  /** The first alert-received naming it while bad and not yet covered by a purge. */
  unresolved: { seq: number; role: string } | null;
  purged: boolean;
  /** The purge that covers it is the station's record of a loss, not retention. */
  lost: boolean;
}

const IMAGE_ROLES: Array<[string, (data: Record<string, unknown>) => unknown]> = [
  ['probe', (d) => d.probe],
  ['scene', (d) => d.scene],
  [
    'subject.image',
    (d) =>
      typeof d.subject === 'object' && d.subject !== null
        ? (d.subject as Record<string, unknown>).image
        : undefined,
  ],
];

const PROGRESS_EVERY = 1000;

/** Only these entries name images (or free them); the rest need no wait for the image audit. */
const mayNameImages = (entry: JournalEntry): boolean =>
  entry.type === 'alert-received' || entry.type === 'retention-purge';

async function fileState(path: string, sha256: string): Promise<ImageState> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return 'missing';
    throw error;
  }
  return hash.digest('hex') === sha256 ? 'ok' : 'altered';
}

/** Follows alert-received and retention-purge entries and checks each image once. */
class ImageAudit {
  private readonly records = new Map<string, ImageRecord>();
  private malformed: { seq: number; reason: string } | null = null;

  constructor(private readonly store: ImageStore) {}

  async observe(entry: JournalEntry): Promise<void> {
    if (entry.type === 'alert-received') {
      for (const [role, pick] of IMAGE_ROLES) {
        const ref = pick(entry.data);
        if (ref === undefined || ref === null) continue;
        const sha256 = (ref as { sha256?: unknown }).sha256;
        if (!isSha256Hex(sha256)) {
          this.malformed ??= {
            seq: entry.seq,
            reason: `alert-received names its ${role} image without a valid sha256`,
          };
          continue;
        }
        await this.reference(sha256, entry.seq, role);
      }
    } else if (entry.type === 'retention-purge' && Array.isArray(entry.data.images)) {
      for (const sha256 of entry.data.images) {
        const record = typeof sha256 === 'string' ? this.records.get(sha256) : undefined;
        if (!record) continue;
        record.purged = true;
        record.lost = entry.data.reason === 'lost';
        record.unresolved = null;
        record.state = null;
      }
    }
  }

  private async reference(sha256: string, seq: number, role: string): Promise<void> {
    let record = this.records.get(sha256);
    if (!record) {
      record = { state: null, unresolved: null, purged: false, lost: false };
      this.records.set(sha256, record);
    }
    record.state ??= await fileState(this.store.pathOf(sha256), sha256);
    if (record.state !== 'ok') record.unresolved ??= { seq, role };
  }

  summary(): { report: VerifyReport['images']; failure: VerifyReport['failure'] } {
    const missing: string[] = [];
    const altered: string[] = [];
    const lost: string[] = [];
    let purged = 0;
    let failure = this.malformed;
    for (const [sha256, record] of this.records) {
      if (record.purged && !record.unresolved) {
        if (record.lost) lost.push(sha256);
        else purged += 1;
      }
      if (!record.unresolved) continue;
      (record.state === 'altered' ? altered : missing).push(sha256);
      if (!failure || record.unresolved.seq < failure.seq) {
        const what = record.state === 'altered' ? 'does not hash to its name (altered)' : 'is missing';
        failure = {
          seq: record.unresolved.seq,
          reason: `image ${sha256} (${record.unresolved.role}) named by alert-received at seq ${record.unresolved.seq} ${what}`,
        };
      }
    }
    return { report: { checked: this.records.size, purged, missing, altered, lost }, failure };
  }
}

/** What one pass over the lines found, before signatures still being checked are in. */
interface Pass {
  checker: ChainChecker;
  signatures: SignatureBatcher<SignatureCheck>;
  failure: VerifyReport['failure'];
  entries: number;
}

async function readAndCheck(file: string, audit: ImageAudit, opts: VerifyOptions): Promise<Pass> {
  const handle = await open(file, 'r');
  try {
    const bytesTotal = (await handle.stat()).size;
    const signatures = new SignatureBatcher<SignatureCheck>(
      opts.signatureWorkers ?? bytesTotal >= POOL_FROM_BYTES,
    );
    const pass: Pass = {
      checker: new ChainChecker((c) => signatures.add(c)),
      signatures,
      failure: null,
      entries: 0,
    };
    let lines = 0;
    let bytesDone = 0;
    // After the first failure lines are only read (for onLine), never checked.
    let checking = true;
    for await (const line of readLines(handle)) {
      lines += 1;
      bytesDone = line.end;
      let entry: JournalEntry | null = null;
      if (checking) {
        const result = pass.checker.feed(line.text, line.terminated);
        if (result.ok) {
          entry = result.entry;
          pass.entries += 1;
          if (mayNameImages(entry)) await audit.observe(entry);
          if (signatures.full) await signatures.room();
          // A signature already known bad ends the checking: nothing after it counts.
          if (signatures.failed) checking = false;
        } else {
          pass.failure = { seq: result.seq, reason: result.reason };
          checking = false;
        }
      }
      opts.onLine?.(line, entry);
      if (!checking && !opts.onLine) break;
      if (lines % PROGRESS_EVERY === 0) opts.onProgress?.(lines, bytesDone, bytesTotal);
    }
    opts.onProgress?.(lines, bytesDone, bytesTotal);
    return pass;
  } finally {
    await handle.close();
  }
}

export async function verifyJournal(file: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const audit = new ImageAudit(new ImageStore(opts.imagesDir ?? join(dirname(file), 'images')));
  const { checker, signatures, ...found } = await readAndCheck(file, audit, opts);
  let { failure, entries } = found;
  await signatures.settle();
  const badSignature = signatures.failed;
  let chain = {
    lastSeq: checker.lastSeq,
    lastHash: checker.lastHash,
    checkpoints: checker.checkpoints,
    lastCheckpoint: checker.lastCheckpoint,
    lastSignedAt: checker.lastSignedAt,
    lastAt: checker.lastAt,
  };
  if (badSignature && (!failure || badSignature.seq < failure.seq)) {
    // Reported as if reading had stopped there, like every other first failure.
    failure = { seq: badSignature.seq, reason: SIGNATURE_FAILS };
    entries = badSignature.seq - 1;
    chain = { lastSeq: badSignature.seq - 1, ...badSignature.before };
  }
  if (!failure && entries === 0) failure = { seq: 1, reason: 'journal is empty' };

  const images = audit.summary();
  // The chain break and an image problem can both exist; the earlier entry is the first failure.
  if (images.failure && (!failure || images.failure.seq < failure.seq)) failure = images.failure;

  return {
    ok: failure === null,
    entries,
    lastSeq: chain.lastSeq,
    lastHash: chain.lastHash,
    checkpoints: chain.checkpoints,
    lastCheckpoint: chain.lastCheckpoint
      ? {
          seq: chain.lastCheckpoint.seq,
          hash: chain.lastCheckpoint.hash,
          signature: chain.lastCheckpoint.signature,
        }
      : null,
    lastSignedAt: chain.lastCheckpoint ? chain.lastSignedAt : null,
    lastAt: chain.lastAt,
    stationId: checker.opened?.stationId ?? null,
    deploymentId: checker.opened?.deploymentId ?? null,
    publicKey: checker.opened?.publicKey ?? null,
    images: images.report,
    failure,
  };
}

/**
 * The verdict for a verification, given the trust list the verifier holds (null: none,
 * so the journal's own key is used and the verdict says so). The CLI, replay and bundle
 * import all come here.
 */
export function verdictOf(
  report: Pick<VerifyReport, 'failure' | 'lastSeq' | 'lastCheckpoint' | 'stationId' | 'publicKey'> & {
    lastSignedAt?: string | null;
  },
  trustList: readonly TrustEntry[] | null,
): Verdict {
  return decideVerdict(report, judgeKey(report, trustList));
}
