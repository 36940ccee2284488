/**
 * The station's trust list: the station keys whose journals this station calls
 * "verified" (its own, and the keys a supervisor enrolled). Kept in the data folder as
 * a trust file (`<data>/station/trust-list.txt`, mode 0600, the format of
 * electron/core/journal/trust.ts), so the same file can be handed to
 * `npm run verify -- --trust`. The station's own key is always on it, first.
 *
 * The file is read afresh for every use (the `npm run trust` CLI may change it while the
 * station runs), and each change is one atomic, fsync'd rewrite under a lock file, so
 * the CLI and the station never lose each other's changes.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDirDurable, writeFileDurable } from './journal/fsync';
import {
  formatTrustLine,
  keyFingerprint,
  labelProblem,
  parseTrustFile,
  publicKeyProblem,
  stationIdProblem,
  TrustFileError,
  type TrustEntry,
} from './journal/trust';

const TRUST_LIST_FILE = 'trust-list.txt';
const LOCK_STALE_MS = 30_000;
const LOCK_TRIES = 100;
const HEADER =
  '# Review Station trust list: the station keys whose journals this station accepts.\n' +
  '# One station a line: <stationId> <publicKey base64url> [label]. Lines starting with # are ignored.\n';

interface OwnKey {
  stationId: string;
  publicKey: string;
}

interface TrustListing extends TrustEntry {
  fingerprint: string;
  own: boolean;
}

export class TrustListError extends Error {
  override readonly name = 'TrustListError';
}

/**
 * This station's id and public key from `identity.json` in its key folder (written by
 * identity.ts), without loading or making the private key: null when the station has
 * not run yet.
 */
export async function readOwnKey(stationDir: string): Promise<OwnKey | null> {
  let text: string;
  try {
    text = await readFile(join(stationDir, 'identity.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const value = JSON.parse(text) as Partial<OwnKey>;
  if (
    typeof value.stationId !== 'string' ||
    typeof value.publicKey !== 'string' ||
    stationIdProblem(value.stationId) ||
    publicKeyProblem(value.publicKey)
  )
    throw new TrustListError(`${join(stationDir, 'identity.json')} is not a valid station identity`);
  return { stationId: value.stationId, publicKey: value.publicKey };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TrustListStore {
  readonly file: string;
  private chain: Promise<unknown> = Promise.resolve();

  /** `stationDir` is `<data>/station`; `own` is this station's key, or null before it has one. */
  constructor(
    readonly stationDir: string,
    private readonly own: OwnKey | null,
  ) {
    this.file = join(stationDir, TRUST_LIST_FILE);
  }

  /** Every trusted key, this station's first. A damaged file is an error, never an empty list. */
  async entries(): Promise<TrustEntry[]> {
    const stored = await this.readStored();
    const ownEntry = this.ownEntry(stored);
    return ownEntry ? [ownEntry, ...stored.filter((e) => !this.isOwn(e))] : stored;
  }

  async listing(): Promise<TrustListing[]> {
    return (await this.entries()).map((e) => ({
      ...e,
      fingerprint: keyFingerprint(e.publicKey),
      own: this.isOwn(e),
    }));
  }

  /** This station's line for another station's trust file. */
  ownLine(label = 'this station'): string {
    if (!this.own) throw new TrustListError('this station has no key yet (start it once to make one)');
    return formatTrustLine({ ...this.own, label });
  }

  /**
   * Enrols a key. The same station id and key again only changes the label. Returns
   * the entry as stored and whether it is new.
   */
  async add(entry: TrustEntry): Promise<{ entry: TrustEntry; added: boolean }> {
    const problem =
      stationIdProblem(entry.stationId) ??
      publicKeyProblem(entry.publicKey) ??
      (entry.label ? labelProblem(entry.label) : null);
    if (problem) throw new TrustListError(problem);
    const clean: TrustEntry = {
      stationId: entry.stationId,
      publicKey: entry.publicKey,
      label: entry.label?.trim() || null,
    };
    if (this.isOwn(clean)) throw new TrustListError("that is this station's own key; it is always trusted");
    return this.change<{ entry: TrustEntry; added: boolean }>((stored) => {
      const at = stored.findIndex((e) => e.stationId === clean.stationId && e.publicKey === clean.publicKey);
      if (at === -1) return { next: [...stored, clean], result: { entry: clean, added: true } };
      const next = [...stored];
      next[at] = clean;
      return { next, result: { entry: clean, added: false } };
    });
  }

  /** Removes every entry with this key (base64url) or fingerprint; returns what was removed. */
  async remove(keyOrFingerprint: string): Promise<TrustEntry[]> {
    const matches = (e: TrustEntry) =>
      e.publicKey === keyOrFingerprint || keyFingerprint(e.publicKey) === keyOrFingerprint;
    if (this.own && matches({ ...this.own, label: null }))
      throw new TrustListError("this station's own key cannot be removed from its trust list");
    return this.change((stored) => {
      const removed = stored.filter(matches);
      return { next: stored.filter((e) => !matches(e)), result: removed };
    });
  }

  private isOwn(e: { stationId: string; publicKey: string }): boolean {
    return this.own !== null && e.stationId === this.own.stationId && e.publicKey === this.own.publicKey;
  }

  private ownEntry(stored: TrustEntry[]): TrustEntry | null {
    if (!this.own) return null;
    return stored.find((e) => this.isOwn(e)) ?? { ...this.own, label: 'this station' };
  }

  private async readStored(): Promise<TrustEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      return parseTrustFile(text, this.file);
    } catch (error) {
      if (error instanceof TrustFileError)
        throw new TrustListError(`the station's trust list is damaged: ${error.message}`);
      throw error;
    }
  }

  /** Read, change and rewrite the file: one change at a time in this process, and under a lock file across processes. */
  private change<T>(edit: (stored: TrustEntry[]) => { next: TrustEntry[]; result: T }): Promise<T> {
    const run = async (): Promise<T> => {
      await ensureDirDurable(this.stationDir);
      const release = await this.lock();
      try {
        const stored = await this.readStored();
        const { next, result } = edit(stored);
        const ownEntry = this.ownEntry(next);
        const lines = (ownEntry ? [ownEntry, ...next.filter((e) => !this.isOwn(e))] : next).map(
          formatTrustLine,
        );
        await writeFileDurable(this.file, `${HEADER}${lines.map((l) => `${l}\n`).join('')}`, { mode: 0o600 });
        return result;
      } finally {
        await release();
      }
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async lock(): Promise<() => Promise<void>> {
    const path = `${this.file}.lock`;
    for (let attempt = 0; attempt < LOCK_TRIES; attempt++) {
      try {
        const handle = await open(path, 'wx', 0o600);
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return () => unlink(path).catch(() => undefined);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A holder that died leaves its lock behind; after a while it is taken over.
        const info = await stat(path).catch(() => null);
        if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) await unlink(path).catch(() => undefined);
        else await sleep(50);
      }
    }
    throw new TrustListError(`the trust list is locked by another process (${path})`);
  }
}
