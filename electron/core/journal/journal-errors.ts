/** Why a journal refuses to write: its chain does not verify, or its file is no longer the one at its path. */

/** The chain broke at `seq` (journal-v1 verification): the station will not append after it. */
export class JournalTamperedError extends Error {
  override readonly name = 'JournalTamperedError';
  constructor(
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`journal tampered at seq ${seq}: ${reason}; refusing to append`);
  }
}

/**
 * The file the journal holds is no longer the journal at its path: deleted (no links
 * left), moved (still linked elsewhere: its folder was renamed or moved away) or replaced
 * by another file. Nothing more is written into it; a moved file put back is reopened
 * (station/storage-recovery.ts).
 */
export class JournalFileError extends Error {
  override readonly name = 'JournalFileError';
  constructor(
    readonly problem: 'deleted' | 'moved' | 'replaced',
    readonly path: string,
  ) {
    super(
      `the journal file ${path} was ${problem} while the station had it open; nothing more is written into it`,
    );
  }
}
