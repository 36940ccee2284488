/**
 * What the replay services remember between requests: the loaded replays (a few, most
 * recent first out), each journal's last verdict, and which imports hold a deployment
 * (for the image routes). Split from service.ts so the services only answer requests.
 */
import type { ReplayProgress } from '../../../shared/contract';
import type { DeploymentListing, Integrity } from '../../../shared/replay';
import type { TrustEntry } from '../journal/trust';
import { QuickInfoCache } from './listing';
import { applyTrust, loadReplayState, refreshReplayState, type ReplayState } from './load';
import type { Location } from './request-frame';

/** A 100,000-entry replay holds a lot in memory: keep the few most recently loaded. */
const MAX_CACHED_REPLAYS = 4;

interface KnownReplaysDeps {
  trustNow: () => Promise<readonly TrustEntry[] | null>;
  emitProgress: (p: ReplayProgress) => void;
  now: () => number;
}

export function createKnownReplays(deps: KnownReplaysDeps) {
  const states = new Map<string, ReplayState>();
  const verdicts = new Map<string, Integrity>();
  const importsByDeployment = new Map<string, Set<string>>();
  const quick = new QuickInfoCache();

  function noteImport(deploymentId: string, importId: string): void {
    let set = importsByDeployment.get(deploymentId);
    if (!set) importsByDeployment.set(deploymentId, (set = new Set()));
    set.add(importId);
  }

  function remember(key: string, state: ReplayState): void {
    states.delete(key);
    states.set(key, state);
    for (const oldest of states.keys()) {
      if (states.size <= MAX_CACHED_REPLAYS) break;
      states.delete(oldest);
    }
  }

  /** The cached state brought up to date, or a fresh load (verified first). */
  async function currentState(loc: Location): Promise<ReplayState> {
    const trust = await deps.trustNow();
    const cached = states.get(loc.key);
    if (cached) {
      const result = await refreshReplayState(cached);
      if (result !== 'reload') {
        applyTrust(cached, trust);
        return cached;
      }
    }
    const state = await loadReplayState({
      key: loc.key,
      source: loc.source,
      journalFile: loc.journalFile,
      imagesDir: loc.imagesDir,
      onProgress: (p) => deps.emitProgress(p),
      now: deps.now,
      trust,
    });
    remember(loc.key, state);
    return state;
  }

  /** One line of the deployment list, from the journal's first and last entries (null: unreadable). */
  async function listing(loc: Location): Promise<DeploymentListing | null> {
    const info = await quick.get(loc.journalFile).catch(() => null);
    if (!info) return null;
    const deploymentId = info.deploymentId ?? loc.id;
    if (loc.source === 'import') noteImport(deploymentId, loc.id);
    return {
      key: loc.key,
      source: loc.source,
      deploymentId,
      title: info.title ?? deploymentId,
      training: info.training,
      startsAt: info.startsAt,
      endsAt: info.endsAt,
      firstEntryAt: info.firstEntryAt,
      lastEntryAt: info.lastEntryAt,
      alerts: info.alerts,
      decided: info.decided,
      integrity: verdicts.get(loc.key) ?? null,
      legalHold: info.legalHold,
    };
  }

  return {
    currentState,
    listing,
    noteImport,
    setVerdict: (key: string, integrity: Integrity) => void verdicts.set(key, integrity),
    importsHolding: (deploymentId: string): Iterable<string> => importsByDeployment.get(deploymentId) ?? [],
  };
}

export type KnownReplays = ReturnType<typeof createKnownReplays>;
