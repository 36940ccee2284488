/**
 * Imported bundles on the station's disk, by content: each import is named by the SHA-256
 * of the bundle file itself, so the same bundle twice is one copy, and a genuine bundle
 * imported after a forged one of the same deployment (and the same file name) is its own
 * import with its own verdict. Imports count against a quota (default 5 GiB of unpacked
 * bytes, `--import-quota`): a bundle is refused with a reason when it would take the total
 * over, and unpacking stops as soon as it is over, before writing it (bundle.ts measures
 * in a first pass that writes nothing). One import at a time per folder, so two cannot
 * both fit the room that is left.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fsyncDir } from '../journal/fsync';
import {
  BundleError,
  extractBundle,
  type BundleLimits,
  type BundleManifest,
  type ExtractedBundle,
} from './bundle';

const DEFAULT_IMPORT_QUOTA_BYTES = 5 * 1024 ** 3;

interface ImportRecord {
  importId: string;
  importedAt: string;
  bundleName: string;
  /** SHA-256 of the bundle file: what the import is named by. Absent in imports made before. */
  bundleSha256?: string;
  /** What it unpacked to: counted against the quota. */
  bytes?: number;
  manifest: BundleManifest;
  journalSha256: string;
  problems: string[];
}

const IMPORT_RECORD = 'import.json';

/** The folder name of an import: the deployment (for people) and the bundle's content hash (for identity). */
function importIdFor(deploymentId: string, bundleSha256: string): string {
  return `${deploymentId.slice(0, 47)}-${bundleSha256.slice(0, 16)}`;
}

export async function readImportRecord(dir: string): Promise<ImportRecord | null> {
  try {
    return JSON.parse(await readFile(join(dir, IMPORT_RECORD), 'utf8')) as ImportRecord;
  } catch {
    return null;
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Bytes of the regular files under `dir`, one level of folders deep (an import holds images/). */
async function bytesUnder(dir: string, depth = 1): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) total += (await stat(join(dir, entry.name)).catch(() => null))?.size ?? 0;
    else if (entry.isDirectory() && depth > 0) total += await bytesUnder(join(dir, entry.name), depth - 1);
  }
  return total;
}

const visible = async (importsDir: string) =>
  (await readdir(importsDir).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));

/** What the station's imports take now: each import's recorded size, or (older ones) what its files add up to. */
export async function importedBytes(importsDir: string): Promise<number> {
  let total = 0;
  for (const id of await visible(importsDir)) {
    const dir = join(importsDir, id);
    const record = await readImportRecord(dir);
    total += typeof record?.bytes === 'number' ? record.bytes : await bytesUnder(dir);
  }
  return total;
}

/** The import already made of the bundle with this content hash, if any. */
async function existingImport(importsDir: string, sha256: string): Promise<string | null> {
  const suffix = `-${sha256.slice(0, 16)}`;
  for (const id of await visible(importsDir))
    if (id.endsWith(suffix) && (await readImportRecord(join(importsDir, id)))?.bundleSha256 === sha256)
      return id;
  return null;
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

function quotaRefusal(quota: number, used: number): string {
  return (
    `it unpacks to more than the ${mib(Math.max(0, quota - used))} left of the import quota ` +
    `(${mib(quota)}, --import-quota; earlier imports take ${mib(used)})`
  );
}

interface ImportOptions {
  now?: () => number;
  limits?: BundleLimits;
  freeBytes?: (dir: string) => Promise<number>;
  /** Most bytes all imports together may unpack to (default 5 GiB). */
  quotaBytes?: number;
}

type ImportOutcome = { importId: string; created: boolean; extracted: ExtractedBundle | null };

const queues = new Map<string, Promise<unknown>>();

/**
 * Import a bundle into `<importsDir>/<importId>/`. The same bundle imported again
 * returns the same id and leaves the first copy as it was (even with the quota full).
 */
export function importBundleInto(
  bundlePath: string,
  importsDir: string,
  opts: ImportOptions = {},
): Promise<ImportOutcome> {
  const previous = queues.get(importsDir) ?? Promise.resolve();
  const next = previous.then(
    () => importNow(bundlePath, importsDir, opts),
    () => importNow(bundlePath, importsDir, opts),
  );
  const settled = next.catch(() => undefined);
  queues.set(importsDir, settled);
  void settled.then(() => {
    if (queues.get(importsDir) === settled) queues.delete(importsDir);
  });
  return next;
}

async function importNow(
  bundlePath: string,
  importsDir: string,
  opts: ImportOptions,
): Promise<ImportOutcome> {
  const info = await stat(bundlePath).catch(() => null);
  if (!info?.isFile()) throw new BundleError(`${bundlePath} is not a file`);
  await mkdir(importsDir, { recursive: true, mode: 0o700 });
  const sha256 = await fileSha256(bundlePath);
  const known = await existingImport(importsDir, sha256);
  if (known) return { importId: known, created: false, extracted: null };
  const quota = opts.quotaBytes ?? DEFAULT_IMPORT_QUOTA_BYTES;
  const used = await importedBytes(importsDir);
  if (used >= quota) throw new BundleError(`bundle refused: ${quotaRefusal(quota, used)}`);
  const temp = join(importsDir, `.incoming-${randomBytes(8).toString('hex')}`);
  let kept = false;
  try {
    const extracted = await extractBundle(bundlePath, temp, opts.limits, {
      ...(opts.freeBytes ? { freeBytes: opts.freeBytes } : {}),
      quota: { leftBytes: quota - used, refusal: quotaRefusal(quota, used) },
      sha256,
    });
    const importId = importIdFor(extracted.manifest.deploymentId, sha256);
    const final = join(importsDir, importId);
    const record: ImportRecord = {
      importId,
      importedAt: new Date((opts.now ?? Date.now)()).toISOString(),
      bundleName: basename(bundlePath),
      bundleSha256: sha256,
      bytes: extracted.bytes,
      manifest: extracted.manifest,
      journalSha256: extracted.journalSha256,
      problems: extracted.problems,
    };
    const keep = (name: string, text: string) => writeFile(join(temp, name), text, { mode: 0o400 });
    await keep('manifest.json', `${JSON.stringify(extracted.manifest, null, 2)}\n`);
    await keep('public-key.txt', `${extracted.publicKey}\n`);
    await keep('checkpoint.json', `${JSON.stringify(extracted.checkpoint)}\n`);
    await keep(IMPORT_RECORD, `${JSON.stringify(record, null, 2)}\n`);
    await fsyncDir(temp);
    await rename(temp, final);
    kept = true;
    await fsyncDir(importsDir);
    return { importId, created: true, extracted: { ...extracted, dir: final } };
  } finally {
    if (!kept) await rm(temp, { recursive: true, force: true });
  }
}
