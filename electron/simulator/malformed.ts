/**
 * Alerts a station must refuse, one defect each, built from a good alert so that
 * everything else about them looks real. `expect` says what catches the defect:
 * the shared alert schema alone, or the check against the deployment's window.
 */
import { PROTOCOL_VERSION } from '../../shared/feed/schemas';
import { LIMITS } from '../../shared/feed/limits';
import { isoWithOffset, makeAlert, type ScenarioContext } from './scenario';

export const MALFORMED_KINDS = [
  'wrong-version',
  'mime-mismatch',
  'wrong-dimensions',
  'base64-image',
  'over-long-string',
  'too-many-warnings',
  'bad-uuid',
  'missing-fields',
  'captured-outside-window',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface MalformedAlert {
  kind: MalformedKind;
  expect: 'schema' | 'window';
  payload: Record<string, unknown>;
}

export function makeMalformedAlert(ctx: ScenarioContext, kind: MalformedKind): MalformedAlert {
  const good = makeAlert(ctx, { scene: false });
  const payload = { ...good } as Record<string, unknown>;
  const probe = { ...good.probe };
  const subject = { ...good.subject };
  switch (kind) {
    case 'wrong-version':
      payload.v = PROTOCOL_VERSION + 1;
      break;
    case 'mime-mismatch':
      payload.probe = { ...probe, mime: 'image/png' };
      break;
    case 'wrong-dimensions':
      payload.probe = { ...probe, width: probe.width + 40, height: probe.height - 20 };
      break;
    case 'base64-image':
      payload.probe = { ...probe, data: Buffer.from(probe.data).toString('base64') };
      break;
    case 'over-long-string':
      payload.subject = {
        ...subject,
        name: 'X'.repeat(LIMITS.string + 1),
        reason: 'R'.repeat(LIMITS.reason + 1),
      };
      break;
    case 'too-many-warnings':
      payload.subject = {
        ...subject,
        warnings: Array.from({ length: LIMITS.warnings + 1 }, (_, i) => `warning ${i + 1}`),
      };
      break;
    case 'bad-uuid':
      payload.alertId = `alert-${good.seq}-not-a-uuid`;
      break;
    case 'missing-fields':
      delete payload.camera;
      delete payload.score;
      payload.subject = { entryId: subject.entryId };
      break;
    case 'captured-outside-window': {
      const starts = Date.parse(ctx.deployment.startsAt);
      payload.capturedAt = isoWithOffset(new Date(starts - 2 * 3_600_000));
      return { kind, expect: 'window', payload };
    }
  }
  return { kind, expect: 'schema', payload };
}
