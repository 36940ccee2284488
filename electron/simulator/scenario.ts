/**
 * Invented deployments, watchlists and alerts for the training feed. Every record
 * is valid by construction against shared/feed/schemas.ts (the tests parse them),
 * and every name, place and reference is made up.
 */
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, type Alert, type Deployment, type Tier } from '../../shared/feed/schemas';
import { ImagePool } from './image-pool';
import { hashSeed, Random } from './prng';
import { FIRST_NAMES, LAST_NAMES } from './scenario-names';

export interface WatchlistEntry {
  entryId: string;
  name?: string;
  category: string;
  tier: Tier;
  reason: string;
  warnings: string[];
  faceSeed: number;
  /** When the reference image was taken (ISO 8601 with offset). */
  takenAt: string;
  source: string;
  ownerContact?: string;
}

interface CategorySpec {
  category: string;
  tiers: Tier[];
  reasons: string[];
  warnings: string[];
  sources: string[];
  named: number;
}

const CATEGORIES: CategorySpec[] = [
  {
    category: 'wanted: violence',
    tiers: ['red', 'red', 'amber'],
    reasons: [
      'Wanted on warrant for wounding with intent after an assault outside a licensed premises.',
      'Wanted for a serious assault on a door supervisor; failed to attend court.',
      'Suspect in a stabbing; arrest authorised by the investigating officer.',
    ],
    warnings: ['violent', 'weapons', 'firearms', 'drugs', 'escape risk'],
    sources: ['custody image', 'custody image', 'partner agency'],
    named: 0.9,
  },
  {
    category: 'wanted: robbery',
    tiers: ['red', 'amber', 'amber'],
    reasons: [
      'Wanted for a street robbery in which a knife was shown.',
      'Wanted for a series of commercial robberies; recall to prison issued.',
    ],
    warnings: ['violent', 'weapons', 'drugs', 'escape risk'],
    sources: ['custody image', 'custody image'],
    named: 0.85,
  },
  {
    category: 'missing person',
    tiers: ['amber', 'amber', 'red'],
    reasons: [
      'High-risk missing person; family concerned for welfare. Do not detain: check welfare and inform control.',
      'Missing from a care placement for four days; believed to frequent the town centre.',
      'Missing adult with dementia; may be disorientated.',
    ],
    warnings: ['vulnerable', 'self-harm', 'mental health', 'medical condition'],
    sources: ['family-supplied photograph', 'passport (with consent)', 'partner agency'],
    named: 1,
  },
  {
    category: 'bail conditions',
    tiers: ['green', 'amber', 'green'],
    reasons: [
      'Bail condition excludes the subject from the town centre zone until trial.',
      'Curfew and exclusion zone on bail; breaches to be recorded for the court.',
    ],
    warnings: ['drugs', 'alcohol'],
    sources: ['custody image'],
    named: 1,
  },
  {
    category: 'sex offender: breach',
    tiers: ['red', 'amber'],
    reasons: [
      'Sexual harm prevention order prohibits entering the area; suspected breach.',
      'Registered offender who has failed to notify a change of address.',
    ],
    warnings: ['sexual offences', 'violent'],
    sources: ['custody image', 'custody image'],
    named: 1,
  },
  {
    category: 'wanted: burglary',
    tiers: ['amber', 'green'],
    reasons: [
      'Wanted for dwelling burglaries in the north of the district.',
      'Named suspect for a shop burglary; identity not yet confirmed.',
    ],
    warnings: ['drugs', 'escape risk'],
    sources: ['custody image', 'partner agency'],
    named: 0.6,
  },
];

const RANKS_OF_OWNERS = ['DC', 'DS', 'PC', 'DI'];
const TEAMS = [
  'Serious Violence Team',
  'Missing Persons Unit',
  'Offender Management',
  'Robbery Squad',
  'Public Protection',
];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 in the machine's local time with its UTC offset ("...+01:00"). */
export function isoWithOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function makeWatchlist(seed: number, size = 40, now = new Date()): WatchlistEntry[] {
  const r = new Random(hashSeed('watchlist', seed));
  const usedNames = new Set<string>();
  return Array.from({ length: size }, (_, i) => {
    const spec = r.pick(CATEGORIES);
    const tier = r.pick(spec.tiers);
    let name: string | undefined;
    if (r.chance(spec.named)) {
      do name = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
      while (usedNames.has(name));
      usedNames.add(name);
    }
    // Reference images range from a few weeks to over six years old.
    const ageDays = r.chance(0.25) ? r.int(14, 90) : r.chance(0.7) ? r.int(90, 1500) : r.int(1500, 2600);
    const entry: WatchlistEntry = {
      entryId: `WL-${pad(i + 1, 4)}-${hashSeed(seed, i).toString(36).slice(0, 4).toUpperCase()}`,
      category: spec.category,
      tier,
      reason: r.pick(spec.reasons),
      warnings: r.sample(spec.warnings, r.int(0, Math.min(3, spec.warnings.length))),
      faceSeed: hashSeed('face', seed, i),
      takenAt: isoWithOffset(new Date(now.getTime() - ageDays * DAY - r.int(0, 12) * HOUR)),
      source: r.pick(spec.sources),
    };
    if (name) entry.name = name;
    if (tier === 'red') {
      entry.ownerContact = `${r.pick(RANKS_OF_OWNERS)} ${r.pick(LAST_NAMES)}, ${r.pick(TEAMS)}, ext ${r.int(2000, 7999)}`;
    }
    return entry;
  });
}

interface DeploymentOptions {
  seed?: number;
  now?: Date;
  watchlistSize?: number;
  overrides?: Partial<Deployment>;
}

const PLACES = [
  { name: 'Market Street and Corn Exchange, Northgate', zone: 'Northgate town centre' },
  { name: 'Station Approach, Eastbridge', zone: 'Eastbridge transport hub' },
  { name: 'High Street pedestrian area, Millford', zone: 'Millford retail core' },
  { name: 'Riverside Walk and Quay Square, Lowmoor', zone: 'Lowmoor night-time economy' },
];
const PURPOSES = [
  'Locate people wanted for serious violent offences and high-risk missing people believed to be in the area, in response to a rise in knife crime around the evening economy.',
  'Locate people wanted on warrant and people in breach of court-imposed exclusion zones during a period of increased footfall.',
  'Safeguard high-risk missing people and locate suspects for robbery offences linked to the transport hub.',
];
const AUTHORISERS = ['Helen Ashworth', 'David Okonkwo', 'Sarah Pennington', 'Rajesh Varma', 'Gwen Llewellyn'];
const REVIEWERS = [
  'Insp. Tom Barraclough',
  'Insp. Aisha Rahman',
  'Insp. Neil Fothergill',
  'Insp. Clare Doyle',
];

export function makeDeployment(opts: DeploymentOptions = {}): Deployment {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? new Date();
  const r = new Random(hashSeed('deployment', seed));
  const place = r.pick(PLACES);
  const startsAt = new Date(now.getTime() - 1 * HOUR);
  const endsAt = new Date(now.getTime() + 8 * HOUR);
  const authorisedAt = new Date(startsAt.getTime() - r.int(2, 6) * DAY - r.int(0, 8) * HOUR);
  const reviewedAt = new Date(startsAt.getTime() - r.int(1, 3) * DAY + r.int(0, 6) * HOUR);
  const year = startsAt.getFullYear();
  const day = `${year}${pad(startsAt.getMonth() + 1)}${pad(startsAt.getDate())}`;
  const cameraCount = r.int(3, 4);
  const cameraSpots = [
    'north approach',
    'south approach',
    'junction with Bridge Street',
    'outside the station forecourt',
    'by the bus interchange',
  ];
  const spots = r.sample(cameraSpots, cameraCount);
  const deployment: Deployment = {
    v: PROTOCOL_VERSION,
    deploymentId: `TRN-${day}-${hashSeed(seed, day).toString(16).slice(0, 4)}`,
    title: `Live facial recognition: ${place.zone} (training)`,
    purpose: r.pick(PURPOSES),
    intelligenceRef: `INT/${year}/${pad(r.int(1000, 99999), 5)}`,
    location: { name: place.name, zone: place.zone },
    authorisedBy: { id: `SUPT-${r.int(1000, 9999)}`, name: r.pick(AUTHORISERS), rank: 'Superintendent' },
    authorisedAt: isoWithOffset(authorisedAt),
    startsAt: isoWithOffset(startsAt),
    endsAt: isoWithOffset(endsAt),
    threshold: 0.64,
    algorithm: { name: 'FaceMatch', version: '4.2.1' },
    watchlist: {
      version: `WL-${day}-v${r.int(1, 4)}`,
      size: opts.watchlistSize ?? 40,
      reviewedAt: isoWithOffset(reviewedAt),
      reviewedBy: r.pick(REVIEWERS),
    },
    notice: {
      given: true,
      channels: [
        'signage at every entrance to the zone',
        'force website',
        'social media',
        'officers handing out leaflets',
      ],
    },
    dpiaRef: `DPIA-LFR-${year}-${pad(r.int(1, 12))}`,
    retentionDays: 31,
    // lfr-feed-v1: a practice deployment, whichever station takes it (npm run simulator too).
    training: true,
    cameras: spots.map((spot, i) => ({
      id: `CAM-${pad(i + 1)}`,
      label: `${place.name.split(',')[0]}, ${spot}`,
      zone: place.zone,
    })),
  };
  return { ...deployment, ...opts.overrides };
}

export interface ScenarioContext {
  deployment: Deployment;
  watchlist: WatchlistEntry[];
  random: Random;
  images: ImagePool;
  /** The last seq handed out; makeAlert takes the next one. */
  lastSeq: number;
  now: () => Date;
}

export function createScenario(opts: {
  seed?: number;
  deployment?: Deployment;
  watchlistSize?: number;
  images?: ImagePool;
  now?: () => Date;
}): ScenarioContext {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? (() => new Date());
  const deployment =
    opts.deployment ?? makeDeployment({ seed, now: now(), watchlistSize: opts.watchlistSize });
  return {
    deployment,
    watchlist: makeWatchlist(seed, opts.watchlistSize ?? deployment.watchlist.size, now()),
    random: new Random(hashSeed('alerts', seed)),
    images: opts.images ?? new ImagePool(),
    lastSeq: 0,
    now,
  };
}

export type AlertOverrides = Partial<Omit<Alert, 'subject' | 'scene'>> & {
  subject?: Partial<Alert['subject']>;
  /** Which watchlist entry matched (default: a random one). */
  entryId?: string;
  /** false: no scene image; 'cached': only a scene that is already rendered. */
  scene?: Alert['scene'] | false | 'cached';
  /** Reuse recent probe images of the subject when there are some (bursts). */
  reuseImages?: boolean;
};

/** Scores cluster just above the threshold, as real ones do, with some strong matches. */
function pickScore(r: Random, threshold: number): number {
  const roll = r.float();
  const score =
    roll < 0.7
      ? threshold + r.range(0.002, 0.07)
      : roll < 0.95
        ? r.range(Math.max(threshold + 0.1, 0.8), 0.985)
        : threshold + r.range(0, 0.002);
  return Math.round(Math.min(0.995, score) * 10000) / 10000;
}

export function makeAlert(ctx: ScenarioContext, overrides: AlertOverrides = {}): Alert {
  const r = ctx.random;
  const entry =
    (overrides.entryId ? ctx.watchlist.find((e) => e.entryId === overrides.entryId) : undefined) ??
    r.pick(ctx.watchlist);
  const camera = r.pick(ctx.deployment.cameras);
  const captureSeed = r.int(1, 2 ** 30);
  const threshold = overrides.threshold ?? ctx.deployment.threshold;
  const reference = ctx.images.reference(entry);
  const probe = ctx.images.probe(entry, captureSeed, overrides.reuseImages);
  const {
    entryId: _entryId,
    subject: subjectOverrides,
    scene: sceneOverride,
    reuseImages: _reuse,
    ...rest
  } = overrides;

  let scene: Alert['scene'];
  if (sceneOverride === undefined || sceneOverride === 'cached') {
    const rendered = ctx.images.scene(entry, camera.id, sceneOverride === 'cached');
    if (rendered)
      scene = {
        mime: rendered.mime,
        data: rendered.data,
        width: rendered.width,
        height: rendered.height,
        box: rendered.box,
      };
  } else if (sceneOverride !== false) {
    scene = sceneOverride;
  }

  const subject: Alert['subject'] = {
    entryId: entry.entryId,
    category: entry.category,
    tier: entry.tier,
    reason: entry.reason,
    warnings: [...entry.warnings],
    image: {
      mime: reference.mime,
      data: reference.data,
      width: reference.width,
      height: reference.height,
      takenAt: entry.takenAt,
      source: entry.source,
    },
  };
  if (entry.name !== undefined) subject.name = entry.name;
  if (entry.ownerContact !== undefined) subject.ownerContact = entry.ownerContact;

  const seq = rest.seq ?? ctx.lastSeq + 1;
  ctx.lastSeq = Math.max(ctx.lastSeq, seq);
  const alert: Alert = {
    v: PROTOCOL_VERSION,
    alertId: randomUUID(),
    seq,
    deploymentId: ctx.deployment.deploymentId,
    capturedAt: isoWithOffset(ctx.now()),
    camera: { id: camera.id, label: camera.label },
    score: pickScore(r, threshold),
    threshold,
    probe: { mime: probe.mime, data: probe.data, width: probe.width, height: probe.height },
    subject: { ...subject, ...subjectOverrides },
    ...rest,
  };
  if (scene) alert.scene = scene;
  return alert;
}
