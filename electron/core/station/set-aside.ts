/**
 * Files cannot stop the station (issue 21 item 5). A journal found at start that this
 * station cannot continue is set aside, never deleted and never altered, and the station
 * starts:
 *  - foreign: another station key, or another deployment's journal in this one's folder;
 *  - tampered: its chain or its entries do not verify (journal-v1 "Durability");
 *  - unreadable: the system will not let the station read it (permissions, a folder in
 *    its place, an I/O error).
 * Its whole folder (journal and images) moves to <root>/set-aside/<id>-<stamp>, where it
 * can still be examined and verified on its own. A new journal for that deployment starts
 * at once, and its first entry (journal-opened, signed at once) records what was set aside,
 * where and why; the standing alarm (standing-alarms.ts) names it too, on screen and in
 * that new journal, until a supervisor resolves it. Later alerts of the deployment go into
 * the new journal.
 *
 * Only when the folder cannot be moved (the disk refuses) is the journal kept in place and
 * refused instead: alarmed the same way, nothing appended to it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { SetAsideRecord } from '../../../shared/journal/entries';
import type { AlarmKind } from '../../../shared/view';
import { EntryDataError } from '../../../shared/journal/read-entry';
import { ensureDirDurable, fsyncDir } from '../journal/fsync';
import { JournalTamperedError } from '../journal/journal';
import type { Clock, Health, Logger, OptionsOf, SlotLookup, SlotOpener } from './context';

/** What the station raises for a journal it could not continue (standing-alarms.ts raiseAlarm). */
export interface JournalAlarm {
  kind: Extract<AlarmKind, 'journal-tampered' | 'journal-foreign'>;
  deploymentId: string;
  cause: string;
  detail: string;
  values: Record<string, string>;
}

/** A journal found unusable at start: its alarm, and the record for the new journal (null: kept in place). */
export interface SetAside {
  deploymentId: string;
  alarm: JournalAlarm;
  record: SetAsideRecord | null;
}

/** Errors that say the system would not read the file, not that the disk is busy or full. */
const UNREADABLE = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EIO', 'ELOOP', 'EINVAL', 'EILSEQ']);

/** Why a journal cannot be continued, by kind, or null when the error is not about the file. */
function unusableJournal(error: unknown): { kind: SetAsideRecord['kind']; why: string } | null {
  const text = error instanceof Error ? error.message : '';
  // journal-load.ts checkOwnership says so only in words; these are its two sentences.
  if (/belongs to deployment .+, not |was opened by another station key/.test(text))
    return { kind: 'foreign', why: text };
  if (error instanceof JournalTamperedError) return { kind: 'tampered', why: error.message };
  if (error instanceof EntryDataError)
    return { kind: 'tampered', why: `journal entry unreadable at seq ${error.seq}: ${error.reason}` };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && UNREADABLE.has(code))
    return { kind: 'unreadable', why: `the journal file could not be read (${text})` };
  return null;
}

/**
 * Moves the deployment's folder to <root>/set-aside/<id>-<stamp> (a suffix when that name is
 * taken), both folders fsync'd; returns where it went.
 */
async function setAsideDeployment(root: string, deploymentId: string, at: number): Promise<string> {
  const from = join(root, 'deployments', deploymentId);
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const base = join(root, 'set-aside', `${deploymentId}-${stamp}`);
  await ensureDirDurable(dirname(base));
  for (let n = 1; ; n++) {
    const to = n === 1 ? base : `${base}-${n}`;
    if (await stat(to).catch(() => null)) continue;
    await rename(from, to);
    await Promise.all([fsyncDir(dirname(from)), fsyncDir(dirname(to))]);
    return to;
  }
}

/** SHA-256 and length of a file as found, or nothing when it will not read. */
async function digestOf(file: string): Promise<{ sha256?: string; bytes?: number }> {
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { sha256: hash.digest('hex'), bytes };
  } catch {
    return {};
  }
}

const ALARM_KIND = {
  foreign: 'journal-foreign',
  tampered: 'journal-tampered',
  unreadable: 'journal-tampered',
} as const;

/**
 * A journal that failed to open at start: set aside if it is unusable (null when the error is
 * something else, which the caller lets stop the start as before).
 */
export async function setAsideJournal(
  ctx: OptionsOf<'root'> & Clock & Logger & Health & SlotLookup,
  deploymentId: string,
  error: unknown,
): Promise<SetAside | null> {
  const unusable = unusableJournal(error);
  if (unusable === null) return null;
  const { kind, why } = unusable;
  const root = ctx.options.root;
  const found = await digestOf(join(root, 'deployments', deploymentId, 'journal.jsonl'));
  let movedTo: string;
  try {
    movedTo = await setAsideDeployment(root, deploymentId, ctx.now());
  } catch (moveError) {
    // Kept where it is and refused: nothing is appended to it (the tampered map).
    const detail = `The journal of deployment ${deploymentId} cannot be continued (${why}), and it could not be set aside (${String(moveError)}). Alerts for that deployment are refused; the journal is kept as found.`;
    ctx.tampered.set(deploymentId, why);
    ctx.log(`journal ${deploymentId}: ${detail}`);
    const values = { deploymentId, how: kind, why, error: String(moveError) };
    return {
      deploymentId,
      record: null,
      alarm: { kind: ALARM_KIND[kind], deploymentId, cause: why, detail, values },
    };
  }
  const detail =
    `The journal of deployment ${deploymentId} could not be continued (${why}). It was set aside, not deleted ` +
    `or changed: it is now in ${movedTo}. A new journal for the deployment records this, and takes its next alerts.`;
  ctx.log(`journal ${deploymentId}: ${detail}`);
  const at = new Date(ctx.now()).toISOString();
  ctx.reliability.refused({ at, alertId: null, seq: null, code: 'journal-set-aside', reason: detail });
  return {
    deploymentId,
    record: { kind, path: relative(root, movedTo), why, ...found },
    alarm: {
      kind: ALARM_KIND[kind],
      deploymentId,
      cause: movedTo,
      detail,
      values: { deploymentId, how: kind, why, movedTo },
    },
  };
}

/**
 * The new journal for a deployment whose journal was set aside: what the station kept of
 * the old one's checkpoints no longer applies at that path. A failure here (a full disk)
 * does not stop the start: the feed's next message for the deployment opens it then.
 */
export async function startAfresh(
  ctx: OptionsOf<'checkpoints'> & SlotOpener & Logger,
  aside: SetAside,
): Promise<void> {
  if (!aside.record) return;
  ctx.options.checkpoints?.forget(aside.deploymentId);
  await ctx.options.checkpoints?.flush();
  try {
    await ctx.openSlot(aside.deploymentId, { setAside: aside.record });
  } catch (error) {
    ctx.log(`journal ${aside.deploymentId}: the new journal could not be opened yet (${String(error)})`);
  }
}
