/**
 * Puts access control in front of the station: the identity gate (accounts, single
 * sign-on), the request guard, and the clock that locks an idle session. The station's
 * own services stay behind it; the transports serve only the guarded ones.
 */
import type { Station } from '../station';
import { signIn } from '../station/officer';
import { AccessControl } from './access-control';
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
