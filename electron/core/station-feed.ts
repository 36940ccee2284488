/**
 * The station's feed, as start-up wires it (station-core.ts): where it is (the given URL,
 * or the built-in training feed started on a fresh token), and the feed client joined to
 * the station, its outbox, claims and room. The core never imports the simulator: the
 * entry points hand it the training feed's starter.
 */
import { randomBytes } from 'node:crypto';
import { FeedClient } from './feed/feed-client';
import { attachClaimEvents } from './feed/feed-claims';
import type { Signer } from './journal/signing';
import type { Outbox } from './outbox';
import type { Station } from './station';
import { StationClaims } from './station/claims';
import { RoomWatch } from './station/room';

/** What the core asks of a training feed: start on a free loopback port with this token, and stop. */
export type TrainingFeedStarter = (
  request: { token: string; rate?: number; drills: readonly string[] },
  log: (line: string) => void,
) => Promise<{ url: string; close(): Promise<void> }>;

/** Where the station connects, with what token; the training feed it started, if it is the feed. */
export interface FeedTarget {
  url: string;
  token: string;
  trainingServer: Awaited<ReturnType<TrainingFeedStarter>> | null;
}

/** The given feed, or (no URL given) the built-in training feed, started now on a fresh token. */
export async function feedTarget(
  opts: {
    feedUrl: string | null;
    token: string | null;
    trainingFeed?: TrainingFeedStarter;
    drills?: readonly string[];
    rate?: number | null;
  },
  log: (line: string) => void,
): Promise<FeedTarget> {
  if (opts.feedUrl !== null) return { url: opts.feedUrl, token: opts.token ?? '', trainingServer: null };
  if (!opts.trainingFeed) throw new Error('no feed URL given and no training feed available');
  const token = randomBytes(18).toString('base64url');
  const trainingServer = await opts.trainingFeed(
    {
      token,
      ...(opts.rate !== null && opts.rate !== undefined ? { rate: opts.rate } : {}),
      drills: opts.drills ?? [],
    },
    (line) => log(`training feed: ${line}`),
  );
  return { url: trainingServer.url, token, trainingServer };
}

/**
 * The feed client joined to the station: alerts in, acknowledgements out (the outbox),
 * claims and the room on a shared deployment, reconnection after a storage fault or a
 * lost image. Connects before returning.
 */
export function connectFeed(
  station: Station,
  outbox: Outbox,
  target: FeedTarget,
  who: { signer: Signer; appVersion: string; training: boolean },
  log: (line: string) => void,
): { feed: FeedClient; claims: StationClaims } {
  const { signer } = who;
  const feed = new FeedClient({
    url: target.url,
    displayUrl: who.training ? 'training feed (built in)' : new URL(target.url).origin,
    auth: () => ({
      token: target.token,
      stationId: signer.stationId,
      stationKey: signer.publicKey,
      clientVersion: who.appVersion,
      resume: station.resume(),
    }),
    handlers: {
      deployment: (p) => station.handleDeployment(p),
      alert: (p) => station.handleAlert(p),
      alertWithdrawn: (p) => station.handleWithdrawn(p),
      tally: (p) => station.handleTally(p),
    },
    log,
  });
  // lfr-feed-v1 claims: acts only on a deployment whose feed lists "claims".
  const claims = new StationClaims(station, feed);
  station.attachClaims(claims);
  station.attachRoom(new RoomWatch(station, claims));
  attachClaimEvents(feed, claims.handlers());
  feed.on('connected', () => void claims.announceSeat());
  feed.on('status', (status) => station.setFeedStatus(status));
  feed.on('connected', () => outbox.flush());
  feed.on(
    'oversize',
    (info) =>
      void station.handleOversize(info).catch((e: unknown) => log(`oversize not journalled: ${String(e)}`)),
  );
  // load() queued whatever the journal says is unanswered; it goes once the feed connects.
  outbox.attach(feed);
  station.startTicking();
  // Writing works again after a storage failure: reconnect, so the feed re-delivers what was not acknowledged.
  station.reliability.onRecovered = (missed) =>
    feed.reconnect(
      `writing works again: catching up on ${missed} alert${missed === 1 ? '' : 's'} that arrived while it failed`,
    );
  // An image found gone on screen: reconnect, so the feed sends its alert (and the files) again.
  station.reliability.onRefetch = (note) => feed.reconnect(note);
  feed.connect();
  return { feed, claims };
}
