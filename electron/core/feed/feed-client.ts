/**
 * The station's side of lfr-feed-v1: one Socket.IO connection to the feed server.
 * It authenticates, keeps reconnecting with capped, jittered backoff, stops for good
 * on `unauthorized`, and hands every inbound payload (unvalidated) to the handlers,
 * whose answers become the acknowledgements. Handlers are registered once, on the
 * socket object, which survives reconnections.
 */
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { FEED_NAMESPACE, type HandshakeAuth, type StationAck } from '../../../shared/feed/schemas';
import type { FeedState, FeedStatus } from '../../../shared/view';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { describeOversize, STATION_FRAME_LIMIT, watchOversize, type OversizeSeen } from './oversize';

interface FeedHandlers {
  deployment(payload: unknown): Promise<void>;
  alert(payload: unknown): Promise<StationAck>;
  alertWithdrawn(payload: unknown): Promise<StationAck>;
  /** lfr-feed-v1 `tally` (optional for servers). */
  tally?(payload: unknown): Promise<StationAck>;
}

interface FeedClientOptions {
  url: string;
  /** Called at every (re)connection so `resume` reflects the journal at that moment. */
  auth: () => HandshakeAuth;
  handlers: FeedHandlers;
  displayUrl?: string;
  backoff?: BackoffPolicy;
  log?: (line: string) => void;
  /** The largest WebSocket frame taken (default STATION_FRAME_LIMIT, above the spec's 32 MiB). */
  frameLimit?: number;
}

type Ack = (answer: unknown) => void;

export class FeedClient extends EventEmitter<{
  status: [FeedStatus];
  connected: [];
  disconnected: [];
  /** An oversized message closed the connection (lfr-feed-v1 "Limits"). */
  oversize: [OversizeSeen];
}> {
  private readonly socket: Socket;
  private attempts = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private current: FeedStatus;
  /** Set while intake is blocked by an oversized message: until an alert arrives again, backoff keeps growing. */
  private blockedBy: OversizeSeen | null = null;
  /** Said beside "Connected" for the rest of this connection (a catch-up after a storage fault). */
  private note: string | null = null;

  constructor(private readonly options: FeedClientOptions) {
    super();
    const base = options.url.replace(/\/+$/, '');
    this.current = {
      state: 'offline',
      url: options.displayUrl ?? base,
      message: 'Not connected',
      lastAlertAt: null,
      nextRetryAt: null,
    };
    this.socket = io(base + FEED_NAMESPACE, {
      autoConnect: false,
      // All retries are ours (below), so every path back goes through one backoff.
      reconnection: false,
      transports: ['websocket'],
      auth: (cb: (data: object) => void) => cb(this.options.auth()),
      timeout: 10_000,
      // Passed through to ws: a frame over it closes the connection instead of being buffered.
      ...({ maxPayload: options.frameLimit ?? STATION_FRAME_LIMIT } as object),
    });
    watchOversize(this.socket.io, options.frameLimit ?? STATION_FRAME_LIMIT, (info) => this.onOversize(info));
    this.registerHandlers();
  }

  get status(): FeedStatus {
    return this.current;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  connect(): void {
    this.closed = false;
    this.setStatus(
      'connecting',
      this.note ? `Connecting to the feed; ${this.note}` : 'Connecting to the feed',
    );
    this.socket.connect();
  }

  /**
   * Drop the connection and make a new one: the server re-delivers every alert not yet
   * acknowledged. `note` (why, e.g. how many alerts are being caught up) stays on the feed
   * status until the next alert arrives.
   */
  reconnect(note: string | null = null): void {
    if (this.closed) return;
    this.note = note;
    if (note) this.options.log?.(`feed: ${note}`);
    this.socket.disconnect();
    this.connect();
  }

  /** Emit with acknowledgement; only while connected (nothing waits in Socket.IO's buffer). */
  async request(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (!this.socket.connected) throw new Error('feed not connected');
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<unknown>;
  }

  /** Extra server events (feed-claims.ts): registered on the socket, so they survive reconnections. */
  listen(event: string, handler: (payload: unknown, ack?: unknown) => void): void {
    this.socket.on(event, handler);
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket.disconnect();
    this.setStatus('offline', 'Disconnected');
  }

  private registerHandlers(): void {
    const { handlers } = this.options;
    const answer = (ack: unknown, value: unknown) => {
      if (typeof ack === 'function') (ack as Ack)(value);
    };
    this.socket.on('connect', () => {
      // While an oversized message blocks intake, a connection is not yet a recovery: the
      // feed may send it again at once, so the backoff is not reset until an alert arrives.
      if (!this.blockedBy) this.attempts = 0;
      this.setStatus(
        'connected',
        this.blockedBy
          ? `Connected; ${describeOversize(this.blockedBy)}`
          : this.note
            ? `Connected; ${this.note}`
            : 'Connected',
      );
      this.emit('connected');
    });
    this.socket.on('disconnect', (reason) => {
      // Anything queued while down must not be flushed later: the outbox resends from the journal.
      this.socket.sendBuffer = [];
      this.emit('disconnected');
      if (this.closed || reason === 'io client disconnect') return;
      this.note = null; // a later loss of the connection is news of its own
      this.scheduleRetry(this.blockedBy ? describeOversize(this.blockedBy) : `Connection lost (${reason})`);
    });
    this.socket.on('connect_error', (error: Error) => {
      if (error.message === 'unauthorized') {
        this.socket.disconnect();
        this.setStatus(
          'refused',
          'The feed refused this station’s credentials. Check the token, then restart the station.',
        );
        this.options.log?.('feed: refused credentials (unauthorized); not retrying');
        return;
      }
      this.scheduleRetry(`Cannot reach the feed (${error.message})`);
    });
    this.socket.on('deployment', (payload: unknown) => {
      handlers
        .deployment(payload)
        .catch((e: unknown) => this.options.log?.(`feed: deployment handler failed: ${String(e)}`));
    });
    this.socket.on('alert', (payload: unknown, ack?: unknown) => {
      // An alert arriving ends an oversize block. A catch-up note stays beside "Connected"
      // for this connection: the re-delivered alerts arrive at once, and the officer must
      // still be able to read how many came in while writing failed.
      if (this.blockedBy) {
        this.blockedBy = null;
        this.attempts = 0;
        this.current = { ...this.current, message: this.note ? `Connected; ${this.note}` : 'Connected' };
      }
      this.current = { ...this.current, lastAlertAt: new Date().toISOString() };
      handlers
        .alert(payload)
        .then(
          (result) => answer(ack, result),
          (e: unknown) => {
            // A failure to store (disk, journal) is not "stored": the server will redeliver.
            this.options.log?.(`feed: alert intake failed: ${String(e)}`);
          },
        )
        // Said once the alert is stored (or not), so the screen gets the new time in the
        // same update as the alert itself rather than one update ahead of it.
        .finally(() => this.emit('status', this.current));
    });
    this.socket.on('tally', (payload: unknown, ack?: unknown) => {
      handlers.tally?.(payload).then(
        (result) => answer(ack, result),
        (e: unknown) => this.options.log?.(`feed: tally intake failed: ${String(e)}`),
      );
    });
    this.socket.on('alert-withdrawn', (payload: unknown, ack?: unknown) => {
      handlers.alertWithdrawn(payload).then(
        (result) => answer(ack, result),
        (e: unknown) => this.options.log?.(`feed: withdrawal intake failed: ${String(e)}`),
      );
    });
  }

  private onOversize(info: OversizeSeen): void {
    this.blockedBy = info;
    const said = describeOversize(info);
    this.options.log?.(`feed: ${said}`);
    this.emit('oversize', info);
    // ws has closed the connection; the retry (with backoff) says intake is blocked meanwhile.
    if (this.retryTimer) this.setStatus('reconnecting', said, this.current.nextRetryAt);
    else this.scheduleRetry(said);
  }

  private scheduleRetry(message: string): void {
    if (this.closed || this.retryTimer) return;
    const delay = backoffDelay(this.attempts++, this.options.backoff ?? { baseMs: 500, maxMs: 30_000 });
    this.setStatus('reconnecting', message, new Date(Date.now() + delay).toISOString());
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.setStatus('connecting', 'Connecting to the feed');
      this.socket.connect();
    }, delay);
  }

  private setStatus(state: FeedState, message: string, nextRetryAt: string | null = null): void {
    this.current = { ...this.current, state, message, nextRetryAt };
    this.emit('status', this.current);
  }
}
