/**
 * An officer's requests: sign in and out, say an alert's images are on screen, decide,
 * record an outcome, answer the welfare prompt. Each is checked here, in main, with the
 * same rules the forms use, then journalled (fsync'd) before it is answered.
 */
import { refuse, type Refused } from '../../../shared/request-refusals';
import type { ResponseMap } from '../../../shared/contract';
import type { EntryData } from '../../../shared/journal/entries';
import { decisionProblems, outcomeContradiction, type Problem } from '../../../shared/decision-rules';
import type { StationAlert, OpenWork } from '../../../shared/view';
import {
  actorOf,
  LOCAL_CLIENT,
  sessionSlots,
  type ClientId,
  type Clock,
  type Health,
  type Links,
  type OpenDeployment,
  type OptionsOf,
  type SignedIn,
  type SlotLookup,
  type Writer,
} from './context';
import type { Req } from './requests';
import { proofOf, type ProvedIdentity } from '../auth/identity-gate';
import { decisionItem, evidenceOf, outcomeItem } from './server-messages';
import { openWorkOf } from '../../../shared/open-work';
import { answerKey } from '../../../shared/journal/folded';
import type { Observed } from '../../../shared/vocabulary';
import { heldText, settledText } from './claims';
import { announceStandingAlarms } from './standing-alarms';
import { wholeAlert, type ReadBackPort } from './summaries';

/** A snoozed welfare prompt comes back after this long. */
const WELFARE_SNOOZE_MS = 15 * 60_000;

/** What an officer's request uses: the write path, who is signed in, the journals, the claims and outbox. */
type OfficerPorts = Writer & SignedIn & SlotLookup & Links;
/** A decision is also checked against the dwell (health's monotonic clock) and whether this is practice. */
export type DecisionPorts = OfficerPorts & Health & OptionsOf<'training'>;

/** Waiting alerts are always whole (summaries.ts): the live alerts are enough. */
export function undecidedCount(ctx: Pick<SlotLookup, 'slots'>): number {
  let n = 0;
  for (const slot of ctx.slots.values())
    for (const a of slot.state.alerts.values()) if (a.status === 'pending') n++;
  return n;
}

/** The alert a request names, with its deployment, or why the request cannot go on. */
function findAlert(
  ctx: SignedIn & SlotLookup & ReadBackPort,
  alertId: string,
): { ok: true; slot: OpenDeployment; alert: StationAlert } | Refused {
  if (!ctx.session.operator) return refuse('sign-in-first');
  const slot = ctx.slotOfAlert(alertId);
  // Read back from the journal (and kept whole while it is worked on) if it was summarised.
  const alert = wholeAlert(ctx, slot, alertId);
  if (!slot || !alert) return refuse('unknown-alert');
  return { ok: true, slot, alert };
}

/**
 * Sign in a person whose identity was proved (auth/access-control.ts checks the password or
 * the single sign-on; the training feed's typed form proves nothing and says so). The role
 * is the account's or the provider's claim; the journal records how it was proved.
 */
export async function signIn(
  ctx: Writer & SignedIn & Health & Links & SlotLookup & OptionsOf<'alarms'>,
  who: ProvedIdentity,
  client: ClientId = LOCAL_CLIENT,
): Promise<ResponseMap['signIn']> {
  const { session } = ctx;
  if (session.operator) return refuse('signed-in-hand-over', { values: { name: session.operator.name } });
  session.begin(who, client, ctx.now(), ctx.reliability.mono());
  for (const slot of sessionSlots(ctx))
    await ctx.append(slot, 'operator-signed-in', actorOf(session), { role: who.role, ...proofOf(who) });
  // A sign-in clears no alarm: each standing one is said again (and stays on screen).
  announceStandingAlarms(ctx, 'sign-in');
  void ctx.claims?.announceSeat();
  ctx.schedulePush();
  return { ok: true };
}

export async function signOut(ctx: OfficerPorts, p: Req<'signOut'>): Promise<ResponseMap['signOut']> {
  if (!ctx.session.operator) return refuse('nobody-signed-in');
  await ctx.claims?.releaseAll(p.handover ? 'handed over' : 'signed out');
  const actor = actorOf(ctx.session);
  ctx.session.end();
  void ctx.claims?.announceSeat();
  for (const slot of sessionSlots(ctx))
    await ctx.append(slot, 'operator-signed-out', actor, {
      reason: p.handover ? 'handover' : 'sign-out',
      pendingAlerts: undecidedCount(ctx),
    });
  ctx.schedulePush();
  return { ok: true };
}

/**
 * What an officer leaves open: undecided alerts, escalated ones, engagements awaiting an
 * outcome. Undecided ones are always whole (summaries.ts); an engagement awaiting its
 * outcome may be summarised, and its summary says so (counted by the table as they change,
 * so a handover at 100,000 decided alerts does not walk them).
 */
function openWork(ctx: Pick<SlotLookup, 'slots'>): OpenWork {
  const open = openWorkOf([...ctx.slots.values()].flatMap((slot) => [...slot.state.alerts.values()]));
  for (const slot of ctx.slots.values()) open.outcomesAwaited += slot.state.summaries.outcomesAwaited;
  return open;
}

/** Sign out with a note for the next officer, journalled with what is open; the next sign-in shows it. */
export async function handover(ctx: OfficerPorts, p: Req<'handover'>): Promise<ResponseMap['handover']> {
  if (!ctx.session.operator) return refuse('nobody-signed-in');
  await ctx.claims?.releaseAll('handed over');
  const by = actorOf(ctx.session);
  const open = openWork(ctx);
  ctx.session.end();
  void ctx.claims?.announceSeat();
  let at = new Date(ctx.now()).toISOString();
  for (const slot of sessionSlots(ctx))
    at = (
      await ctx.append(slot, 'operator-signed-out', by, {
        reason: 'handover',
        pendingAlerts: open.undecided,
        note: p.note,
        open,
      })
    ).at;
  ctx.session.lastHandover = { by, at, note: p.note, open };
  ctx.schedulePush();
  return { ok: true };
}

export async function alertShown(
  ctx: OfficerPorts & Health,
  p: Req<'alertShown'>,
): Promise<ResponseMap['alertShown']> {
  const found = findAlert(ctx, p.alertId);
  if (!found.ok) return found;
  const { slot, alert } = found;
  // A shared deployment: the alert counts as shown only once this station holds its claim.
  const claimProblem = await claimBeforeShowing(ctx, slot, alert);
  if (claimProblem) return { ok: false, error: claimProblem };
  // Dwell is measured from the first showing on the monotonic clock (a stepped clock cannot stretch it).
  if (!alert.shownAt) ctx.reliability.mark('shown', alert.alertId);
  const notShown = await facesNotShown(slot, alert, p.notShown ?? []);
  const entry = await ctx.append(slot, 'alert-shown', actorOf(ctx.session), {
    alertId: alert.alertId,
    probeSha256: alert.probe.sha256,
    subjectSha256: alert.subject.image.sha256,
    status: alert.status,
    ...(notShown.length ? { imagesNotShown: notShown } : {}),
  });
  const gone = notShown.filter((face) => !face.onDisk);
  if (gone.length) {
    const note = `asking the feed again for alert ${alert.seq}: ${gone.length} of its image files ${gone.length === 1 ? 'is' : 'are'} gone`;
    ctx.log(`alert ${alert.alertId}: ${note}`);
    ctx.reliability.askAgain(slot.state.deploymentId, alert.seq, note);
  }
  ctx.schedulePush();
  const shownAt = alert.shownAt ?? entry.at;
  return {
    ok: true,
    shownAt,
    lookedMs: ctx.reliability.elapsed('shown', alert.alertId, shownAt, ctx.now()),
  };
}

/**
 * The faces the screen says it could not show, each with whether its file is on disk (a
 * regular file of the recorded size): gone is asked of the feed again; on disk means the
 * screen could not decode it (the journal says which, for whoever reviews the decision).
 */
async function facesNotShown(
  slot: OpenDeployment,
  alert: StationAlert,
  roles: ReadonlyArray<'probe' | 'subject'>,
): Promise<NonNullable<EntryData['alert-shown']['imagesNotShown']>> {
  return Promise.all(
    [...new Set(roles)].map(async (role) => {
      const ref = role === 'probe' ? alert.probe : alert.subject.image;
      const onDisk = await slot.images.hasIntact(ref.sha256, ref.bytes).catch(() => false);
      return { role, sha256: ref.sha256, onDisk };
    }),
  );
}

/** Claims (lfr-feed-v1): ask for the alert's claim; why it cannot be shown here, or null. */
async function claimBeforeShowing(
  ctx: Clock & Links,
  slot: OpenDeployment,
  alert: StationAlert,
): Promise<string | null> {
  const claims = ctx.claims;
  if (!claims?.enabled(slot) || alert.status !== 'pending' || claims.holds(alert.alertId)) return null;
  const answer = await claims.open(slot, alert);
  if (answer.status === 'granted') return null;
  if (answer.status === 'held') return heldText(answer.by, ctx.now());
  if (answer.status === 'settled') return settledText({ ...answer, decidedAt: '' });
  return `the feed refused the claim: ${answer.reason}`;
}

/** Nobody else holds or settled it, and it has no decision yet (amendments need no claim). */
const mayReclaim = (alert: StationAlert) =>
  alert.decisions.length === 0 && !alert.settledElsewhere && !alert.heldElsewhere;

/**
 * Why this request may not be recorded: the shared rules (decisionProblems, the same the
 * form applies), with the dwell measured on the station's monotonic clock.
 */
export function decisionRefusals(
  ctx: SignedIn & Health & Clock & OptionsOf<'training'>,
  alert: StationAlert,
  p: Req<'recordDecision'>,
): Problem[] {
  const { settings } = ctx.session;
  return decisionProblems(
    { decision: p.decision, reasons: p.reasons, rationale: p.rationale },
    {
      shownAt: alert.shownAt ? 0 : null,
      now: alert.shownAt ? ctx.reliability.elapsed('shown', alert.alertId, alert.shownAt, ctx.now()) : 0,
      dwellMs: settings.dwellMs,
    },
    {
      tier: alert.subject.tier,
      twoPersonTiers: settings.twoPersonTiers,
      facesNotShown: alert.facesNotShown ?? [],
      outcomes: alert.outcomes,
      amendOutcome: p.amendOutcome,
      confirmed: Boolean(p.confirmation),
      secondProof: ctx.options.training ? 'typed' : 'credential',
    },
  );
}

export async function recordDecision(
  ctx: DecisionPorts,
  p: Req<'recordDecision'>,
  lead?: EntryData['decision']['lead'],
): Promise<ResponseMap['recordDecision']> {
  const found = findAlert(ctx, p.alertId);
  if (!found.ok) return found;
  const { slot, alert } = found;
  const actor = actorOf(ctx.session);
  if (alert.status === 'withdrawn') return refuse('alert-withdrawn');
  // A claim given back while the screen was locked is asked for again before deciding
  // (the alert stayed open on this screen; the claim's answer is journalled as any other).
  const claims = ctx.claims;
  if (claims?.enabled(slot) && !claims.holds(alert.alertId) && mayReclaim(alert))
    await claims.open(slot, alert);
  const notHeld = claims?.refusal(slot, alert);
  if (notHeld) return { ok: false, error: notHeld };
  const problems = decisionRefusals(ctx, alert, p);
  // English only: the rules' words here differ from the form's, which blocks these first.
  if (problems.length) return { ok: false, error: problems.map((x) => x.message).join(' ') };
  const confirmation = p.confirmation;
  // Access control checks the second officer's credential and hands on who they proved to be.
  if (confirmation && !('name' in confirmation)) return refuse('second-unchecked');
  if (confirmation && confirmation.id === actor.id) return refuse('confirming-different');
  const revision = alert.decisions.length + 1;
  const entry = await ctx.append(slot, 'decision', actor, {
    alertId: alert.alertId,
    deploymentId: slot.state.deploymentId,
    revision,
    decision: p.decision,
    reasons: p.reasons,
    rationale: p.rationale.trim(),
    operator: actor,
    confirmedBy: confirmation
      ? { id: confirmation.id, name: confirmation.name, note: confirmation.note }
      : null,
    shownAt: alert.shownAt!,
    decidedAt: new Date(ctx.now()).toISOString(),
    evidence: evidenceOf(alert),
    ...(lead ? { lead } : {}), // a repeat confirmed from the strip (repeats.ts)
  });
  ctx.outbox?.enqueue(decisionItem(alert, revision, entry.at));
  if (p.amendOutcome && outcomeContradiction(p.decision, alert.outcomes))
    await amendOutcomeWith(ctx, slot, alert, revision, p.amendOutcome.note);
  ctx.schedulePush();
  return { ok: true, revision, seq: entry.seq, hash: entry.hash };
}

/**
 * The outcome amended with a decision that contradicts it: a new outcome revision that
 * keeps the recorded result fields and carries the officer's note saying why it no longer stands.
 */
async function amendOutcomeWith(
  ctx: Writer & SignedIn & Links,
  slot: OpenDeployment,
  alert: StationAlert,
  decisionRevision: number,
  note: string,
): Promise<void> {
  const last = alert.outcomes.at(-1)!;
  await appendOutcome(ctx, slot, alert, {
    observed: observedOf(slot, alert.alertId, last.revision),
    result: last.result,
    action: last.action ?? undefined,
    engagementOfficer: last.engagementOfficer ?? undefined,
    stopMinutes: last.stopMinutes ?? undefined,
    leafletGiven: last.leafletGiven ?? undefined,
    notes: `Amended with decision revision ${decisionRevision} (No engage): ${note.trim()}`,
  });
}

type OutcomeFields = Pick<
  EntryData['outcome'],
  'result' | 'action' | 'engagementOfficer' | 'stopMinutes' | 'leafletGiven' | 'notes' | 'observed'
>;

/** What the journal holds as observed for one outcome revision (equality monitoring; never on an StationAlert). */
const observedOf = (slot: OpenDeployment, alertId: string, revision: number) =>
  slot.state.observed.get(answerKey('outcome', alertId, revision));

/**
 * A new revision's observed: what the officer chose, member by member, over the previous
 * revision's, so correcting the result does not lose it (left out entirely: not recorded).
 */
function nextObserved(previous: Observed | undefined, chosen: Observed | undefined): Observed | undefined {
  const merged = { ...previous, ...chosen };
  return merged.sex === undefined && merged.ethnicity === undefined ? undefined : merged;
}

/** Journal the next outcome revision (members left undefined are not written) and queue it for the server. */
async function appendOutcome(
  ctx: Writer & SignedIn & Links,
  slot: OpenDeployment,
  alert: StationAlert,
  fields: OutcomeFields,
) {
  const actor = actorOf(ctx.session);
  const revision = alert.outcomes.length + 1;
  const entry = await ctx.append(slot, 'outcome', actor, {
    alertId: alert.alertId,
    deploymentId: slot.state.deploymentId,
    revision,
    ...fields,
    recordedBy: actor,
    recordedAt: new Date(ctx.now()).toISOString(),
  });
  ctx.outbox?.enqueue(outcomeItem(alert, revision, entry.at, fields.observed));
  return entry;
}

export async function recordOutcome(
  ctx: OfficerPorts,
  p: Req<'recordOutcome'>,
): Promise<ResponseMap['recordOutcome']> {
  const found = findAlert(ctx, p.alertId);
  if (!found.ok) return found;
  const { slot, alert } = found;
  if (alert.decisions.at(-1)?.decision !== 'engage') return refuse('outcome-needs-engage');
  const { result, action, engagementOfficer, stopMinutes, leafletGiven, notes } = p;
  const last = alert.outcomes.at(-1);
  const previous = last ? observedOf(slot, alert.alertId, last.revision) : undefined;
  const observed = nextObserved(previous, p.observed);
  const fields = { result, action, engagementOfficer, stopMinutes, leafletGiven, notes, observed };
  const entry = await appendOutcome(ctx, slot, alert, fields);
  ctx.schedulePush();
  return { ok: true, revision: entry.data.revision, seq: entry.seq };
}

export async function welfare(
  ctx: Writer & SignedIn & Health & SlotLookup,
  p: Req<'welfare'>,
): Promise<ResponseMap['welfare']> {
  const { session } = ctx;
  const signedIn = session.signedIn;
  if (!signedIn) return refuse('sign-in-first');
  // Durations on the monotonic clock (a stepped wall clock moves no break); the wall clock for the screen.
  const mono = ctx.reliability.mono();
  if (p.action === 'break-taken') {
    signedIn.operator = { ...signedIn.operator, reviewSince: new Date(ctx.now()).toISOString() };
    signedIn.reviewSinceMono = mono;
  } else session.welfareSnoozedUntil = mono + WELFARE_SNOOZE_MS;
  session.welfarePrompted = false;
  for (const slot of sessionSlots(ctx))
    await ctx.append(slot, 'welfare-prompt', actorOf(session), { response: p.action });
  ctx.schedulePush();
  return { ok: true };
}
