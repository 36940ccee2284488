/**
 * Every bridge request in one table: who may make it (the rule access control checks
 * against the one session) and the job that answers it. The type is
 * `{ [N in RequestName]: ... }`, so a request added to shared/contract.ts without a line
 * here does not compile. The role, the lock and a fresh proof are checked once, by the
 * pipeline (station/requests.ts), before any handler runs.
 */
import { ELECTRON_ONLY, type StationServices } from '../../../shared/contract';
import type { VersionedSnapshot } from '../../../shared/screen';
import type { OptionsOf, Serial, SupervisorServices, ClientId } from '../station/context';
import * as claimRequests from '../station/claim-requests';
import { officerRoomRequests } from '../station/room-requests';
import * as officer from '../station/officer';
import { orNotSaved } from '../station/write';
import type { RequestTable } from '../station/requests';
import { resolveRollback } from '../station/rollback';
import { resolveAlarm } from '../station/standing-alarms';
import * as supervisor from '../station/supervisor';
import type { AccessControl } from './access-control';
import type { AccountRequest } from './account-admin';

interface RequestTablePorts {
  /**
   * What the jobs behind the requests use (officer.ts, supervisor.ts, rollback.ts,
   * standing-alarms.ts): a decision's ports, serialised work, and the options they read.
   */
  station: officer.DecisionPorts & Serial & OptionsOf<'alarms' | 'settingsFile' | 'imageWindow'>;
  access: AccessControl;
  /** Replay, exports, bundles and key enrolment (electron/core/replay). */
  replay: SupervisorServices;
  /** Station accounts (account-admin.ts): the same store as `npm run accounts`. */
  accounts: Pick<StationServices, AccountRequest>;
  /** The screen's snapshot as this client may see it (withheld while it does not hold an unlocked session). */
  snapshotFor(client: ClientId): VersionedSnapshot;
}

export function requestTable(ports: RequestTablePorts): RequestTable {
  const { station, access, replay, accounts } = ports;
  const imageWindow = station.options.imageWindow;
  return {
    // Anyone at the screen: what it shows is withheld unless it holds an unlocked session.
    getSnapshot: {
      rule: { need: 'nobody', automatic: true },
      handle: (_p, { client }) => Promise.resolve(ports.snapshotFor(client)),
    },
    signIn: { rule: { need: 'nobody' }, handle: (p, caller) => access.signIn(p, caller) },
    signOut: { rule: { need: 'signed-in', whenLocked: true }, handle: (p) => officer.signOut(station, p) },
    // A note in an officer's name: not from a locked screen.
    handover: { rule: { need: 'signed-in' }, handle: (p) => officer.handover(station, p) },
    alertShown: {
      rule: { need: 'signed-in', automatic: true },
      handle: (p) => orNotSaved('shown', officer.alertShown(station, p)),
    },
    // A write that fails says so: the officer is told it was not saved, and why.
    recordDecision: {
      rule: { need: 'signed-in' },
      handle: (p) =>
        access.withSecondOfficer(p, (checked) =>
          orNotSaved('decision', officer.recordDecision(station, checked)),
        ),
    },
    recordOutcome: {
      rule: { need: 'signed-in' },
      handle: (p) => orNotSaved('outcome', officer.recordOutcome(station, p)),
    },
    welfare: { rule: { need: 'signed-in' }, handle: (p) => officer.welfare(station, p) },
    // Shared deployments (lfr-feed-v1 claims): ask a supervisor, or take an alert over as one.
    escalate: {
      rule: { need: 'signed-in' },
      handle: (p) => orNotSaved('escalation', claimRequests.escalate(station, p)),
    },
    takeOver: {
      rule: { need: 'supervisor' },
      handle: (p) => orNotSaved('takeover', claimRequests.takeOver(station, p)),
    },
    ...officerRoomRequests(station), // issue 22: notes, repeats
    acknowledgeBacklog: {
      rule: { need: 'supervisor' },
      handle: () =>
        station.room
          ? orNotSaved('acknowledgement', station.room.acknowledge())
          : Promise.resolve({ ok: false, error: 'this station has no room to watch' }),
    },
    // Officers may change the sound only; the settings job checks which setting.
    updateSettings: { rule: { need: 'signed-in' }, handle: (p) => supervisor.updateSettings(station, p) },
    listDeployments: { rule: { need: 'supervisor' }, handle: (p) => replay.listDeployments(p) },
    listArchiveDeployments: {
      rule: { need: 'supervisor' },
      handle: (p) => replay.listArchiveDeployments(p),
    },
    openReplay: { rule: { need: 'supervisor' }, handle: (p) => replay.openReplay(p) },
    supervisorReview: { rule: { need: 'supervisor' }, handle: (p) => replay.supervisorReview(p) },
    // A bundle always carries the images; a PDF when asked to.
    exportReplay: {
      rule: { need: 'supervisor', fresh: (p) => p.kind === 'bundle' || p.includeImages === true },
      handle: (p) => replay.exportReplay(p),
    },
    importBundle: { rule: { need: 'supervisor' }, handle: (p) => replay.importBundle(p) },
    // Whose journals count as verified: a fresh proof, like a legal hold.
    enrolStationKey: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => replay.enrolStationKey(p),
    },
    setLegalHold: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => supervisor.setLegalHold(station, p),
    },
    // Lets alerts into a journal the feed says was rolled back: a fresh proof, like a legal hold.
    resolveRollback: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => resolveRollback(station, p),
    },
    // Any alarm only a supervisor clears (tampered or foreign journal, too): the same rule.
    resolveAlarm: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => resolveAlarm(station, p),
    },
    reauthenticate: {
      rule: { need: 'signed-in', whenLocked: true },
      handle: (p, caller) => access.reauthenticate(p, caller),
    },
    proveSecondOfficer: {
      rule: { need: 'signed-in' },
      handle: (_p, caller) => access.proveSecondOfficer(caller),
    },
    // Input at the screen: the pipeline notes it (the session stays open); nothing else to do.
    activity: { rule: { need: 'signed-in' }, handle: () => Promise.resolve({ ok: true }) },
    // Station accounts: a supervisor's, each change with a fresh proof, like a legal hold.
    listAccounts: { rule: { need: 'supervisor' }, handle: (p) => accounts.listAccounts(p) },
    addAccount: { rule: { need: 'supervisor', fresh: () => true }, handle: (p) => accounts.addAccount(p) },
    disableAccount: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => accounts.disableAccount(p),
    },
    enableAccount: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => accounts.enableAccount(p),
    },
    resetPassword: {
      rule: { need: 'supervisor', fresh: () => true },
      handle: (p) => accounts.resetPassword(p),
    },
    // The image pane in a second window, and which alert it shows: whoever is reviewing.
    openImageWindow: {
      rule: { need: 'signed-in' },
      handle: (p) => imageWindow?.open(p.alertId) ?? Promise.resolve({ ok: false, error: ELECTRON_ONLY }),
    },
    viewerFollow: {
      rule: { need: 'signed-in' },
      handle: (p) => {
        imageWindow?.follow(p.alertId);
        return Promise.resolve({ ok: true });
      },
    },
  };
}
