/**
 * An imported deployment's replay with this station's own review journal laid over it:
 * who opened the import here and the supervisors' reviews of its decisions. The review
 * journal is checked as a chain; a break in it marks the replay tampered.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../../../shared/journal/entries';
import { checkEntryData } from '../../../shared/journal/read-entry';
import type { Integrity, ReplayData, ReplayEvent, SupervisorReview } from '../../../shared/replay';
import { placedAt } from '../../../shared/replay-placed';
import { ChainChecker, readLines } from '../journal/chain';
import { reviewFromEntry } from './builder';
import { withBundleProblems } from './bundle';
import { readImportRecord } from './bundle-import';
import { markTampered, replayFromState, type ReplayState } from './load';
import type { Location } from './request-frame';

/** The review journal's entries, checked as a chain (it is this station's own journal). */
async function reviewEntries(
  loc: Location,
): Promise<{ entries: JournalEntry[]; failure: Integrity['failure'] }> {
  const file = join(loc.dir, 'review', 'journal.jsonl');
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return { entries: [], failure: null };
  const checker = new ChainChecker();
  const entries: JournalEntry[] = [];
  try {
    for await (const line of readLines(handle)) {
      const result = checker.feed(line.text, line.terminated);
      if (!result.ok)
        return { entries, failure: { seq: result.seq, reason: `review journal: ${result.reason}` } };
      entries.push(result.entry);
    }
  } finally {
    await handle.close();
  }
  return { entries, failure: null };
}

/** The replay of `state`; for an import, with its bundle's problems and its review journal. */
export async function replayOf(loc: Location, state: ReplayState): Promise<ReplayData> {
  const data = replayFromState(state);
  if (loc.source !== 'import') return data;
  const record = await readImportRecord(loc.dir);
  let integrity = withBundleProblems(data.integrity, record?.problems ?? []);
  const review = await reviewEntries(loc);
  if (review.failure && integrity.status !== 'tampered') integrity = markTampered(integrity, review.failure);
  const added: ReplayEvent[] = [];
  const byAlert = new Map<string, SupervisorReview[]>();
  for (const entry of review.entries) {
    const actor = entry.actor ? { id: entry.actor.id, name: entry.actor.name } : null;
    if (entry.type === 'replay-opened')
      added.push({
        seq: entry.seq,
        at: entry.at,
        type: entry.type,
        alertId: null,
        actor,
        summary: `[review journal] Replay opened by ${actor?.name ?? '?'}`,
      });
    const known = checkEntryData(entry);
    if (!known.ok || known.entry?.type !== 'supervisor-review') continue;
    const r = reviewFromEntry(known.entry);
    if (!r) continue;
    data.reviews.push(r);
    byAlert.set(r.alertId, [...(byAlert.get(r.alertId) ?? []), r]);
    added.push({
      seq: entry.seq,
      at: entry.at,
      type: entry.type,
      alertId: r.alertId,
      actor,
      summary: `[review journal] ${r.by.name} ${r.verdict === 'countersign' ? 'countersigned' : 'disagreed with'} revision ${r.revision}: ${r.comment}`,
    });
  }
  const alerts = byAlert.size
    ? data.alerts.map((a) => {
        const extra = byAlert.get(a.alertId);
        return extra ? { ...a, reviews: [...a.reviews, ...extra] } : a;
      })
    : data.alerts;
  const events = added.length
    ? [...data.events, ...added].sort((x, y) =>
        placedAt(x) < placedAt(y) ? -1 : placedAt(x) > placedAt(y) ? 1 : 0,
      )
    : data.events;
  return { ...data, alerts, events, integrity };
}
