/**
 * The one request pipeline. Every request from a screen, over Electron IPC or the
 * browser-mode WebSocket alike, goes through `dispatch`: the payload is parsed with the
 * contract's schema, the request's rule is checked against the one session (who may,
 * whether a locked screen may, whether it needs a fresh proof), then its handler runs and
 * the answer is shaped for display. A refusal is always `{ ok: false, error }`, the same
 * on both transports, and the screen shows its `error`.
 *
 * The table is typed `{ [N in RequestName]: ... }`: a request added to the contract
 * without a rule and a handler is a compile error (see docs/architecture.md).
 */
import { refusalEnglish, refuse, type Refused } from '../../../shared/request-refusals';
import type { z } from 'zod';
import {
  parseRequest,
  REQUEST_NAMES,
  type RequestName,
  type requestSchemas,
  type ResponseMap,
  type StationServices,
} from '../../../shared/contract';
import { forDisplay } from '../../../shared/display-text';
import type { ClientId } from './session';

/** The payload of a request as the core sees it (after the contract's schema parsed it). */
export type Req<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

/** Who may make a request: anyone at the screen, the signed-in person, or a signed-in supervisor. */
export type Need = 'nobody' | 'signed-in' | 'supervisor';

export interface Rule<N extends RequestName> {
  need: Need;
  /** Allowed while the session is locked. */
  whenLocked?: boolean;
  /** Needs a proof younger than FRESH_PROOF_MS (access-control.ts). */
  fresh?: (payload: Req<N>) => boolean;
  /** Sent by the screen without anyone touching it: does not keep the session from locking. */
  automatic?: boolean;
}

/** Who is asking: the screen (client) the request came from. */
export interface Caller {
  client: ClientId;
}

export type Handler<N extends RequestName> = (payload: Req<N>, caller: Caller) => Promise<ResponseMap[N]>;

/** Every request: who may make it, and what answers it. */
export type RequestTable = { [N in RequestName]: { rule: Rule<N>; handle: Handler<N> } };

/** English words, and the same as a code where the core has one (shared/request-refusals.ts). */
type Refusal = Refused;
/** What a request is answered with: its response, or a refusal. */
export type Answer<N extends RequestName> = ResponseMap[N] | Refusal;

/** What the pipeline asks of access control: why a rule refuses this client now, and that a person was here. */
export interface RuleKeeper {
  refusal<N extends RequestName>(rule: Rule<N>, payload: Req<N>, client: ClientId): Refused | null;
  touched(client: ClientId): void;
}

export interface Pipeline {
  /** A request as a transport receives it: any name, any payload. */
  dispatch(client: ClientId, name: string, payload: unknown): Promise<Answer<RequestName>>;
  /** A named request from a screen (the payload is still parsed: it came from outside). */
  request<N extends RequestName>(client: ClientId, name: N, payload: unknown): Promise<Answer<N>>;
  /** The same pipeline as typed functions, for the core's own callers (one client). */
  servicesFor(client: ClientId): StationServices;
}

export const FAILED = refusalEnglish('failed');

export function createPipeline(
  table: RequestTable,
  keeper: RuleKeeper,
  log: (line: string) => void,
): Pipeline {
  async function run<N extends RequestName>(client: ClientId, name: N, payload: unknown): Promise<Answer<N>> {
    const parsed = parseRequest<N>(name, payload);
    if (!parsed.ok) return parsed;
    const { rule, handle } = table[name];
    const refused = keeper.refusal(rule, parsed.payload, client);
    if (refused) return refused;
    // Input by a person keeps the session open; what the screen sends by itself does not.
    if (!rule.automatic) keeper.touched(client);
    try {
      // Whatever goes to the screen has its hidden and direction-changing characters marked.
      return forDisplay(await handle(parsed.payload, { client }));
    } catch (error) {
      // The screen is told the request failed, not the core's internals.
      log(
        `request ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return refuse('failed');
    }
  }

  const isRequestName = (name: string): name is RequestName =>
    Object.prototype.hasOwnProperty.call(table, name);

  return {
    dispatch(client, name, payload) {
      if (!isRequestName(name))
        return Promise.resolve(refuse('unknown-request', { values: { request: String(name).slice(0, 60) } }));
      return run(client, name, payload);
    },
    request: run,
    servicesFor(client) {
      const services: Partial<Record<RequestName, unknown>> = {};
      for (const name of REQUEST_NAMES) services[name] = (payload: unknown) => run(client, name, payload);
      return services as StationServices;
    },
  };
}
