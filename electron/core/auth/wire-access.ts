/**
 * Puts access control in front of the station: the identity gate (accounts, single
 * sign-on), the request guard, and the clock that locks an idle session. The station's
 * own services stay behind it; the transports serve only the guarded ones.
 */
import type { Station } from '../station';
import { signIn } from '../station/officer';
import type { Actor } from '../../../shared/journal/entries';
import { AccessControl } from './access-control';
import type { AccountChange } from './account-admin';
import { IdentityGate, type SsoSettings } from './identity-gate';

export interface AccessWiring {
  gate: IdentityGate;
  access: AccessControl;
  stop(): void;
}

export function attachAccessControl(opts: {
  station: Station;
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
      services: station.services,
      signIn: (identity) => signIn(station, identity),
      push: () => station.schedulePush(),
      // In the active deployment's journal, like sign-ins; with none (or one that will not take it), the access journal.
      recordAccountChange: async (actor, change) => {
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
      },
    },
    ...(opts.lockAfterMs ? { lockAfterMs: opts.lockAfterMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    log,
  });
  // Checked every second; the timer does not hold the process open.
  const timer = setInterval(() => access.tick(), 1000);
  timer.unref();
  return { gate, access, stop: () => clearInterval(timer) };
}
