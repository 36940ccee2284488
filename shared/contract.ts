/**
 * The bridge contract between the renderer and the station core: one named request
 * per message, typed events. Defined once here and used by main's IPC handlers,
 * the preload bridge, the browser-mode WebSocket transport and the renderer.
 * Main validates every request payload with these schemas; nothing else gets through.
 */
import { z } from 'zod';
import { decisionKindSchema, outcomeActionSchema, outcomeResultSchema } from './feed/schemas';
import { LIMITS } from './feed/limits';
import type { StationSnapshot } from './view';
import type { DeploymentListing, ReplayData, SupervisorReview } from './replay';
import type { EventName, RequestName } from './channels';

export { REQUEST_NAMES, EVENT_NAMES, requestChannel, eventChannel } from './channels';
export type { RequestName, EventName } from './channels';

const text = z.string().trim().min(1).max(LIMITS.string);
const alertId = z.uuid();
const actor = z.object({ id: text, name: text });
const replayKey = z.string().regex(/^(station|import):[A-Za-z0-9._-]{1,64}$/, 'not a replay key');

export const requestSchemas = {
  getSnapshot: z.object({}).strict(),
  signIn: z.object({ id: text, name: text, role: z.enum(['officer', 'supervisor']) }).strict(),
  signOut: z.object({ handover: z.boolean().optional() }).strict(),
  alertShown: z.object({ alertId }).strict(),
  recordDecision: z
    .object({
      alertId,
      decision: decisionKindSchema,
      reasons: z.array(z.string().max(100)).max(50),
      rationale: z.string().max(LIMITS.reason),
      confirmation: z
        .object({ id: text, name: text, note: z.string().trim().min(1).max(LIMITS.reason) })
        .optional(),
    })
    .strict(),
  recordOutcome: z
    .object({
      alertId,
      result: outcomeResultSchema,
      action: outcomeActionSchema.optional(),
      engagementOfficer: actor.optional(),
      stopMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .optional(),
      leafletGiven: z.boolean().optional(),
      notes: z.string().max(LIMITS.reason),
    })
    .strict(),
  welfare: z.object({ action: z.enum(['break-taken', 'continue']) }).strict(),
  updateSettings: z
    .object({
      dwellMs: z.number().int().min(0).max(60_000).optional(),
      escalateAfterMs: z.number().int().min(10_000).max(3_600_000).optional(),
      breakAfterMs: z
        .number()
        .int()
        .min(60_000)
        .max(8 * 3_600_000)
        .optional(),
      sound: z.boolean().optional(),
      twoPersonTiers: z
        .array(z.enum(['red', 'amber', 'green']))
        .max(3)
        .optional(),
    })
    .strict(),
  // Supervisors: replay, review, exports, bundles, legal holds (main checks the role).
  listDeployments: z.object({}).strict(),
  openReplay: z.object({ key: replayKey }).strict(),
  supervisorReview: z
    .object({
      key: replayKey,
      alertId,
      revision: z.number().int().min(1),
      verdict: z.enum(['countersign', 'disagree']),
      comment: z.string().trim().min(1).max(LIMITS.reason),
    })
    .strict(),
  exportReplay: z
    .object({ key: replayKey, kind: z.enum(['csv', 'pdf', 'bundle']), includeImages: z.boolean().optional() })
    .strict(),
  // No path from the renderer: Electron's main asks with a dialog; browser mode names an upload (POST /bundles).
  importBundle: z
    .object({
      upload: z
        .string()
        .regex(/^[0-9a-f]{32}$/)
        .optional(),
    })
    .strict(),
  setLegalHold: z
    .object({
      deploymentId: z.string().min(1).max(64),
      active: z.boolean(),
      reason: z.string().trim().min(1).max(LIMITS.reason),
    })
    .strict(),
} as const satisfies Record<RequestName, z.ZodType>;

export type RequestPayload<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface ResponseMap {
  getSnapshot: StationSnapshot;
  signIn: Result;
  signOut: Result;
  alertShown: Result<{ shownAt: string }>;
  recordDecision: Result<{ revision: number; seq: number; hash: string }>;
  recordOutcome: Result<{ revision: number; seq: number }>;
  welfare: Result;
  updateSettings: Result;
  listDeployments: Result<{ deployments: DeploymentListing[] }>;
  openReplay: Result<{ replay: ReplayData }>;
  supervisorReview: Result<{ review: SupervisorReview }>;
  exportReplay: Result<{ path: string; bytes: number }>;
  importBundle: Result<{ key: string }>;
  setLegalHold: Result;
}

/** Loading a replay: verifying, then folding. */
export interface ReplayProgress {
  key: string;
  phase: 'verifying' | 'loading';
  done: number;
  total: number;
}

export interface EventMap {
  state: StationSnapshot;
  clock: { now: string };
  replayProgress: ReplayProgress;
}
// The event names in ./channels and the keys of EventMap must be the same set (a compile error otherwise).
type Expect<T extends true> = T;
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _EventNamesMatch = Expect<SameSet<EventName, keyof EventMap>>;

/** What `window.station` offers the renderer, in Electron and in the browser alike. */
export type StationBridge = {
  [N in RequestName]: (payload: RequestPayload<N>) => Promise<ResponseMap[N]>;
} & {
  onState(listener: (state: StationSnapshot) => void): () => void;
  onClock(listener: (clock: { now: string }) => void): () => void;
  onReplayProgress(listener: (progress: ReplayProgress) => void): () => void;
};

/** The services behind the bridge, as the station core implements them. */
export type StationServices = {
  [N in RequestName]: (payload: z.output<(typeof requestSchemas)[N]>) => Promise<ResponseMap[N]>;
};

/** Validate a request coming from the renderer. A bad one is a clear error, never a throw. */
export function parseRequest<N extends RequestName>(
  name: string,
  payload: unknown,
): { ok: true; name: N; payload: z.output<(typeof requestSchemas)[N]> } | { ok: false; error: string } {
  if (!Object.prototype.hasOwnProperty.call(requestSchemas, name))
    return { ok: false, error: `unknown request "${String(name).slice(0, 60)}"` };
  const parsed = requestSchemas[name as N].safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `invalid ${name}: ${first ? `${first.path.join('.') || 'payload'}: ${first.message}` : 'bad payload'}`,
    };
  }
  return { ok: true, name: name as N, payload: parsed.data as z.output<(typeof requestSchemas)[N]> };
}
