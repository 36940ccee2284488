/**
 * What every part of the station shares: the open deployments, who is signed in, the
 * settings, and the one way to change anything (append to a journal, then fold). The
 * Station class owns this; each job file (intake, officer, supervisor, timers, ...) is
 * handed it as one of the narrow ports below (Writer, SlotLookup, SignedIn, ...), so the
 * compiler says what each job may touch (tests/unit/narrow-ports.test.ts holds them to it).
 */
import type { ResponseMap, Result, StationServices } from '../../../shared/contract';
import type { Actor, EntryData, EntryOf, EntryType, SetAsideRecord } from '../../../shared/journal/entries';
import type { FoldedDeployment } from '../../../shared/journal/folded';
import type { StationSettings } from '../../../shared/vocabulary';
import type { StationAlert, KeyProtection, ArchiveStatusView, RoomView } from '../../../shared/view';
import type { Signer } from '../journal/signing';
import type { SupervisorRequest } from '../replay/supervisor-requests';
import type { StoredContents } from '../feed/alert-content';
import type { ImageStore } from '../journal/images';
import type { Journal } from '../journal/journal';
import type { Outbox } from '../outbox';
import type { ClaimAnswer } from '../../../shared/feed/claims';
import type { AlarmStore } from '../journal/alarms';
import type { CheckpointLedger } from '../journal/checkpoint-ledger';
import type { Reliability } from './reliability';
import type { FacesAhead } from './faces-ahead';
import type { Session } from './session';

/** The image pane's second window (Electron): open it, and tell it which alert the main window shows. */
export interface ImageWindowPort {
  open(alertId: string | null): Promise<Result>;
  follow(alertId: string | null): void;
}

export interface StationOptions {
  /** Opens the image window and passes the open alert on; absent: the request says it cannot. */
  imageWindow?: ImageWindowPort;
  /** Folder holding deployments/<id>/journal.jsonl (training feeds get their own). */
  root: string;
  signer: Signer;
  appVersion: string;
  training: boolean;
  mode: 'electron' | 'browser';
  settings?: StationSettings;
  settingsFile?: string;
  now?: () => number;
  /** The monotonic clock durations are measured on (tests step the wall clock, not this). */
  mono?: () => number;
  /** What protects the station key at rest, shown in the deployment details. */
  keyProtection?: KeyProtection;
  log?: (line: string) => void;
  /** Alarms only a supervisor clears, kept beside the key (journal/alarms.ts); absent: this run only. */
  alarms?: AlarmStore;
  /** The latest checkpoint of every journal, kept outside the journals (journal/checkpoint-ledger.ts). */
  checkpoints?: CheckpointLedger;
  /** How far the evidence archive is behind (--archive, electron/archive); absent without one. */
  archiveStatus?: () => ArchiveStatusView;
}

/** How a new journal starts: as practice, or after the one before it was set aside (set-aside.ts). */
export interface OpenSlotOptions {
  training?: boolean;
  setAside?: SetAsideRecord;
}

/** One open deployment: its journal, its image store, and the fold of its entries. */
export interface OpenDeployment {
  journal: Journal;
  images: ImageStore;
  state: FoldedDeployment;
  /** Each stored alert's content (alert-content.ts): a re-delivery with other content is a conflict. */
  contents: StoredContents;
  /** Where each live alert's entries are in the journal, and which a write is working on (summaries.ts). */
  places: AlertPlaces;
}

import type { AlertPlaces } from './summaries';
export { Session, LOCAL_CLIENT, type ClientId } from './session';

export type { SupervisorRequest };
export type SupervisorServices = Pick<StationServices, SupervisorRequest>;

export interface StationContext {
  readonly options: StationOptions;
  readonly session: Session;
  /** Every open deployment by id. */
  readonly slots: ReadonlyMap<string, OpenDeployment>;
  /** Deployments whose journal failed verification, with why: nothing is appended to them. */
  readonly tampered: Map<string, string>;
  readonly outbox: Outbox | null;
  /** lfr-feed-v1 claims on a shared deployment (claims.ts); null until the feed is wired. */
  readonly claims?: ClaimsPort | null;
  /** The supervisor's view of the room and the backlog alarm (room.ts); with the claims. */
  readonly room?: RoomPort | null;
  readonly closing: boolean;
  /** Storage health, refusals, clocks: what the officer is warned of (reliability.ts). */
  readonly reliability: Reliability;
  /** An arriving alert's faces, sent to the screens while they are written (faces-ahead.ts). */
  readonly facesAhead: FacesAhead;
  /** Alerts the feed has delivered that are not yet answered (this one included). */
  readonly alertsArriving: number;
  now(): number;
  /** The one way state changes: journal the entry (fsync'd), then fold it (after `opts.foldAfter`, write.ts). */
  append<T extends EntryType>(
    slot: OpenDeployment,
    type: T,
    actor: Actor | null,
    data: EntryData[T],
    opts?: AppendOptions,
  ): Promise<EntryOf<T>>;
  schedulePush(): void;
  log(line: string): void;
  /** The deployment the feed is running now. */
  activeSlot(): OpenDeployment | undefined;
  /** Opens (or creates) a deployment's journal; `training` marks a new journal as practice. */
  openSlot(deploymentId: string, opts?: OpenSlotOptions): Promise<OpenDeployment>;
  setActive(deploymentId: string): void;
  slotOfAlert(alertId: string): OpenDeployment | undefined;
  /** Run after intake and deployment changes already under way (see Station.serialised). */
  serialised<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Work outside the journal that must be durable before an entry may change what anyone
 * sees (an alert's image files, intake.ts): the entry is written beside it, and folded
 * only once that work has settled, so nothing reads the entry's effect before it is done.
 */
export interface AppendOptions {
  foldAfter?: Promise<unknown>;
}

/*
 * Narrow ports (issue 20 item 4): each job takes the few members of the context it uses,
 * named for what they are for, so the compiler says what a job may touch. The Station
 * satisfies every one of them; a job is handed the Station and sees only its port.
 */

/** Writing the log line. */
export type Logger = Pick<StationContext, 'log'>;
/** The wall clock entries are stamped with. */
export type Clock = Pick<StationContext, 'now'>;
/** Changing state: journal an entry (then fold it), stamp, log, and push the change to the screen. */
export type Writer = Logger & Clock & Pick<StationContext, 'append' | 'schedulePush'>;
/** Finding a journal: every open one, the ones refused as tampered, the active one, an alert's. */
export type SlotLookup = Pick<StationContext, 'slots' | 'tampered' | 'activeSlot' | 'slotOfAlert'>;
/** Who is signed in at this station. */
export type SignedIn = Pick<StationContext, 'session'>;
/** Storage health, refusals and clocks the officer is warned of. */
export type Health = Pick<StationContext, 'reliability'>;
/** Faces sent to the screens while they are stored. */
export type Ahead = Pick<StationContext, 'facesAhead' | 'alertsArriving'>;
/** The links to other stations and the server: claims, the room, the outbox. */
export type Links = Pick<StationContext, 'claims' | 'room' | 'outbox'>;
/** Opening journals and choosing the active one (deployment changes only). */
export type SlotOpener = Pick<StationContext, 'openSlot' | 'setActive'>;
/** Work that must not interleave with intake and deployment changes, and whether the station is closing. */
export type Serial = Pick<StationContext, 'serialised' | 'closing'>;
/** All the station options (opening a journal reads most of them: deployments.ts). */
export type Configured = Pick<StationContext, 'options'>;
/** The named station options a job reads (and no others). */
export interface OptionsOf<K extends keyof StationOptions> {
  readonly options: Pick<StationOptions, K>;
}

/** The signed-in person as a journal actor (callers check someone is signed in first). */
export function actorOf(session: Session): Actor {
  const operator = session.operator;
  if (!operator) throw new Error('nobody is signed in');
  return { id: operator.id, name: operator.name };
}

/** Journals session-wide entries (sign-in, welfare, settings) go to: the active deployment's. */
export function sessionSlots(ctx: Pick<SlotLookup, 'activeSlot'>): OpenDeployment[] {
  const active = ctx.activeSlot();
  return active ? [active] : [];
}

/** What the clock, the snapshot and the request table ask of the room (room.ts implements it). */
export interface RoomPort {
  /** Count the backlog and raise or clear the alarm; true when the screen should hear of it. */
  tick(): Promise<boolean>;
  view(): RoomView | null;
  acknowledge(): Promise<ResponseMap['acknowledgeBacklog']>;
}

/**
 * What the jobs ask of the station's claims (claims.ts implements it): declared here so
 * that the context does not import the module that imports the context.
 */
export interface ClaimsPort {
  enabled(slot: OpenDeployment | undefined): boolean;
  /** This station holds the alert's claim now. */
  holds(alertId: string): boolean;
  /** Ask for the alert's claim as it opens (renewed while it stays open). */
  open(slot: OpenDeployment, alert: StationAlert): Promise<ClaimAnswer>;
  /** Why this officer may not decide the alert here (held or settled elsewhere), or null. */
  refusal(slot: OpenDeployment, alert: StationAlert): string | null;
  takeOver(slot: OpenDeployment, alertId: string, reason: string): Promise<ClaimAnswer>;
  escalate(slot: OpenDeployment, alertId: string, note: string): Promise<string | null>;
  releaseAll(reason: string): Promise<void>;
  announceSeat(): Promise<void>;
}
