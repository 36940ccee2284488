/**
 * The images a journal's lines name, as the archive verifier reads them (verify-rows.ts):
 * journal-v1 asks that each image an `alert-received` names still hashes to its name, unless
 * a later `retention-purge` lists it. The lines give the references and purges in order; the
 * archive gives each image's bytes (or its own retention purge, lfr.image_purges).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { JournalEntry } from '../../shared/journal/entries';
import { isSha256Hex } from '../core/journal/images';

export type ImageEvent =
  { kind: 'ref'; sha256: string; seq: number; role: string } | { kind: 'purge'; sha256s: string[] };

const IMAGE_ROLES: Array<[string, (d: Record<string, unknown>) => unknown]> = [
  ['probe', (d) => d.probe],
  ['scene', (d) => d.scene],
  ['subject.image', (d) => (d.subject as Record<string, unknown> | undefined)?.image],
];

/**
 * What an entry says about images, added to `out`; a reference without a valid sha256 is
 * named to `fail` with the entry's seq. Called for every line: it returns at once for the
 * types that name none, and makes nothing per line.
 */
export function imageEvents(
  entry: JournalEntry,
  out: ImageEvent[],
  fail: (seq: number, reason: string) => void,
): void {
  if (entry.type === 'retention-purge') {
    if (Array.isArray(entry.data.images))
      out.push({
        kind: 'purge',
        sha256s: entry.data.images.filter((s): s is string => typeof s === 'string'),
      });
    return;
  }
  if (entry.type !== 'alert-received') return;
  for (const [role, pick] of IMAGE_ROLES) {
    const ref = pick(entry.data);
    if (ref === undefined || ref === null) continue;
    const sha256 = (ref as { sha256?: unknown }).sha256;
    if (!isSha256Hex(sha256))
      fail(entry.seq, `alert-received names its ${role} image without a valid sha256`);
    else out.push({ kind: 'ref', sha256, seq: entry.seq, role });
  }
}

/** The archive's word on each image: present and whole, purged by its retention job, missing, or altered. */
async function imageStates(
  client: pg.ClientBase,
  sha256s: string[],
): Promise<Map<string, 'ok' | 'purged' | 'missing' | 'altered'>> {
  const states = new Map<string, 'ok' | 'purged' | 'missing' | 'altered'>(sha256s.map((s) => [s, 'missing']));
  if (sha256s.length === 0) return states;
  const { rows } = await client.query<{ sha256: string; bytes: Buffer | null; purged: boolean }>(
    `SELECT i.sha256, i.bytes, EXISTS (SELECT 1 FROM lfr.image_purges p WHERE p.sha256 = i.sha256) AS purged
     FROM lfr.images i WHERE i.sha256 = ANY($1)`,
    [sha256s],
  );
  for (const r of rows) {
    if (r.bytes === null) states.set(r.sha256, r.purged ? 'purged' : 'missing');
    else
      states.set(
        r.sha256,
        createHash('sha256').update(r.bytes).digest('hex') === r.sha256 ? 'ok' : 'altered',
      );
  }
  return states;
}

/**
 * The images named by the lines read, in order (journal-v1: an image missing or altered is
 * tampering unless a later retention-purge names it; the archive's own purge, recorded in
 * lfr.image_purges, counts as purged). Also the image state at the checkpoint a resume
 * point would be taken at, and whether everything was settled there.
 */
export async function settleImages(
  client: pg.ClientBase,
  events: ImageEvent[],
  /** The images named up to a resume point (verify-rows.ts ResumePoint), when reading resumed there. */
  resume: { images: { seen: string[]; purged: string[] } } | null,
  checkpointEvents: number,
  fail: (seq: number, reason: string) => void,
) {
  const refs = [...new Set(events.flatMap((e) => (e.kind === 'ref' ? [e.sha256] : [])))];
  const states = await imageStates(client, refs);
  const seen = new Set(resume?.images.seen ?? []);
  const purged = new Set(resume?.images.purged ?? []);
  const unresolved = new Map<string, { seq: number; role: string; state: string }>();
  let atCheckpoint = { seen: [...seen], purged: [...purged] };
  let cleanAtCheckpoint = false;
  events.forEach((e, i) => {
    if (e.kind === 'ref') {
      seen.add(e.sha256);
      const state = states.get(e.sha256) ?? 'missing';
      if (state === 'purged') purged.add(e.sha256);
      else if (state !== 'ok' && !unresolved.has(e.sha256))
        unresolved.set(e.sha256, { seq: e.seq, role: e.role, state });
    } else
      for (const sha of e.sha256s)
        if (seen.has(sha)) {
          purged.add(sha);
          unresolved.delete(sha);
        }
    if (i + 1 === checkpointEvents) {
      atCheckpoint = { seen: [...seen], purged: [...purged] };
      cleanAtCheckpoint = unresolved.size === 0;
    }
  });
  if (checkpointEvents === 0) cleanAtCheckpoint = true;
  const missing: string[] = [];
  const altered: string[] = [];
  for (const [sha, u] of unresolved) {
    (u.state === 'altered' ? altered : missing).push(sha);
    purged.delete(sha);
    const what = u.state === 'altered' ? 'does not hash to its name (altered)' : 'is missing';
    fail(u.seq, `image ${sha} (${u.role}) named by alert-received at seq ${u.seq} ${what}`);
  }
  return {
    report: { checked: seen.size, purged: purged.size, missing, altered },
    atCheckpoint,
    cleanAtCheckpoint,
  };
}
