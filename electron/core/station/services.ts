/** The bridge's requests, each handed to the job that answers it. */
import { ELECTRON_ONLY, type StationServices } from '../../../shared/contract';
import type { StationSnapshot } from '../../../shared/view';
import type { StationContext, SupervisorServices } from './context';
import * as claimRequests from './claim-requests';
import * as officer from './officer';
import { orNotSaved } from './reliability';
import { resolveRollback } from './rollback';
import * as supervisor from './supervisor';

const electronOnly = () => Promise.resolve({ ok: false as const, error: ELECTRON_ONLY });
const notYet = () => Promise.resolve({ ok: false as const, error: 'not available on this station yet' });

export function stationServices(
  ctx: StationContext,
  snapshot: () => StationSnapshot,
  replay: () => SupervisorServices | null,
): StationServices {
  return {
    getSnapshot: () => Promise.resolve(snapshot()),
    // Only the training feed's typed form reaches here unproved (access control refuses it on a
    // real feed); credentials are checked there and signed in with officer.signIn directly.
    signIn: (p) =>
      'role' in p
        ? officer.signIn(ctx, { ...p, method: 'training' })
        : Promise.resolve({
            ok: false as const,
            error: 'sign-in with a credential goes through access control',
          }),
    signOut: (p) => officer.signOut(ctx, p),
    handover: (p) => officer.handover(ctx, p),
    alertShown: (p) => orNotSaved('That the alert was shown', officer.alertShown(ctx, p)),
    // A write that fails says so: the officer is told it was not saved, and why.
    recordDecision: (p) => orNotSaved('The decision', officer.recordDecision(ctx, p)),
    recordOutcome: (p) => orNotSaved('The outcome', officer.recordOutcome(ctx, p)),
    welfare: (p) => officer.welfare(ctx, p),
    // Issue 22 (claims).
    escalate: (p) => orNotSaved('The escalation', claimRequests.escalate(ctx, p)),
    takeOver: (p) => orNotSaved('The take-over', claimRequests.takeOver(ctx, p)),
    updateSettings: (p) => supervisor.updateSettings(ctx, p),
    listDeployments: (p) => supervisor.asSupervisor(ctx, replay(), 'listDeployments', p),
    listArchiveDeployments: (p) => supervisor.asSupervisor(ctx, replay(), 'listArchiveDeployments', p),
    openReplay: (p) => supervisor.asSupervisor(ctx, replay(), 'openReplay', p),
    supervisorReview: (p) => supervisor.asSupervisor(ctx, replay(), 'supervisorReview', p),
    exportReplay: (p) => supervisor.asSupervisor(ctx, replay(), 'exportReplay', p),
    importBundle: (p) => supervisor.asSupervisor(ctx, replay(), 'importBundle', p),
    enrolStationKey: (p) => supervisor.asSupervisor(ctx, replay(), 'enrolStationKey', p),
    setLegalHold: (p) => supervisor.setLegalHold(ctx, p),
    resolveRollback: (p) => resolveRollback(ctx, p),
    // Requests the identity work is adding (proof of identity, idle lock): answered plainly until it lands.
    reauthenticate: () => notYet(),
    proveSecondOfficer: () => notYet(),
    activity: () => notYet(),
    // Station accounts are managed by access control (electron/core/auth/account-admin.ts), never here.
    listAccounts: () => notYet(),
    addAccount: () => notYet(),
    disableAccount: () => notYet(),
    enableAccount: () => notYet(),
    resetPassword: () => notYet(),
    openImageWindow: (p) => ctx.options.imageWindow?.open(p.alertId) ?? electronOnly(),
    viewerFollow: (p) => {
      ctx.options.imageWindow?.follow(p.alertId);
      return Promise.resolve({ ok: true as const });
    },
  };
}
