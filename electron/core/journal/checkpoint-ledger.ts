/**
 * The latest checkpoint of every journal, kept outside the journals (journal-v1
 * "Verifying": "a station also keeps the latest checkpoint of each journal outside the
 * journal, where its key is kept"), so that at start the station can tell a journal whose
 * signed tail was cut or replaced, even with no feed or archive to ask.
 *
 * Written after the journal's own write is durable (never ahead of it): a crash in between
 * leaves the ledger one checkpoint behind, which the journal still holds. Writes are
 * coalesced: only the newest checkpoint per journal matters, so a burst of checkpoints
 * costs one file replacement at a time.
 */
import { readFile } from 'node:fs/promises';
import { writeFileDurable } from './fsync';

export interface KeptCheckpoint {
  seq: number;
  hash: string;
}

interface LedgerFile {
  version: 1;
  journals: Record<string, KeptCheckpoint>;
}

const HEX64 = /^[0-9a-f]{64}$/;

export class CheckpointLedger {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly journals: Map<string, KeptCheckpoint>,
    /** Why the file did not read (then nothing it held can be relied on), or null. */
    readonly unreadable: string | null,
    private readonly log: (line: string) => void,
  ) {}

  static async load(file: string, log: (line: string) => void = () => undefined): Promise<CheckpointLedger> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return new CheckpointLedger(file, new Map(), null, log);
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as LedgerFile;
      if (parsed.version !== 1 || typeof parsed.journals !== 'object' || parsed.journals === null)
        throw new Error('not a checkpoint ledger');
      const journals = new Map<string, KeptCheckpoint>();
      for (const [id, cp] of Object.entries(parsed.journals)) {
        if (!Number.isSafeInteger(cp?.seq) || typeof cp.hash !== 'string' || !HEX64.test(cp.hash))
          throw new Error(`bad checkpoint for ${id}`);
        journals.set(id, { seq: cp.seq, hash: cp.hash });
      }
      return new CheckpointLedger(file, journals, null, log);
    } catch (error) {
      return new CheckpointLedger(file, new Map(), (error as Error).message, log);
    }
  }

  /** The latest checkpoint kept for this journal, or null (none kept yet). */
  latest(deploymentId: string): KeptCheckpoint | null {
    return this.journals.get(deploymentId) ?? null;
  }

  /** A checkpoint is on disk in its journal: keep it (written in the background, coalesced). */
  note(deploymentId: string, cp: KeptCheckpoint): void {
    const known = this.journals.get(deploymentId);
    if (known && known.seq >= cp.seq) return;
    this.journals.set(deploymentId, { seq: cp.seq, hash: cp.hash });
    this.save();
  }

  /**
   * The journal was set aside (station/set-aside.ts) and a new one starts at its path:
   * what was kept of the old one says nothing of the new one. The set-aside file stays
   * as found, and its standing alarm keeps the matter open until a supervisor resolves it.
   */
  forget(deploymentId: string): void {
    if (this.journals.delete(deploymentId)) this.save();
  }

  private save(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      const body: LedgerFile = { version: 1, journals: Object.fromEntries(this.journals) };
      try {
        await writeFileDurable(this.file, `${JSON.stringify(body)}\n`, { mode: 0o600 });
      } catch (error) {
        this.log(`checkpoint ledger: could not write ${this.file} (${String(error)})`);
      }
    });
  }

  /** Resolves once everything noted so far is on disk (on close). */
  flush(): Promise<void> {
    return this.writing;
  }
}
