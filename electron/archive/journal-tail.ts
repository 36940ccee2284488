/**
 * Follows one station journal file as it grows: reads the complete lines after the last
 * offset and checks each with the journal's own chain rules (ChainChecker) before it may
 * be shipped. A line that does not check yet (a write in progress, a torn tail the station
 * will cut and rewrite on restart) is left where it is and looked at again next time; a
 * file that shrank (the station truncated a torn tail) is followed again from the start.
 */
import { open } from 'node:fs/promises';
import type { JournalEntry } from '../../shared/journal/entries';
import { ChainChecker } from '../core/journal/chain';

export interface TailEntry {
  entry: JournalEntry;
  /** The line exactly as the station wrote it (without "\n"). */
  line: string;
}

const READ_CHUNK = 4 << 20;
const NEWLINE = 0x0a;

export class JournalTail {
  private checker = new ChainChecker();
  private offset = 0;
  /** Why the line after the last good one does not check (null when none is waiting). */
  blocked: { seq: number; reason: string } | null = null;

  constructor(readonly file: string) {}

  get lastSeq(): number {
    return this.checker.lastSeq;
  }
  get lastHash(): string | null {
    return this.checker.lastHash;
  }
  get stationId(): string | null {
    return this.checker.opened?.stationId ?? null;
  }
  get opened(): ChainChecker['opened'] {
    return this.checker.opened;
  }

  /** New checked entries since the last call, in seq order (at most `max`). */
  async read(max = 5000): Promise<TailEntry[]> {
    const handle = await open(this.file, 'r');
    try {
      const size = (await handle.stat()).size;
      if (size < this.offset) {
        // Truncated under us (torn-tail recovery): everything is read again and re-checked.
        this.checker = new ChainChecker();
        this.offset = 0;
      }
      const out: TailEntry[] = [];
      this.blocked = null;
      while (this.offset < size && out.length < max) {
        const length = Math.min(READ_CHUNK, size - this.offset);
        const chunk = Buffer.allocUnsafe(length);
        const { bytesRead } = await handle.read(chunk, 0, length, this.offset);
        if (bytesRead === 0) break;
        let from = 0;
        let consumed = 0;
        for (;;) {
          const nl = chunk.indexOf(NEWLINE, from);
          if (nl === -1 || nl >= bytesRead) break;
          const line = chunk.subarray(from, nl).toString('utf8');
          const result = this.checker.feed(line, true);
          if (!result.ok) {
            this.blocked = { seq: result.seq, reason: result.reason };
            this.offset += consumed;
            return out;
          }
          out.push({ entry: result.entry, line });
          from = nl + 1;
          consumed = from;
          if (out.length >= max) break;
        }
        if (consumed === 0) {
          // A line longer than the chunk, or an unterminated last line: wait for more.
          if (bytesRead === length && length === READ_CHUNK)
            this.blocked = { seq: this.lastSeq + 1, reason: 'line is too long to ship' };
          break;
        }
        this.offset += consumed;
      }
      return out;
    } finally {
      await handle.close();
    }
  }
}
