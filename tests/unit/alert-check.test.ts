/**
 * Intake's first look at an alert (issue 10 items 1 and 5): a detail never refuses an
 * alert, a malformed optional member is dropped and named, and text that is not valid
 * Unicode is refused with a reason (rather than failing later and never being answered).
 */
import { describe, expect, it } from 'vitest';
import { checkAlert, dropMalformedOptionals, summarise } from '../../electron/core/feed/alert-check';
import { createScenario, makeAlert } from '../../electron/simulator/scenario';
import { hasLoneSurrogate, toWellFormedText } from '../../shared/feed/schemas';

const scenario = createScenario({ seed: 3 });
const alert = (overrides: Parameters<typeof makeAlert>[1] = {}) => makeAlert(scenario, overrides);
const withImage = (a: ReturnType<typeof alert>, image: Record<string, unknown>) => ({
  ...a,
  subject: { ...a.subject, image: { ...a.subject.image, ...image } },
});

describe('takenAt', () => {
  it.each(['2024-05-01', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00+01:00', '2024-05-01T10:00:00'])(
    'accepts %s and keeps it',
    (takenAt) => {
      const result = checkAlert(withImage(alert({ scene: false }), { takenAt }));
      expect(result.ok && result.dropped).toEqual([]);
      expect(result.ok && result.alert.subject.image.takenAt).toBe(takenAt);
    },
  );
});

describe('malformed optional members', () => {
  it('drops each, names it with the reason, and still takes the alert', () => {
    const a = alert();
    const payload = {
      ...a,
      scene: { ...a.scene!, box: { x: -5, y: 0, w: 0, h: 'tall' } },
      subject: {
        ...a.subject,
        name: 42,
        ownerContact: 'x'.repeat(501),
        image: { ...a.subject.image, takenAt: 'last spring', source: null },
      },
      futureMember: { anything: true },
    };
    const result = checkAlert(payload);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dropped.map((d) => d.split(':')[0])).toEqual([
      'scene.box',
      'subject.name',
      'subject.ownerContact',
      'subject.image.takenAt',
      'subject.image.source',
    ]);
    expect(result.dropped.find((d) => d.startsWith('subject.image.takenAt'))).toMatch(/ISO 8601 date/);
    expect(result.alert.scene).toBeDefined();
    expect(result.alert.scene!.box).toBeUndefined();
    expect(result.alert.subject.name).toBeUndefined();
    expect(result.alert.subject.image.takenAt).toBeUndefined();
    expect('futureMember' in result.alert).toBe(false);
    // The payload Socket.IO handed over is not changed in place.
    expect(payload.subject.name).toBe(42);
  });

  it('drops a scene whose bytes are not the image it claims, keeping the rest', () => {
    const a = alert();
    const result = checkAlert({ ...a, scene: { ...a.scene!, data: Buffer.from('not an image at all') } });
    expect(result.ok).toBe(true);
    expect(result.ok && result.alert.scene).toBeUndefined();
    expect(result.ok && result.dropped[0]).toMatch(/^scene: /);
  });

  it('still refuses what is unsafe to show or store: a required member, the probe image', () => {
    const a = alert({ scene: false });
    const noReason = checkAlert({ ...a, subject: { ...a.subject, reason: undefined } });
    expect(noReason.ok).toBe(false);
    expect(!noReason.ok && noReason.reason).toMatch(/subject\.reason/);
    const badProbe = checkAlert({ ...a, probe: { ...a.probe, data: Buffer.from('nope') } });
    expect(!badProbe.ok && badProbe.reason).toMatch(/probe\.data/);
  });

  // checkAlert tries the whole schema first and drops nothing when it passes (issue 25): so
  // every optional member that is malformed alone must fail the whole schema, and be dropped.
  it.each([
    [
      'scene.box',
      (a: ReturnType<typeof alert>) => ({ ...a, scene: { ...a.scene!, box: { x: -1, y: 0, w: 1, h: 1 } } }),
    ],
    ['scene', (a: ReturnType<typeof alert>) => ({ ...a, scene: { ...a.scene!, width: a.scene!.width + 1 } })],
    ['subject.name', (a: ReturnType<typeof alert>) => ({ ...a, subject: { ...a.subject, name: 7 } })],
    [
      'subject.ownerContact',
      (a: ReturnType<typeof alert>) => ({ ...a, subject: { ...a.subject, ownerContact: 'x'.repeat(501) } }),
    ],
    ['subject.image.takenAt', (a: ReturnType<typeof alert>) => withImage(a, { takenAt: 'yesterday' })],
    ['subject.image.source', (a: ReturnType<typeof alert>) => withImage(a, { source: ['x'] })],
  ])('drops %s when it alone is malformed, and nothing else', (path, spoil) => {
    const result = checkAlert(spoil(alert()));
    expect(result.ok).toBe(true);
    expect(result.ok && result.dropped.map((d) => d.split(':')[0])).toEqual([path]);
  });

  it('takes a well-formed alert with every optional member as the lenient pass would', () => {
    const a = withImage(
      { ...alert(), subject: { ...alert().subject, name: 'A Name', ownerContact: 'PC 1, 0101' } },
      { takenAt: '2024-05-01', source: 'custody' },
    );
    const result = checkAlert(a);
    expect(result).toEqual({ ok: true, alert: a, dropped: [] });
    expect(dropMalformedOptionals(a)).toEqual({ payload: a, dropped: [] });
  });

  it('leaves a payload without optional members alone', () => {
    const a = alert({ scene: false });
    expect(dropMalformedOptionals(a)).toEqual({ payload: a, dropped: [] });
    expect(dropMalformedOptionals(null)).toEqual({ payload: null, dropped: [] });
  });
});

describe('lone surrogates', () => {
  it('refuses an alert whose required text holds one, with a reason that says so', () => {
    const a = alert({ scene: false });
    const result = checkAlert({ ...a, subject: { ...a.subject, reason: 'wanted \uD800 for theft' } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/subject\.reason: contains a lone surrogate/);
    const warning = checkAlert({ ...a, subject: { ...a.subject, warnings: ['violent', 'x\uDC00'] } });
    expect(!warning.ok && warning.reason).toMatch(/subject\.warnings\.1: contains a lone surrogate/);
  });

  it('drops an optional member that holds one', () => {
    const a = alert({ scene: false });
    const result = checkAlert({ ...a, subject: { ...a.subject, name: 'Ann\uDBFF' } });
    expect(result.ok && result.dropped[0]).toMatch(/^subject\.name: contains a lone surrogate/);
  });

  it('summarises a refused payload as valid Unicode, so the refusal itself can be journalled', () => {
    const summary = summarise({ alertId: 'id\uD800', deploymentId: '\uDC00x', capturedAt: 'now' });
    expect(hasLoneSurrogate(summary.alertId!)).toBe(false);
    expect(summary.alertId).toBe('id\uFFFD');
    expect(Buffer.from(JSON.stringify(summary), 'utf8').toString('utf8')).toBe(JSON.stringify(summary));
  });

  it('tells a pair from a lone half', () => {
    expect(hasLoneSurrogate('face \uD83D\uDE00')).toBe(false);
    expect(hasLoneSurrogate('\uDE00\uD83D')).toBe(true);
    expect(toWellFormedText('a\uD83Db')).toBe('a\uFFFDb');
  });
});
