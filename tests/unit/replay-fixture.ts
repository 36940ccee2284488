/**
 * A small deployment journal written by the real Journal class, with numbers worked
 * out by hand (see the comments): six alerts, two officers, two refusals.
 */
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Actor, StoredImage } from '../../shared/journal/entries';
import type { Signer } from '../../electron/core/identity';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';

export const DEPLOYMENT_ID = 'dep-fixture';
export const PC1: Actor = { id: 'PC-1', name: 'PC One' };
export const PC2: Actor = { id: 'PC-2', name: 'PC Two' };
export const T0 = Date.parse('2026-03-21T10:00:00.000Z');
export const at = (min: number, sec = 0) => T0 + min * 60_000 + sec * 1000;

export const ALERT_IDS = {
  A: '00000000-0000-4000-8000-00000000000a',
  B: '00000000-0000-4000-8000-00000000000b',
  C: '00000000-0000-4000-8000-00000000000c',
  D: '00000000-0000-4000-8000-00000000000d',
  E: '00000000-0000-4000-8000-00000000000e',
  F: '00000000-0000-4000-8000-00000000000f',
} as const;

export function tinyJpeg(shade: number): Buffer {
  const width = 8;
  const height = 8;
  const data = Buffer.alloc(width * height * 4, shade);
  return Buffer.from(jpeg.encode({ data, width, height }, 80).data);
}

export const DEPLOYMENT = {
  v: 1,
  deploymentId: DEPLOYMENT_ID,
  title: 'Fixture deployment, Market Street',
  purpose: 'Locate people wanted on warrant.',
  intelligenceRef: 'INT-1',
  location: { name: 'Market Street', zone: 'Centre' },
  authorisedBy: { id: 'S-1', name: 'A. Super', rank: 'Superintendent' },
  authorisedAt: '2026-03-20T09:00:00.000Z',
  startsAt: '2026-03-21T09:00:00.000Z',
  endsAt: '2026-03-21T18:00:00.000Z',
  threshold: 0.64,
  algorithm: { name: 'Algo', version: '1' },
  watchlist: { version: 'WL-1', size: 100, reviewedAt: '2026-03-20T10:00:00.000Z', reviewedBy: 'Insp B' },
  notice: { given: false, channels: [] },
  dpiaRef: 'DPIA-1',
  retentionDays: 31,
  cameras: [
    { id: 'cam-1', label: 'North' },
    { id: 'cam-2', label: 'South' },
  ],
};

export interface Fixture {
  file: string;
  dir: string;
  imagesDir: string;
  images: Record<'probe' | 'subject', StoredImage>;
  /** Seq of each alert's alert-received entry. */
  seqOf: Record<keyof typeof ALERT_IDS, number>;
  journal: Journal | null;
  clock: { ms: number };
}

/**
 * By hand: A engage (10 s, confirmed-true, arrest); B no-engage "features differ" (30 s)
 * then revision 2 engage by PC-2, no outcome; C engage (60 s), confirmed-false; D shown,
 * undecided; E withdrawn; F no-engage "age/sex differ" (15 s). Two refusals, one outside
 * the window. PC-1 signed in 10:00:00–10:08:00, PC-2 10:08:00–10:10:00.
 */
export async function writeFixture(
  root: string,
  signer: Signer,
  opts: { keepOpen?: boolean; extra?: (j: Journal, clock: { ms: number }) => Promise<void> } = {},
): Promise<Fixture> {
  const dir = join(root, 'deployments', DEPLOYMENT_ID);
  const file = join(dir, 'journal.jsonl');
  const store = new ImageStore(join(dir, 'images'));
  const clock = { ms: T0 };
  const { journal } = await Journal.open({
    file,
    deploymentId: DEPLOYMENT_ID,
    signer,
    appVersion: 'test',
    now: () => new Date(clock.ms),
  });
  const stored = async (bytes: Buffer): Promise<StoredImage> => {
    const put = await store.put(bytes);
    return { sha256: put.sha256, mime: 'image/jpeg', width: 8, height: 8, bytes: put.bytes };
  };
  const probe = await stored(tinyJpeg(40));
  const subject = await stored(tinyJpeg(200));
  const append = (ms: number, type: string, actor: Actor | null, data: Record<string, unknown>) => {
    clock.ms = ms;
    return journal.append(type, actor, data);
  };
  const seqOf = {} as Fixture['seqOf'];
  const alert = async (
    key: keyof typeof ALERT_IDS,
    n: number,
    ms: number,
    camera: { id: string; label: string },
    tier: string,
    score: number,
  ) => {
    const entry = await append(ms, 'alert-received', null, {
      v: 1,
      alertId: ALERT_IDS[key],
      seq: n,
      deploymentId: DEPLOYMENT_ID,
      capturedAt: new Date(ms - 500).toISOString(),
      camera,
      score,
      threshold: 0.64,
      probe,
      subject: {
        entryId: `WL-${key}`,
        name: `Person ${key}`,
        category: 'wanted',
        tier,
        reason: 'Warrant',
        warnings: [],
        image: subject,
      },
    });
    seqOf[key] = entry.seq;
  };
  const shown = (key: keyof typeof ALERT_IDS, ms: number, who: Actor) =>
    append(ms, 'alert-shown', who, {
      alertId: ALERT_IDS[key],
      probeSha256: probe.sha256,
      subjectSha256: subject.sha256,
      status: 'pending',
    });
  const decide = (
    key: keyof typeof ALERT_IDS,
    revision: number,
    shownMs: number,
    ms: number,
    who: Actor,
    decision: 'engage' | 'no-engage',
    reasons: string[],
    rationale: string,
  ) =>
    append(ms, 'decision', who, {
      alertId: ALERT_IDS[key],
      deploymentId: DEPLOYMENT_ID,
      revision,
      decision,
      reasons,
      rationale,
      operator: who,
      confirmedBy: null,
      shownAt: new Date(shownMs).toISOString(),
      decidedAt: new Date(ms).toISOString(),
      evidence: { probeSha256: probe.sha256, subjectSha256: subject.sha256, score: 0.9, threshold: 0.64 },
    });
  const outcome = (key: keyof typeof ALERT_IDS, ms: number, result: string, action: string | undefined) =>
    append(ms, 'outcome', PC1, {
      v: 1,
      alertId: ALERT_IDS[key],
      deploymentId: DEPLOYMENT_ID,
      revision: 1,
      result,
      ...(action ? { action } : {}),
      notes: '=HYPERLINK("http://x")',
      recordedBy: PC1,
      recordedAt: new Date(ms).toISOString(),
    });

  await append(at(0), 'deployment', null, DEPLOYMENT);
  await append(at(0), 'safeguard-warning', null, {
    code: 'no-notice',
    severity: 'warning',
    title: 'No public notice, and no reason recorded',
    detail: 'The deployment record says the public was not told.',
  });
  await append(at(0), 'operator-signed-in', PC1, { role: 'officer' });
  await alert('A', 1, at(1), { id: 'cam-1', label: 'North' }, 'red', 0.91);
  await shown('A', at(1, 2), PC1);
  await decide(
    'A',
    1,
    at(1, 2),
    at(1, 12),
    PC1,
    'engage',
    ['subject-likeness-strong'],
    'Same jaw, nose, "eyes", ok',
  );
  await append(at(1, 13), 'decision-recorded', null, {
    alertId: ALERT_IDS.A,
    revision: 1,
    status: 'recorded',
  });
  await outcome('A', at(1, 40), 'confirmed-true', 'arrest');
  await alert('B', 2, at(2), { id: 'cam-1', label: 'North' }, 'amber', 0.66);
  await shown('B', at(2, 1), PC1);
  await decide(
    'B',
    1,
    at(2, 1),
    at(2, 31),
    PC1,
    'no-engage',
    ['subject-features-differ'],
    'Different face shape, line\nbreak',
  );
  await alert('C', 3, at(3), { id: 'cam-2', label: 'South' }, 'green', 0.62);
  await shown('C', at(3, 5), PC1);
  await decide(
    'C',
    1,
    at(3, 5),
    at(4, 5),
    PC1,
    'engage',
    ['subject-likeness-strong'],
    '+44 looks like the person',
  );
  await outcome('C', at(4, 30), 'confirmed-false', 'no-further-action');
  await alert('D', 4, at(5), { id: 'cam-2', label: 'South' }, 'amber', 0.75);
  await shown('D', at(5, 10), PC1);
  await alert('E', 5, at(6), { id: 'cam-2', label: 'South' }, 'green', 0.85);
  await append(at(6, 30), 'alert-withdrawn', null, {
    alertId: ALERT_IDS.E,
    reason: 'Subject arrested elsewhere',
  });
  await append(at(7), 'alert-rejected', null, {
    alertId: '00000000-0000-4000-8000-000000000099',
    seq: 7,
    deploymentId: DEPLOYMENT_ID,
    code: 'outside-window',
    reason: 'outside the authorised window',
  });
  await append(at(7, 10), 'alert-rejected', null, { code: 'invalid', reason: 'probe: bad image' });
  await append(at(8), 'operator-signed-out', PC1, { reason: 'handover' });
  await append(at(8), 'operator-signed-in', PC2, { role: 'officer' });
  await alert('F', 6, at(8, 30), { id: 'cam-1', label: 'North' }, 'red', 0.7);
  await shown('F', at(8, 35), PC2);
  await decide(
    'F',
    1,
    at(8, 35),
    at(8, 50),
    PC2,
    'no-engage',
    ['subject-age-sex-differ', 'env-subject-lost'],
    'Looks twenty years younger',
  );
  await decide(
    'B',
    2,
    at(2, 1),
    at(9),
    PC2,
    'engage',
    ['subject-likeness-strong'],
    'On second look, a match: scar',
  );
  await opts.extra?.(journal, clock);
  await append(at(10), 'operator-signed-out', PC2, { reason: 'sign-out' });
  if (!opts.keepOpen) {
    clock.ms = at(10);
    await journal.close('test');
  }
  return {
    file,
    dir,
    imagesDir: join(dir, 'images'),
    images: { probe, subject },
    seqOf,
    journal: opts.keepOpen ? journal : null,
    clock,
  };
}
