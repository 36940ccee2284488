/**
 * What each screen is shown. A screen that holds the station's unlocked session sees
 * everything; any other (the session locked, nobody signed in on a live feed's other
 * screens, a second browser connection) is shown the station's status with no alert,
 * no name from an alert, no face and no handover note: only how many alerts wait, by tier.
 * The same rule serves getSnapshot, the change events and (browser mode) /images.
 */
import type { ScreenChange, VersionedSnapshot } from '../../../shared/screen';
import type { AccessView, StationSnapshot, WaitingCounts } from '../../../shared/view';
import type { ClientId } from '../station/session';

interface ScreenViewPorts {
  /** Whether this screen holds the unlocked session. */
  mayView(client: ClientId): boolean;
  /** Whether anyone is signed in (before sign-in, nothing of an officer's is on screen yet). */
  signedIn(): boolean;
  access(): AccessView;
  waiting(): WaitingCounts;
}

export interface ScreenView {
  snapshot(snapshot: VersionedSnapshot, client: ClientId): VersionedSnapshot;
  /** The change as this screen may see it, or null when it may not see it at all. */
  change(change: ScreenChange, client: ClientId): ScreenChange | null;
  /** Events other than changes and the clock (replay progress, the image window's alert): the holder's only. */
  private(client: ClientId): boolean;
}

export function screenView(ports: ScreenViewPorts): ScreenView {
  const withheldStatus = <T extends Omit<StationSnapshot, 'alerts'>>(status: T): T => ({
    ...status,
    // Someone's session, not this screen's to use: it shows the lock screen (counts only).
    access: { ...ports.access(), locked: ports.signedIn(), waiting: ports.waiting() },
    handover: ports.signedIn() ? null : status.handover,
  });
  return {
    snapshot(snapshot, client) {
      if (ports.mayView(client)) return { ...snapshot, access: ports.access() };
      // No version: the screen asks for a whole snapshot again at its next change, so the
      // one that unlocks gets the alerts then.
      const { version: _version, ...rest } = withheldStatus(snapshot);
      return { ...rest, alerts: [] };
    },
    change(change, client) {
      const full = ports.mayView(client);
      if (change.kind !== 'status') return full ? change : null;
      const status = { ...change.status, access: ports.access() };
      return { ...change, status: full ? status : withheldStatus(status) };
    },
    private: (client) => ports.mayView(client),
  };
}
