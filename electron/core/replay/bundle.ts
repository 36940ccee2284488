/**
 * Deployment bundles (`.lfrbundle`): one gzip'd ustar archive holding everything an
 * auditor needs to verify and replay a deployment elsewhere:
 *
 *   manifest.json     { format: 'lfr-bundle/v1', deploymentId, stationId, publicKey,
 *                       createdAt, entries, journalSha256, images }
 *   journal.jsonl     the journal, byte for byte (up to its last whole line)
 *   images/<sha256>   every image it names that has not been purged
 *   public-key.txt    the station's Ed25519 public key (base64url), as in journal-opened
 *   checkpoint.json   the latest checkpoint entry's data { seq, hash, signature }
 *
 * Import reads the archive as a stream and trusts nothing in it: only those names,
 * only regular files, bounded sizes and member count (archive.ts, over the `tar`
 * package). It reads the archive twice: first writing nothing, to learn what it
 * unpacks to, which must fit the free disk space with room to spare; then for real.
 * The journal is verified before it is kept, and a bundle whose journal was opened
 * with another key than the one it carries is refused. A journal that fails
 * verification is still imported, flagged. An imported journal and its images are
 * left read-only (0400): they are evidence from elsewhere, never appended to.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LIMITS, isSafeDeploymentId } from '../../../shared/feed/limits';
import type { CheckpointData } from '../../../shared/journal/entries';
import type { Integrity } from '../../../shared/replay';
import { fsyncDir } from '../journal/fsync';
import { verifyJournal, type VerifyReport } from '../journal/verify';
import { markTampered } from './load';
import {
  ArchiveError,
  fileSink,
  measureArchive,
  memorySink,
  readArchive,
  writeArchive,
  type ArchiveRules,
} from './archive';

export const BUNDLE_FORMAT = 'lfr-bundle/v1';
export const BUNDLE_EXTENSION = 'lfrbundle';

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  deploymentId: string;
  stationId: string;
  publicKey: string;
  createdAt: string;
  entries: number;
  journalSha256: string;
  images: number;
}

export interface ExportBundleInput {
  journalFile: string;
  imagesDir: string;
  /** Bytes of the journal to include (whole lines: a live journal may have a write in flight past it). */
  journalBytes: number;
  deploymentId: string;
  stationId: string;
  publicKey: string;
  lastCheckpoint: CheckpointData | null;
  /** Image hashes to include (those named and not purged). */
  images: Iterable<string>;
  now?: () => number;
}

const SHA256_RE = /^[0-9a-f]{64}$/;
const PUBLIC_KEY_RE = /^[A-Za-z0-9_-]{43}$/;

async function digestPrefix(file: string, bytes: number): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  if (bytes > 0)
    for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) lines += 1;
    }
  return { sha256: hash.digest('hex'), lines };
}

/** Write a bundle to `file` (through a temporary name, so a half-written bundle never has the real one). */
export async function writeBundle(
  file: string,
  input: ExportBundleInput,
): Promise<{ bytes: number; manifest: BundleManifest }> {
  const now = input.now ?? Date.now;
  const { sha256, lines } = await digestPrefix(input.journalFile, input.journalBytes);
  const images: Array<{ sha256: string; size: number }> = [];
  for (const sha of new Set(input.images)) {
    if (!SHA256_RE.test(sha)) continue;
    const info = await stat(join(input.imagesDir, sha)).catch(() => null);
    if (info?.isFile()) images.push({ sha256: sha, size: info.size });
  }
  images.sort((a, b) => a.sha256.localeCompare(b.sha256));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    deploymentId: input.deploymentId,
    stationId: input.stationId,
    publicKey: input.publicKey,
    createdAt: new Date(now()).toISOString(),
    entries: lines,
    journalSha256: sha256,
    images: images.length,
  };
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await writeArchive(temp, dirname(input.imagesDir), [
      { name: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
      { name: 'public-key.txt', bytes: Buffer.from(`${input.publicKey}\n`) },
      { name: 'checkpoint.json', bytes: Buffer.from(`${JSON.stringify(input.lastCheckpoint)}\n`) },
      { name: 'journal.jsonl', file: input.journalFile, size: input.journalBytes },
      ...images.map((image) => ({
        name: `images/${image.sha256}`,
        file: join(input.imagesDir, image.sha256),
      })),
    ]);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await fsyncDir(dirname(file));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { bytes: (await stat(file)).size, manifest };
}

// ------------------------------------------------------------------ import

export interface BundleLimits {
  maxMembers: number;
  maxJournalBytes: number;
  maxImageBytes: number;
  maxTotalBytes: number;
  /** Free space an import must leave on the disk it unpacks to (the station's journals live there too). */
  keepFreeBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxMembers: 200_000,
  maxJournalBytes: 4 * 1024 ** 3,
  maxImageBytes: LIMITS.imageBytes,
  maxTotalBytes: 16 * 1024 ** 3,
  keepFreeBytes: 256 * 1024 ** 2,
};

/** Bytes free to this process on the disk holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return Number(fs.bavail) * Number(fs.bsize);
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

const SMALL_MEMBER_BYTES = 64 * 1024;

export class BundleError extends Error {
  override readonly name = 'BundleError';
}

export interface ExtractedBundle {
  dir: string;
  /** What its members unpacked to. */
  bytes: number;
  manifest: BundleManifest;
  publicKey: string;
  checkpoint: CheckpointData | null;
  journalSha256: string;
  report: VerifyReport;
  /** Inconsistencies between the manifest and what the bundle holds (the journal itself may still verify). */
  problems: string[];
}

/** Why a member name is refused, or null when it is one a bundle may hold. */
export function memberProblem(name: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\'))
    return `${JSON.stringify(name)} is an absolute path`;
  if (name.split('/').some((part) => part === '..'))
    return `${JSON.stringify(name)} climbs out of the bundle (..)`;
  if (!/^(manifest\.json|journal\.jsonl|public-key\.txt|checkpoint\.json|images\/[0-9a-f]{64})$/.test(name))
    return `${JSON.stringify(name)} is not a file a bundle holds`;
  return null;
}

function parseManifest(text: string): BundleManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BundleError('manifest.json is not JSON');
  }
  const m = value as Partial<BundleManifest>;
  if (typeof m !== 'object' || m === null) throw new BundleError('manifest.json is not an object');
  if (m.format !== BUNDLE_FORMAT)
    throw new BundleError(`not an ${BUNDLE_FORMAT} bundle (format ${JSON.stringify(m.format)})`);
  if (typeof m.deploymentId !== 'string' || !isSafeDeploymentId(m.deploymentId))
    throw new BundleError('manifest.json has no valid deploymentId');
  if (typeof m.publicKey !== 'string' || !PUBLIC_KEY_RE.test(m.publicKey))
    throw new BundleError('manifest.json has no valid publicKey');
  if (typeof m.journalSha256 !== 'string' || !SHA256_RE.test(m.journalSha256))
    throw new BundleError('manifest.json has no valid journalSha256');
  return {
    format: BUNDLE_FORMAT,
    deploymentId: m.deploymentId,
    stationId: typeof m.stationId === 'string' ? m.stationId : '',
    publicKey: m.publicKey,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : '',
    entries: typeof m.entries === 'number' ? m.entries : 0,
    journalSha256: m.journalSha256,
    images: typeof m.images === 'number' ? m.images : 0,
  };
}

interface ExtractOptions {
  freeBytes?: (dir: string) => Promise<number>;
  /**
   * Room left under the import quota: both passes stop as soon as the members add up to
   * more (the first writes nothing), and the refusal says so in these words.
   */
  quota?: { leftBytes: number; refusal: string };
  /** The bundle's SHA-256 as the import was named by: the unpacking pass must read these same bytes. */
  sha256?: string;
}

/**
 * Unpack and check a bundle into `dir` (which must not exist). Throws BundleError for
 * a bundle that is refused; the caller removes `dir` then.
 */
export async function extractBundle(
  bundlePath: string,
  dir: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
  opts: ExtractOptions = {},
): Promise<ExtractedBundle> {
  const info = await stat(bundlePath).catch(() => null);
  if (!info?.isFile()) throw new BundleError(`${bundlePath} is not a file`);
  const rules: ArchiveRules = {
    nameProblem: (name) => memberProblem(name),
    maxSize: (name) =>
      name === 'journal.jsonl'
        ? limits.maxJournalBytes
        : name.startsWith('images/')
          ? limits.maxImageBytes
          : SMALL_MEMBER_BYTES,
    maxMembers: limits.maxMembers,
    maxTotalBytes: Math.min(limits.maxTotalBytes, opts.quota?.leftBytes ?? Number.POSITIVE_INFINITY),
    ...(opts.quota && opts.quota.leftBytes < limits.maxTotalBytes ? { overTotal: opts.quota.refusal } : {}),
  };
  const refused = (error: unknown): never => {
    if (error instanceof ArchiveError) throw new BundleError(`bundle refused: ${error.message}`);
    throw error;
  };
  // First pass writes nothing: a small bundle may unpack to gigabytes, and must not fill the disk finding out.
  const measured = await measureArchive(bundlePath, rules).catch(refused);
  await mkdir(dirname(dir), { recursive: true, mode: 0o700 });
  const free = await (opts.freeBytes ?? freeBytes)(dirname(dir));
  if (measured.total + limits.keepFreeBytes > free)
    throw new BundleError(
      `bundle refused: it unpacks to ${mib(measured.total)}, and the disk has ${mib(free)} free ` +
        `(an import must leave ${mib(limits.keepFreeBytes)} for the station's own journals)`,
    );
  await mkdir(join(dir, 'images'), { recursive: true, mode: 0o700 });
  const small = new Map<string, Buffer[]>();
  const journalHash = createHash('sha256');
  const bundleHash = createHash('sha256');
  // The second pass may not unpack to more than the first measured (the file could be swapped between them).
  await readArchive(
    bundlePath,
    { ...rules, maxTotalBytes: measured.total },
    (name) => {
      if (name === 'journal.jsonl') return fileSink(join(dir, name), (chunk) => journalHash.update(chunk));
      if (name.startsWith('images/')) return fileSink(join(dir, name));
      const parts: Buffer[] = [];
      small.set(name, parts);
      return memorySink(parts);
    },
    (chunk) => bundleHash.update(chunk),
  ).catch(refused);
  if (opts.sha256 !== undefined && bundleHash.digest('hex') !== opts.sha256)
    throw new BundleError('bundle refused: the file changed while it was being imported');
  const seen = new Set(await readdir(dir));
  const text = (name: string) => {
    const parts = small.get(name);
    if (!parts) throw new BundleError(`bundle refused: it has no ${name}`);
    return Buffer.concat(parts).toString('utf8');
  };
  if (!seen.has('journal.jsonl')) throw new BundleError('bundle refused: it has no journal.jsonl');
  await readOnly(dir);
  const manifest = parseManifest(text('manifest.json'));
  const publicKey = text('public-key.txt').trim();
  if (!PUBLIC_KEY_RE.test(publicKey))
    throw new BundleError('bundle refused: public-key.txt is not an Ed25519 key');
  if (publicKey !== manifest.publicKey)
    throw new BundleError('bundle refused: public-key.txt and manifest.json name different keys');
  let checkpoint: CheckpointData | null = null;
  if (small.has('checkpoint.json')) {
    try {
      checkpoint = JSON.parse(text('checkpoint.json')) as CheckpointData | null;
    } catch {
      throw new BundleError('bundle refused: checkpoint.json is not JSON');
    }
  }
  const journalSha256 = journalHash.digest('hex');
  const report = await verifyJournal(join(dir, 'journal.jsonl'), { imagesDir: join(dir, 'images') });
  if (report.publicKey !== null && report.publicKey !== publicKey)
    throw new BundleError(
      'bundle refused: its journal was opened with a different key than public-key.txt (the key in the bundle cannot vouch for it)',
    );
  if (report.deploymentId !== null && report.deploymentId !== manifest.deploymentId)
    throw new BundleError(
      `bundle refused: the manifest names deployment ${manifest.deploymentId} but the journal is for ${report.deploymentId}`,
    );
  const problems: string[] = [];
  if (journalSha256 !== manifest.journalSha256)
    problems.push('journal.jsonl does not match the journalSha256 in manifest.json (changed after export)');
  if (
    checkpoint &&
    report.lastCheckpoint &&
    (checkpoint.seq !== report.lastCheckpoint.seq || checkpoint.hash !== report.lastCheckpoint.hash)
  )
    problems.push(
      `checkpoint.json names seq ${String(checkpoint.seq)}, but the journal's last checkpoint is at seq ${report.lastCheckpoint.seq}`,
    );
  return { dir, bytes: measured.total, manifest, publicKey, checkpoint, journalSha256, report, problems };
}

/** The imported journal and images are evidence from elsewhere: read-only, so nothing here appends to them. */
async function readOnly(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await chmod(join(dir, 'journal.jsonl'), 0o400);
  for (const name of await readdir(join(dir, 'images'))) await chmod(join(dir, 'images', name), 0o400);
}

/** A bundle whose manifest disagrees with its contents is flagged even when the journal verifies. */
export function withBundleProblems(integrity: Integrity, problems: string[]): Integrity {
  if (problems.length === 0 || integrity.status === 'tampered') return integrity;
  return markTampered(integrity, { seq: 0, reason: `bundle: ${problems.join('; ')}` });
}
