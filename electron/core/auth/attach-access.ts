/**
 * Puts access control in front of the station: the identity gate (accounts, single
 * sign-on), the request table and its one pipeline, what each screen may be shown, and
 * the clock that locks an idle session. The transports reach the station only through
 * the pipeline this returns.
 */
import type { Station } from '../station';
import { signIn } from '../station/officer';
import type { SupervisorServices } from '../station/context';
import { createPipeline, type Pipeline } from '../station/requests';
import type { Actor } from '../../../shared/journal/entries';
import type { WaitingCounts } from '../../../shared/view';
import { AccessControl } from './access-control';
import { createAccountAdmin, type AccountChange } from './account-admin';
import { IdentityGate, type SsoSettings } from './identity-gate';
import { requestTable } from './request-table';
import { screenView, type ScreenView } from './screen-view';

interface AccessWiring {
  gate: IdentityGate;
  access: AccessControl;
  pipeline: Pipeline;
  view: ScreenView;
  stop(): void;
}

export function attachAccessControl(opts: {
  station: Station;
  replay: SupervisorServices;
  dataDir: string;
  training: boolean;
  sso?: SsoSettings | null;
  lockAfterMs?: number;
  now?: () => number;
  log: (line: string) => void;
  /** The station's access journal (replay services), for account changes when no deployment is active. */
  accessJournal: (actor: Actor, change: AccountChange) => Promise<void>;
}): AccessWiring {
  const { station } = opts;
  const log = (line: string) => opts.log(`access: ${line}`);
  const gate = new IdentityGate({
    dataDir: opts.dataDir,
    training: opts.training,
    sso: opts.sso ?? null,
    ...(opts.now ? { now: opts.now } : {}),
    log,
  });
  const access = new AccessControl({
    gate,
    station: {
      session: station.session,
      signIn: (identity, client) => signIn(station, identity, client),
      push: () => station.schedulePush(),
      sessionLocked: (reason) =>
        void station.claims
          ?.releaseAll(reason)
          .catch((error: unknown) => log(`claims not released: ${String(error)}`)),
    },
    ...(opts.lockAfterMs ? { lockAfterMs: opts.lockAfterMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    // The station's own monotonic clock: one for the lock, the welfare check and escalation.
    mono: station.reliability.mono,
    log,
  });
  // In the active deployment's journal, like sign-ins; with none (or one that will not take it), the access journal.
  const recordAccountChange = async (actor: Actor, change: AccountChange) => {
    const active = station.activeSlot();
    if (active) {
      try {
        await station.appendTo(active.state.deploymentId, 'account-changed', actor, change);
        return;
      } catch (error) {
        log(`account change journalled in the access journal (${String(error)})`);
      }
    }
    await opts.accessJournal(actor, change);
  };
  const accounts = createAccountAdmin({
    store: gate.accounts,
    supervisor: () => access.supervisor(),
    record: recordAccountChange,
    log,
  });
  const view = screenView({
    mayView: (client) => access.mayView(client),
    signedIn: () => station.session.signedIn !== null,
    access: () => access.view(),
    waiting: () => waitingByTier(station),
  });
  const table = requestTable({
    station,
    access,
    replay: opts.replay,
    accounts,
    snapshotFor: (client) => view.snapshot(station.snapshot(), client),
  });
  const pipeline = createPipeline(table, access, log);
  // Checked every second; the timer does not hold the process open.
  const timer = setInterval(() => access.tick(), 1000);
  timer.unref();
  return { gate, access, pipeline, view, stop: () => clearInterval(timer) };
}

function waitingByTier(station: Station): WaitingCounts {
  const counts: WaitingCounts = { total: 0, red: 0, amber: 0, green: 0 };
  for (const slot of station.slots.values())
    for (const alert of slot.state.alerts.values())
      if (alert.status === 'pending') {
        counts.total += 1;
        counts[alert.subject.tier] += 1;
      }
  return counts;
}
