/**
 * One replay across stations: a supervisor opens a deployment from the archive; each
 * station's journal is read back, verified and folded on its own (loadReplayState, the
 * same path as a file), then the stations are merged on one timeline. Every event keeps
 * its station and officer; an alert two stations received is one alert with both
 * stations' showings, decisions and outcomes in time order. The merged integrity is the
 * worst station's, and each station's own verdict stays listed.
 */
import { chmod, copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import type { Integrity, ReplayAlert, ReplayData } from '../../shared/replay';
import { placedAt, placedEnd, placedStart } from '../../shared/replay-placed';
import { ARCHIVE_KEY_PREFIX } from '../core/archive-ports';
import type { TrustEntry } from '../core/journal/trust';
import { loadReplayState, replayFromState } from '../core/replay/load';
import { archivedJournals, materializeJournal } from './materialize';

const SEVERITY: Record<Integrity['status'], number> = {
  verified: 0,
  purged: 1,
  unsealed: 2,
  'untrusted-key': 3,
  tampered: 4,
};

const byTime =
  <T>(at: (item: T) => string) =>
  (a: T, b: T) =>
    at(a).localeCompare(at(b));

/*
 * Where the time axis puts things (shared/replay-placed.ts): each station's journal placed
 * its own entries after its own clock's steps, so the merge orders by those.
 */
const decidedOn = (d: ReplayAlert['decisions'][number]) => d.placed?.at ?? d.decidedAt;
const recordedOn = (o: ReplayAlert['outcomes'][number]) => o.placed?.at ?? o.recordedAt;
const receivedOn = (a: ReplayAlert) => a.placedReceived?.at ?? a.receivedAt;

/**
 * An alert decided at more than one station (a feed without claims sent it to each) is a
 * disagreement in the record: kept with both decisions, never resolved by taking the last.
 * `latest` holds each deciding station's latest decision, by station (a station that was only
 * told it was settled elsewhere decided nothing, and is not counted).
 */
function decidedAtStations(latest: Map<string, string>): Pick<ReplayAlert, 'decidedAtStations'> {
  if (latest.size < 2) return {};
  return { decidedAtStations: { stations: [...latest.keys()], differ: new Set(latest.values()).size > 1 } };
}

function mergeAlert(into: ReplayAlert, other: ReplayAlert): ReplayAlert {
  const decisions = [...into.decisions, ...other.decisions].sort(byTime(decidedOn));
  const outcomes = [...into.outcomes, ...other.outcomes].sort(byTime(recordedOn));
  const shown = [...into.shown, ...other.shown].sort(byTime(placedAt));
  // The station that decided last holds the alert's current state.
  const lastDecided = (a: ReplayAlert) => {
    const d = a.decisions.at(-1);
    return d ? decidedOn(d) : '';
  };
  const lead = lastDecided(other) > lastDecided(into) ? other : into;
  const firstReceived = receivedOn(into) <= receivedOn(other) ? into : other;
  const firstShown = shown[0]?.at ?? null;
  const firstDecided = decisions[0]?.decidedAt ?? null;
  // Observed belongs to the latest outcome, wherever it was recorded.
  const lastRecorded = (a: ReplayAlert) => {
    const o = a.outcomes.at(-1);
    return o ? recordedOn(o) : '';
  };
  const outcomeLead = lastRecorded(other) > lastRecorded(into) ? other : into;
  const {
    observed: _leadObserved,
    observedByRevision: _leadByRevision,
    placedReceived: _leadPlaced,
    ...leadRest
  } = lead;
  const byRevision = { ...into.observedByRevision, ...other.observedByRevision };
  return {
    ...leadRest,
    // The alert reached the room when the first station received it: what "to claim" measures from.
    receivedAt: firstReceived.receivedAt,
    ...(firstReceived.placedReceived ? { placedReceived: firstReceived.placedReceived } : {}),
    ...(outcomeLead.observed ? { observed: outcomeLead.observed } : {}),
    ...(Object.keys(byRevision).length ? { observedByRevision: byRevision } : {}),
    decisions,
    outcomes,
    shown,
    reviews: [...into.reviews, ...other.reviews].sort(byTime(placedAt)),
    ...(into.holds || other.holds
      ? { holds: [...(into.holds ?? []), ...(other.holds ?? [])].sort(byTime((h) => h.from)) }
      : {}),
    shownAt: firstShown,
    timeToDecisionMs: firstShown && firstDecided ? Date.parse(firstDecided) - Date.parse(firstShown) : null,
    stations: [...(into.stations ?? []), ...(other.stations ?? [])],
  };
}

export function mergeStationReplays(
  deploymentId: string,
  parts: Array<{ stationId: string; replay: ReplayData }>,
): ReplayData {
  if (parts.length === 0) throw new Error(`no station journals for deployment ${deploymentId}`);
  const alerts = new Map<string, ReplayAlert>();
  const decidedBy = new Map<string, Map<string, string>>();
  for (const { stationId, replay } of parts)
    for (const alert of replay.alerts) {
      const latest = alert.decisions.at(-1)?.decision;
      if (latest)
        decidedBy.set(
          alert.alertId,
          (decidedBy.get(alert.alertId) ?? new Map<string, string>()).set(stationId, latest),
        );
      const mine = {
        ...alert,
        stations: [stationId],
        ...(alert.holds ? { holds: alert.holds.map((h) => ({ ...h, station: stationId })) } : {}),
      };
      const seen = alerts.get(alert.alertId);
      alerts.set(alert.alertId, seen ? mergeAlert(seen, mine) : mine);
    }
  const worst = parts.reduce((w, p) =>
    SEVERITY[p.replay.integrity.status] > SEVERITY[w.replay.integrity.status] ? p : w,
  );
  const sum = (pick: (i: Integrity) => number) => parts.reduce((s, p) => s + pick(p.replay.integrity), 0);
  const integrity: Integrity = {
    ...worst.replay.integrity,
    entries: sum((i) => i.entries),
    checkpoints: sum((i) => i.checkpoints),
    images: {
      checked: sum((i) => i.images.checked),
      purged: sum((i) => i.images.purged),
      missing: sum((i) => i.images.missing),
      altered: sum((i) => i.images.altered),
    },
  };
  const froms = parts.map((p) => p.replay.range.from).sort();
  const tos = parts.map((p) => p.replay.range.to).sort();
  // Each station's axis may start before its first recorded time or end after its last (shared/replay-placed.ts).
  const from = froms[0]!;
  const to = tos[tos.length - 1]!;
  const placedFrom = parts.reduce(
    (start, p) => (placedStart(p.replay) < start ? placedStart(p.replay) : start),
    from,
  );
  const placedTo = parts.reduce((end, p) => (placedEnd(p.replay) > end ? placedEnd(p.replay) : end), to);
  return {
    key: `${ARCHIVE_KEY_PREFIX}${deploymentId}`,
    source: 'import',
    deploymentId,
    training: parts.some((p) => p.replay.training),
    deployment: parts.find((p) => p.replay.deployment)?.replay.deployment ?? null,
    integrity,
    alerts: [...alerts.values()]
      .map((alert) => ({
        ...alert,
        ...decidedAtStations(decidedBy.get(alert.alertId) ?? new Map<string, string>()),
      }))
      .sort((a, b) => receivedOn(a).localeCompare(receivedOn(b)) || a.seq - b.seq),
    events: parts
      .flatMap((p) => p.replay.events.map((e) => ({ ...e, station: p.stationId })))
      .sort(
        (a, b) =>
          placedAt(a).localeCompare(placedAt(b)) || a.station.localeCompare(b.station) || a.seq - b.seq,
      ),
    rejected: parts.flatMap((p) => p.replay.rejected).sort(byTime((r) => r.at)),
    safeguards: parts.flatMap((p) => p.replay.safeguards).sort(byTime((s) => s.at)),
    // Each station's steps as its own journal has them (seq is that journal's).
    clockSteps: parts.flatMap((p) => p.replay.clockSteps.map((c) => ({ ...c, station: p.stationId }))),
    operators: parts.flatMap((p) => p.replay.operators).sort(byTime((o) => o.from)),
    reviews: parts.flatMap((p) => p.replay.reviews).sort(byTime(placedAt)),
    range: { from, to },
    ...(placedFrom < from ? { placedFrom } : {}),
    ...(placedTo > to ? { placedTo } : {}),
    stations: parts.map((p) => ({ stationId: p.stationId, integrity: p.replay.integrity })),
    // Two stations may journal the same tally period; their union is not known here, so only one station's is given.
    ...(parts.length === 1 && parts[0]!.replay.facesCompared !== undefined
      ? { facesCompared: parts[0]!.replay.facesCompared }
      : {}),
  };
}

/** Reads, verifies and folds every station journal of a deployment from the archive, then merges them. */
export async function loadArchivedReplay(
  db: pg.Pool,
  deploymentId: string,
  opts: {
    trust?: readonly TrustEntry[] | null;
    now?: () => number;
    /** Where to keep the images read from the archive, so the replay screen can show them. */
    keepImagesIn?: string;
  } = {},
): Promise<ReplayData> {
  const refs = await archivedJournals(db, deploymentId);
  const parts: Array<{ stationId: string; replay: ReplayData }> = [];
  for (const ref of refs) {
    const journal = await materializeJournal(db, ref);
    try {
      const state = await loadReplayState({
        key: `${ARCHIVE_KEY_PREFIX}${deploymentId}:${ref.stationId}`,
        source: 'import',
        journalFile: journal.journalFile,
        imagesDir: journal.imagesDir,
        live: false,
        trust: opts.trust ?? null,
        ...(opts.now ? { now: opts.now } : {}),
      });
      parts.push({ stationId: ref.stationId, replay: replayFromState(state) });
      if (opts.keepImagesIn) await keepImages(journal.imagesDir, opts.keepImagesIn);
    } finally {
      await journal.dispose();
    }
  }
  return mergeStationReplays(deploymentId, parts);
}

/**
 * Copies the images of a journal read from the archive to where the screen's image route
 * finds them (named by their hash, so a copy from another station's journal is the same
 * bytes). Private to this user: 0700 folder, 0600 files.
 */
async function keepImages(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const name of await readdir(from)) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue;
    await copyFile(join(from, name), join(to, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await chmod(join(to, name), 0o600);
  }
}
