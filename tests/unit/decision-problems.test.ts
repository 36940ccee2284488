/**
 * One composition of a decision's problems (shared/decision-rules.ts decisionProblems):
 * the core refusing a request (officer.ts decisionRefusals) and the form disabling its
 * button (renderer/src/state/form-rules.ts formProblems) give the same reasons, by code,
 * for the same draft. The station parts are real (Session, Reliability), no mocks.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type StationSettings } from '../../shared/vocabulary';
import { MIN_RATIONALE, REASON_CODES, IMAGE_NOT_SHOWN } from '../../shared/decision-rules';
import type { StationAlert } from '../../shared/view';
import { Session } from '../../electron/core/station/session';
import { Reliability } from '../../electron/core/station/reliability';
import { decisionRefusals } from '../../electron/core/station/officer';
import type { Req } from '../../electron/core/station/requests';
import { emptyDecisionDraft, formProblems } from '../../renderer/src/state/form-rules';

const NOW = Date.parse('2025-06-01T10:00:00.000Z');
const SHOWN = new Date(NOW - 60_000).toISOString();
const image = { sha256: 'a'.repeat(64), mime: 'image/jpeg', width: 10, height: 10, bytes: 100, url: null };

function redAlert(extra: Partial<StationAlert> = {}): StationAlert {
  return {
    alertId: '00000000-0000-4000-8000-000000000001',
    seq: 1,
    deploymentId: 'dep-1',
    capturedAt: SHOWN,
    receivedAt: SHOWN,
    camera: { id: 'cam-1', label: 'Gate' },
    score: 0.9,
    threshold: 0.6,
    probe: image,
    scene: null,
    subject: {
      entryId: 'w-1',
      name: null,
      category: 'wanted',
      tier: 'red',
      reason: 'warrant',
      warnings: [],
      ownerContact: null,
      image: { ...image, takenAt: null, source: null },
    },
    status: 'pending',
    withdrawnReason: null,
    shownAt: SHOWN,
    escalated: false,
    decisions: [],
    outcomes: [],
    ...extra,
  };
}

/** The codes the core refuses `request` with, the alert shown a minute ago (past the dwell). */
function coreCodes(alert: StationAlert, request: Req<'recordDecision'>, settings: StationSettings): string[] {
  const mono = { at: 0 };
  const reliability = new Reliability(
    () => NOW,
    () => mono.at,
  );
  reliability.mark('shown', alert.alertId);
  mono.at += 60_000;
  const ctx = { session: new Session(settings), reliability, now: () => NOW, options: { training: true } };
  return decisionRefusals(ctx, alert, request).map((p) => p.code);
}

function formCodes(alert: StationAlert, draft: Req<'recordDecision'>, settings: StationSettings): string[] {
  const problems = formProblems({
    alert,
    settings,
    draft: { ...emptyDecisionDraft(), ...draft },
    rendered: true,
    shownAt: alert.shownAt,
    now: NOW,
    lookedMs: 60_000,
    operatorId: 'pc-1',
    fatal: null,
  });
  return problems.map((p) => p.code ?? '');
}

const settings: StationSettings = { ...DEFAULT_SETTINGS, twoPersonTiers: ['red'] };
const complete = {
  alertId: redAlert().alertId,
  reasons: [REASON_CODES[0]!.code],
  rationale: 'x'.repeat(MIN_RATIONALE),
};

describe('one composition of a decision problems, core and form', () => {
  it('refuses a lone engage on a two-person tier for the same reason', () => {
    const request = { ...complete, decision: 'engage' as const };
    expect(coreCodes(redAlert(), request, settings)).toEqual(['confirmation-missing-typed']);
    expect(formCodes(redAlert(), request, settings)).toEqual(['confirmation-missing-typed']);
  });

  it('refuses an engage on a face not shown, without the reason, with the same codes in the same order', () => {
    const alert = redAlert({ facesNotShown: ['probe'] });
    const request = { ...complete, decision: 'engage' as const, rationale: 'too short' };
    const expected = [
      'rationale-short',
      'engage-needs-both-faces',
      'image-reason-needed',
      'confirmation-missing-typed',
    ];
    expect(coreCodes(alert, request, settings)).toEqual(expected);
    expect(formCodes(alert, request, settings)).toEqual(expected);
  });

  it('accepts the same complete No engage in both', () => {
    const alert = redAlert({ facesNotShown: ['subject'] });
    const request = { ...complete, decision: 'no-engage' as const, reasons: [IMAGE_NOT_SHOWN.code] };
    expect(coreCodes(alert, request, settings)).toEqual([]);
    expect(formCodes(alert, request, settings)).toEqual([]);
  });
});
