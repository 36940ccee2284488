/**
 * Requests that only forward to the bridge: re-authentication, the supervisor's requests
 * from the deployment panel and the accounts dialog. They change nothing on this screen
 * themselves (main's answer comes back to the form that asked, and any new state arrives
 * through apply-main.ts), but go through the store like every other request so a component
 * never holds the bridge.
 */
import type { BridgeRequests, SliceContext } from './types';

export function createBridgeRequests({ bridge }: SliceContext): BridgeRequests {
  return {
    reauthenticate: (p) => bridge.reauthenticate(p),
    setLegalHold: (p) => bridge.setLegalHold(p),
    resolveAlarm: (p) => bridge.resolveAlarm(p),
    acknowledgeBacklog: () => bridge.acknowledgeBacklog({}),
    updateSettings: (p) => bridge.updateSettings(p),
    listAccounts: (p) => bridge.listAccounts(p),
    addAccount: (p) => bridge.addAccount(p),
    disableAccount: (p) => bridge.disableAccount(p),
    enableAccount: (p) => bridge.enableAccount(p),
    resetPassword: (p) => bridge.resetPassword(p),
  };
}
