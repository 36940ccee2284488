/**
 * The bench's scripted officer (issue 22, item 4): how long one officer takes to clear a
 * backlog at a human pace, in modelled time (never the machine's wall time). Each alert
 * costs its look time on screen plus the officer's keystrokes at 150 ms each:
 * - in full (today, and every lead): n, a reason key, r, a 20-character rationale,
 *   Ctrl+Enter, then j to the next alert, after the look time;
 * - a repeat from the strip (shared/repeats.ts: the same watchlist entry and image as a
 *   lead decided No engage): one key, "same as lead: no engage", once its own probe face
 *   has been on screen for the look time. The strip shows STRIP_FACES faces at a time; a
 *   face joins it when one is confirmed, and its look time starts then.
 */
import { TIER_RANK } from '../shared/queue-order';
import type { Tier } from '../shared/vocabulary';

export const KEY_MS = 150;
export const LOOK_MS = 2_000;
export const RATIONALE_CHARS = 20;
/** n, a reason, r, the rationale, Ctrl+Enter, j. */
export const FULL_DECISION_KEYS = 1 + 1 + 1 + RATIONALE_CHARS + 1 + 1;
/** Probe faces the strip shows at once (a row across the review pane at 1280 px). */
export const STRIP_FACES = 8;

export interface QueuedAlert {
  alertId: string;
  entryId: string;
  subjectSha256: string;
  tier: Tier;
  /** Arrival order (the feed's seq). */
  seq: number;
}

export interface OfficerRun {
  alerts: number;
  decidedInFull: number;
  confirmedFromStrip: number;
  /** Modelled milliseconds with the strip, and with every alert decided in full (today). */
  modelledMs: number;
  allInFullMs: number;
}

const fullDecisionMs = (lookMs: number) => lookMs + FULL_DECISION_KEYS * KEY_MS;

/** Modelled time to confirm `count` repeats from a strip of `faces` faces, each needing `lookMs` on screen. */
export function stripMs(count: number, lookMs = LOOK_MS, faces = STRIP_FACES): number {
  const confirmedAt: number[] = [];
  let now = 0;
  for (let i = 0; i < count; i++) {
    // Face i joins the strip when face i - faces has been confirmed (the first row at once).
    const shownAt = i < faces ? 0 : confirmedAt[i - faces]!;
    now = Math.max(now, shownAt + lookMs) + KEY_MS;
    confirmedAt.push(now);
  }
  return now;
}

/** The backlog in the station's queue order (tier, then arrival), cleared lead by lead. */
export function clearBacklog(queue: readonly QueuedAlert[], lookMs = LOOK_MS): OfficerRun {
  const ordered = [...queue].sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || a.seq - b.seq);
  const repeatKey = (a: QueuedAlert) => `${a.entryId}\u0000${a.subjectSha256}`;
  const waiting = new Map<string, QueuedAlert[]>();
  for (const a of ordered) {
    const list = waiting.get(repeatKey(a));
    if (list) list.push(a);
    else waiting.set(repeatKey(a), [a]);
  }
  let modelledMs = 0;
  let decidedInFull = 0;
  let confirmedFromStrip = 0;
  const done = new Set<string>();
  for (const lead of ordered) {
    if (done.has(lead.alertId)) continue;
    modelledMs += fullDecisionMs(lookMs);
    decidedInFull += 1;
    done.add(lead.alertId);
    const repeats = (waiting.get(repeatKey(lead)) ?? []).filter((a) => !done.has(a.alertId));
    modelledMs += stripMs(repeats.length, lookMs);
    confirmedFromStrip += repeats.length;
    for (const r of repeats) done.add(r.alertId);
  }
  return {
    alerts: ordered.length,
    decidedInFull,
    confirmedFromStrip,
    modelledMs,
    allInFullMs: ordered.length * fullDecisionMs(lookMs),
  };
}

/** The backlog as a station journalled it (alert-received entries), for the flood bench. */
export function queueFromJournal(lines: readonly string[]): QueuedAlert[] {
  const out: QueuedAlert[] = [];
  for (const line of lines) {
    if (!line.includes('"alert-received"')) continue;
    const entry = JSON.parse(line) as {
      type: string;
      data: {
        alertId: string;
        seq: number;
        subject: { entryId: string; tier: Tier; image: { sha256: string } };
      };
    };
    if (entry.type !== 'alert-received') continue;
    const { alertId, seq, subject } = entry.data;
    out.push({
      alertId,
      seq,
      entryId: subject.entryId,
      tier: subject.tier,
      subjectSha256: subject.image.sha256,
    });
  }
  return out;
}

export const hours = (ms: number) => ms / 3_600_000;
