/**
 * The station: every deployment's journal, the alert queue, decisions and outcomes.
 * It is the one place that changes state, and it changes it only by journalling
 * first: the in-memory view is always what folding the journal would give.
 */
import { EventEmitter } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ReplayProgress, requestSchemas, ResponseMap, StationServices } from '../../shared/contract';
import { contextProblems, draftProblems } from '../../shared/decision-rules';
import { DEFAULT_RETENTION_DAYS, isSafeDeploymentId } from '../../shared/feed/limits';
import {
  alertWithdrawnSchema,
  deploymentSchema,
  describeZodError,
  PROTOCOL_VERSION,
  type Alert,
  type Deployment,
  type StationAck,
} from '../../shared/feed/schemas';
import type { Actor, JournalEntry } from '../../shared/journal/entries';
import { applyEntry, foldEntries, type FoldedDeployment } from '../../shared/journal/fold';
import { compareQueue } from '../../shared/queue-order';
import { insideWindow, safeguardWarnings } from '../../shared/safeguards';
import type { AlertView, FeedStatus, Operator, StationSettings, StationSnapshot } from '../../shared/view';
import type { Signer } from './identity';
import { checkAlert, summarise } from './intake';
import { ImageStore } from './journal/images';
import { Journal, JournalTamperedError } from './journal/journal';
import type { Outbox, OutboxItem } from './outbox';
import { purgeAfterMs, purgeDeployment, RETENTION_INTERVAL_MS, type RetentionResult } from './retention';
import { DEFAULT_SETTINGS, saveSettings } from './settings';

export interface StationOptions {
  /** Folder holding deployments/<id>/journal.jsonl (training feeds get their own). */
  root: string;
  signer: Signer;
  appVersion: string;
  training: boolean;
  mode: 'electron' | 'browser';
  settings?: StationSettings;
  settingsFile?: string;
  now?: () => number;
  log?: (line: string) => void;
}

interface Slot {
  journal: Journal;
  images: ImageStore;
  state: FoldedDeployment;
}

type Req<N extends keyof typeof requestSchemas> = z.output<(typeof requestSchemas)[N]>;

type SupervisorRequest =
  'listDeployments' | 'openReplay' | 'supervisorReview' | 'exportReplay' | 'importBundle';

const RECENT_DECIDED = 100;
const WELFARE_SNOOZE_MS = 15 * 60_000;

export class Station extends EventEmitter<{
  state: [StationSnapshot];
  clock: [{ now: string }];
  replayProgress: [ReplayProgress];
}> {
  private readonly slots = new Map<string, Slot>();
  private readonly inFlight = new Map<string, Promise<StationAck>>();
  private readonly tampered = new Map<string, string>();
  private activeId: string | null = null;
  private deploymentReady: Promise<void> = Promise.resolve();
  private operator: Operator | null = null;
  private welfareSnoozedUntil = 0;
  private welfarePrompted = false;
  private closing = false;
  private settings: StationSettings;
  private feedStatus: FeedStatus = {
    state: 'offline',
    url: '',
    message: 'Not connected',
    lastAlertAt: null,
    nextRetryAt: null,
  };
  private outbox: Outbox | null = null;
  private supervisorServices: Pick<StationServices, SupervisorRequest> | null = null;
  private pushScheduled = false;
  private ticker: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: StationOptions) {
    super();
    this.settings = options.settings ?? { ...DEFAULT_SETTINGS };
    this.now = options.now ?? Date.now;
  }

  // ---------------------------------------------------------------- start-up

  /** Open every deployment journal under the root and rebuild state from it alone. */
  async load(): Promise<void> {
    const dir = join(this.options.root, 'deployments');
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (!isSafeDeploymentId(name)) continue;
      const file = join(dir, name, 'journal.jsonl');
      if (!(await stat(file).catch(() => null))) continue;
      try {
        await this.openSlot(name);
      } catch (error) {
        if (error instanceof JournalTamperedError) {
          this.tampered.set(name, error.message);
          this.log(`journal ${name}: ${error.message}`);
        } else throw error;
      }
    }
    let latest: string | null = null;
    for (const [id, slot] of this.slots) {
      const at = slot.state.deploymentChangedAt;
      if (at && (!latest || at > (this.slots.get(latest)?.state.deploymentChangedAt ?? ''))) latest = id;
    }
    this.activeId = latest;
    // Nobody is signed in after a restart; say so where the journal thinks someone was.
    for (const slot of this.slots.values()) {
      if (slot.state.operator)
        await this.append(slot, 'operator-signed-out', slot.state.operator, { reason: 'station-restarted' });
      for (const item of this.pendingOutboxItems(slot)) this.outbox?.enqueue(item);
    }
  }

  attachOutbox(outbox: Outbox): void {
    this.outbox = outbox;
  }

  startTicking(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => {
      this.emit('clock', { now: new Date(this.now()).toISOString() });
      void this.tick().catch((e: unknown) => this.log(`tick failed: ${String(e)}`));
    }, 1000);
    this.ticker.unref();
  }

  private async openSlot(deploymentId: string): Promise<Slot> {
    const existing = this.slots.get(deploymentId);
    if (existing) return existing;
    const dir = join(this.options.root, 'deployments', deploymentId);
    const opened = await Journal.open({
      file: join(dir, 'journal.jsonl'),
      deploymentId,
      signer: this.options.signer,
      appVersion: this.options.appVersion,
      training: this.options.training,
      // One clock for the station: entry times agree with the dwell and window checks.
      now: () => new Date(this.now()),
      onCheckpoint: (cp) =>
        this.outbox?.enqueue({
          kind: 'checkpoint',
          key: `${cp.deploymentId}#${cp.seq}`,
          payload: { v: PROTOCOL_VERSION, ...cp },
          queuedAt: new Date(this.now()).toISOString(),
        }),
    });
    const state = foldEntries(deploymentId, opened.entries);
    const slot: Slot = { journal: opened.journal, images: new ImageStore(join(dir, 'images')), state };
    this.slots.set(deploymentId, slot);
    if (opened.recovered)
      this.log(`journal ${deploymentId}: recovered a torn last line (${opened.recovered.bytes} bytes)`);
    return slot;
  }

  private pendingOutboxItems(slot: Slot): OutboxItem[] {
    const items: OutboxItem[] = [];
    const queuedAt = new Date(this.now()).toISOString();
    for (const alert of slot.state.alerts.values()) {
      for (const d of alert.decisions)
        if (!d.recorded && !slot.state.answered.has(`decision:${alert.alertId}#${d.revision}`))
          items.push({
            kind: 'decision',
            key: `${alert.alertId}#${d.revision}`,
            payload: this.decisionMessage(slot, alert, d.revision),
            queuedAt,
          });
      for (const o of alert.outcomes)
        if (!o.recorded && !slot.state.answered.has(`outcome:${alert.alertId}#${o.revision}`))
          items.push({
            kind: 'outcome',
            key: `${alert.alertId}#${o.revision}`,
            payload: this.outcomeMessage(slot, alert, o.revision),
            queuedAt,
          });
    }
    const cp = slot.state.lastCheckpoint;
    if (cp)
      items.push({
        kind: 'checkpoint',
        key: `${slot.state.deploymentId}#${cp.seq}`,
        payload: {
          v: PROTOCOL_VERSION,
          stationId: this.options.signer.stationId,
          deploymentId: slot.state.deploymentId,
          ...cp,
        },
        queuedAt,
      });
    return items;
  }

  // ---------------------------------------------------------------- the feed

  setFeedStatus(status: FeedStatus): void {
    this.feedStatus = status;
    this.schedulePush();
  }

  /** What to ask the server to re-deliver after a reconnection. */
  resume(): { deploymentId: string; afterSeq: number } | null {
    const slot = this.activeId ? this.slots.get(this.activeId) : undefined;
    return slot ? { deploymentId: slot.state.deploymentId, afterSeq: slot.state.maxAlertSeq } : null;
  }

  /**
   * Deployment messages are applied one at a time, and alerts wait for the one in
   * progress: the server sends `deployment` first, but its journal opens asynchronously.
   */
  handleDeployment(payload: unknown): Promise<void> {
    const next = this.deploymentReady.then(() => this.applyDeployment(payload));
    this.deploymentReady = next.catch(() => undefined);
    return next;
  }

  private async applyDeployment(payload: unknown): Promise<void> {
    const parsed = deploymentSchema.safeParse(payload);
    if (!parsed.success) {
      this.log(`deployment refused: ${describeZodError(parsed.error)}`);
      const slot = this.activeSlot();
      if (slot)
        await this.append(slot, 'alert-rejected', null, {
          kind: 'deployment',
          reason: describeZodError(parsed.error),
        });
      return;
    }
    const deployment = parsed.data;
    if (this.tampered.has(deployment.deploymentId)) {
      this.log(`deployment ${deployment.deploymentId}: journal tampered; not appending`);
      return;
    }
    const slot = await this.openSlot(deployment.deploymentId);
    const changed =
      JSON.stringify(slot.state.deployment && { ...slot.state.deployment }) !==
      JSON.stringify({ ...deployment, retentionDays: deployment.retentionDays ?? DEFAULT_RETENTION_DAYS });
    this.activeId = deployment.deploymentId;
    if (changed) await this.append(slot, 'deployment', null, deployment);
    if (this.operator && slot.state.operator?.id !== this.operator.id)
      await this.append(slot, 'operator-signed-in', this.actor(), {
        role: this.operator.role,
        continued: true,
      });
    await this.recordSafeguards(slot);
    this.schedulePush();
  }

  handleAlert(payload: unknown): Promise<StationAck> {
    // Closing: no answer, so the server keeps the alert and redelivers it to the next start.
    if (this.closing) return new Promise(() => undefined);
    const summary = summarise(payload);
    const key = summary.alertId ?? '';
    // A redelivery racing the first delivery waits for it rather than storing twice.
    const running = key ? this.inFlight.get(key) : undefined;
    if (running) return running;
    const work = this.intake(payload).finally(() => {
      if (key) this.inFlight.delete(key);
    });
    if (key) this.inFlight.set(key, work);
    return work;
  }

  private async intake(payload: unknown): Promise<StationAck> {
    await this.deploymentReady;
    const checked = checkAlert(payload);
    if (!checked.ok) return this.reject(checked.summary, checked.reason, 'invalid');
    const alert = checked.alert;
    if (this.tampered.has(alert.deploymentId))
      return {
        status: 'rejected',
        reason: 'this deployment’s journal failed verification; the station will not append to it',
      };
    const slot = this.slots.get(alert.deploymentId);
    if (!slot || !slot.state.deployment) {
      return this.reject(
        summarise(payload),
        `unknown deployment "${alert.deploymentId}"`,
        'unknown-deployment',
      );
    }
    const known = slot.state.alerts.get(alert.alertId);
    if (known) return { status: 'stored' };
    const refused = slot.state.rejectedAlerts.get(alert.alertId);
    if (refused) return { status: 'rejected', reason: refused };
    const seqOwner = slot.state.seqs.get(alert.seq);
    if (seqOwner && seqOwner !== alert.alertId)
      return this.reject(
        summarise(payload),
        `seq ${alert.seq} already belongs to alert ${seqOwner}`,
        'invalid',
      );
    // The rule is on capture time, not arrival: an alert captured inside the window but
    // delivered late (after an outage) is still one the authorisation covered.
    if (!insideWindow(slot.state.deployment, alert.capturedAt))
      return this.reject(summarise(payload), 'outside the authorised window', 'outside-window');
    const [probe, subjectImage, scene] = await Promise.all([
      slot.images.put(alert.probe.data),
      slot.images.put(alert.subject.image.data),
      alert.scene ? slot.images.put(alert.scene.data) : Promise.resolve(null),
    ]);
    const stored = (img: Alert['probe'], put: { sha256: string; bytes: number }) => ({
      sha256: put.sha256,
      mime: img.mime,
      width: img.width,
      height: img.height,
      bytes: put.bytes,
    });
    const { probe: _p, scene: _s, subject, ...rest } = alert;
    const data = {
      ...rest,
      probe: stored(alert.probe, probe),
      ...(alert.scene && scene
        ? { scene: { ...stored(alert.scene, scene), ...(alert.scene.box ? { box: alert.scene.box } : {}) } }
        : {}),
      subject: {
        ...subject,
        image: {
          ...stored(alert.subject.image, subjectImage),
          ...(subject.image.takenAt ? { takenAt: subject.image.takenAt } : {}),
          ...(subject.image.source ? { source: subject.image.source } : {}),
        },
      },
    };
    await this.append(slot, 'alert-received', null, data);
    this.schedulePush();
    return { status: 'stored' };
  }

  private async reject(
    summary: ReturnType<typeof summarise>,
    reason: string,
    code: 'invalid' | 'unknown-deployment' | 'outside-window',
  ): Promise<StationAck> {
    // Recorded in the deployment it names if we know it, else the active one.
    const named = summary.deploymentId ? this.slots.get(summary.deploymentId) : undefined;
    const slot = named ?? this.activeSlot();
    if (slot) await this.append(slot, 'alert-rejected', null, { ...summary, code, reason });
    else this.log(`alert rejected before any deployment was known: ${reason}`);
    this.schedulePush();
    return { status: 'rejected', reason };
  }

  async handleWithdrawn(payload: unknown): Promise<StationAck> {
    await this.deploymentReady;
    const parsed = alertWithdrawnSchema.safeParse(payload);
    if (!parsed.success) return { status: 'rejected', reason: describeZodError(parsed.error) };
    const { alertId, reason } = parsed.data;
    const slot = this.slotOfAlert(alertId);
    if (!slot) return { status: 'rejected', reason: `unknown alert ${alertId}` };
    const alert = slot.state.alerts.get(alertId)!;
    if (alert.status !== 'withdrawn') await this.append(slot, 'alert-withdrawn', null, { alertId, reason });
    this.schedulePush();
    return { status: 'stored' };
  }

  /** The server answered an outbox item: journal it (rejections too: resending will not help). */
  async recordAnswer(
    item: OutboxItem,
    answer: { status: 'recorded' } | { status: 'rejected'; reason: string },
  ): Promise<void> {
    if (item.kind === 'checkpoint') return;
    const [alertId, revision] = item.key.split('#') as [string, string];
    const slot = this.slotOfAlert(alertId);
    if (!slot) return;
    const type = item.kind === 'decision' ? 'decision-recorded' : 'outcome-recorded';
    await this.append(slot, type, null, {
      alertId,
      revision: Number(revision),
      status: answer.status,
      ...(answer.status === 'rejected' ? { reason: answer.reason } : {}),
    });
    if (answer.status === 'rejected') this.log(`server rejected ${item.kind} ${item.key}: ${answer.reason}`);
    this.schedulePush();
  }

  // ---------------------------------------------------------------- services for the bridge

  readonly services: StationServices = {
    getSnapshot: () => Promise.resolve(this.snapshot()),
    signIn: (p) => this.signIn(p),
    signOut: (p) => this.signOut(p),
    alertShown: (p) => this.alertShown(p),
    recordDecision: (p) => this.recordDecision(p),
    recordOutcome: (p) => this.recordOutcome(p),
    welfare: (p) => this.welfare(p),
    updateSettings: (p) => this.updateSettings(p),
    listDeployments: (p) => this.asSupervisor('listDeployments', p),
    openReplay: (p) => this.asSupervisor('openReplay', p),
    supervisorReview: (p) => this.asSupervisor('supervisorReview', p),
    exportReplay: (p) => this.asSupervisor('exportReplay', p),
    importBundle: (p) => this.asSupervisor('importBundle', p),
    setLegalHold: (p) => this.setLegalHold(p),
  };

  /** Replay, review, exports and bundles are for a signed-in supervisor only. */
  private async asSupervisor<N extends SupervisorRequest>(name: N, p: Req<N>): Promise<ResponseMap[N]> {
    if (this.operator?.role !== 'supervisor')
      return { ok: false, error: 'only a signed-in supervisor can do that' };
    if (!this.supervisorServices) return { ok: false, error: 'replay is not available on this station' };
    return this.supervisorServices[name](p);
  }

  /** Replay services live in electron/core/replay; the core wires them in. */
  attachSupervisorServices(services: Pick<StationServices, SupervisorRequest>): void {
    this.supervisorServices = services;
  }

  /** Replay services append replay-opened and supervisor-review through this; throws when it cannot. */
  async appendTo(
    deploymentId: string,
    type: string,
    actor: Actor | null,
    data: Record<string, unknown>,
  ): Promise<JournalEntry> {
    const tampered = this.tampered.get(deploymentId);
    if (tampered) throw new Error(tampered);
    const slot = this.slots.get(deploymentId);
    if (!slot) throw new Error(`no open journal for deployment ${deploymentId}`);
    const entry = await this.append(slot, type, actor, data);
    this.schedulePush();
    return entry;
  }

  /** The operator signed in now (replay journals who opened it). */
  currentOperator(): Operator | null {
    return this.operator;
  }

  /**
   * A legal hold stops the retention purge of one deployment until it is released.
   * Placing and releasing are a supervisor's, each with a reason, journalled in that
   * deployment's journal. It waits behind a retention run in progress, so a run never
   * deletes after a hold it did not see.
   */
  private setLegalHold(p: Req<'setLegalHold'>): Promise<ResponseMap['setLegalHold']> {
    return this.serialised(async () => {
      if (this.operator?.role !== 'supervisor')
        return { ok: false, error: 'only a signed-in supervisor can place or release a legal hold' };
      if (this.tampered.has(p.deploymentId))
        return { ok: false, error: 'this deployment’s journal failed verification; nothing can be added' };
      const slot = this.slots.get(p.deploymentId);
      if (!slot) return { ok: false, error: `unknown deployment "${p.deploymentId}"` };
      const held = slot.state.legalHold;
      if (p.active && held)
        return { ok: false, error: `already on legal hold since ${held.at} (${held.reason})` };
      if (!p.active && !held) return { ok: false, error: 'this deployment is not on legal hold' };
      await this.append(slot, 'legal-hold', this.actor(), { active: p.active, reason: p.reason });
      this.schedulePush();
      return { ok: true };
    });
  }

  private async signIn(p: Req<'signIn'>): Promise<ResponseMap['signIn']> {
    if (this.operator)
      return { ok: false, error: `${this.operator.name} is signed in; sign out or hand over first` };
    const at = new Date(this.now()).toISOString();
    this.operator = { id: p.id, name: p.name, role: p.role, signedInAt: at, reviewSince: at };
    this.welfarePrompted = false;
    this.welfareSnoozedUntil = 0;
    for (const slot of this.openSlots())
      await this.append(slot, 'operator-signed-in', this.actor(), { role: p.role });
    this.schedulePush();
    return { ok: true };
  }

  private async signOut(p: Req<'signOut'>): Promise<ResponseMap['signOut']> {
    if (!this.operator) return { ok: false, error: 'nobody is signed in' };
    const actor = this.actor();
    this.operator = null;
    for (const slot of this.openSlots())
      await this.append(slot, 'operator-signed-out', actor, {
        reason: p.handover ? 'handover' : 'sign-out',
        pendingAlerts: this.undecidedCount(),
      });
    this.schedulePush();
    return { ok: true };
  }

  private async alertShown(p: Req<'alertShown'>): Promise<ResponseMap['alertShown']> {
    if (!this.operator) return { ok: false, error: 'sign in first' };
    const slot = this.slotOfAlert(p.alertId);
    if (!slot) return { ok: false, error: 'unknown alert' };
    const alert = slot.state.alerts.get(p.alertId)!;
    const entry = await this.append(slot, 'alert-shown', this.actor(), {
      alertId: alert.alertId,
      probeSha256: alert.probe.sha256,
      subjectSha256: alert.subject.image.sha256,
      status: alert.status,
    });
    this.schedulePush();
    return { ok: true, shownAt: alert.shownAt ?? entry.at };
  }

  private async recordDecision(p: Req<'recordDecision'>): Promise<ResponseMap['recordDecision']> {
    if (!this.operator) return { ok: false, error: 'sign in first' };
    const slot = this.slotOfAlert(p.alertId);
    if (!slot) return { ok: false, error: 'unknown alert' };
    const alert = slot.state.alerts.get(p.alertId)!;
    if (alert.status === 'withdrawn')
      return { ok: false, error: 'this alert was withdrawn and needs no decision' };
    const problems = [
      ...contextProblems({
        shownAt: alert.shownAt ? Date.parse(alert.shownAt) : null,
        now: this.now(),
        dwellMs: this.settings.dwellMs,
      }),
      ...draftProblems({ decision: p.decision, reasons: p.reasons, rationale: p.rationale }),
    ];
    if (problems.length) return { ok: false, error: problems.map((x) => x.message).join(' ') };
    const needsSecond = p.decision === 'engage' && this.settings.twoPersonTiers.includes(alert.subject.tier);
    if (needsSecond && !p.confirmation)
      return {
        ok: false,
        error: `an engage decision on a ${alert.subject.tier} alert needs a second officer to confirm`,
      };
    if (p.confirmation && p.confirmation.id === this.operator.id)
      return { ok: false, error: 'the confirming officer must be a different officer' };
    const revision = alert.decisions.length + 1;
    const data = {
      alertId: alert.alertId,
      deploymentId: slot.state.deploymentId,
      revision,
      decision: p.decision,
      reasons: p.reasons,
      rationale: p.rationale.trim(),
      operator: this.actor(),
      confirmedBy: p.confirmation ?? null,
      shownAt: alert.shownAt!,
      decidedAt: new Date(this.now()).toISOString(),
      evidence: {
        probeSha256: alert.probe.sha256,
        subjectSha256: alert.subject.image.sha256,
        score: alert.score,
        threshold: alert.threshold,
      },
    };
    const entry = await this.append(slot, 'decision', this.actor(), data);
    this.outbox?.enqueue({
      kind: 'decision',
      key: `${alert.alertId}#${revision}`,
      payload: this.decisionMessage(slot, alert, revision),
      queuedAt: entry.at,
    });
    this.schedulePush();
    return { ok: true, revision, seq: entry.seq, hash: entry.hash };
  }

  private async recordOutcome(p: Req<'recordOutcome'>): Promise<ResponseMap['recordOutcome']> {
    if (!this.operator) return { ok: false, error: 'sign in first' };
    const slot = this.slotOfAlert(p.alertId);
    if (!slot) return { ok: false, error: 'unknown alert' };
    const alert = slot.state.alerts.get(p.alertId)!;
    const latest = alert.decisions.at(-1);
    if (latest?.decision !== 'engage') return { ok: false, error: 'an outcome follows an engage decision' };
    const revision = alert.outcomes.length + 1;
    const data = {
      alertId: alert.alertId,
      deploymentId: slot.state.deploymentId,
      revision,
      result: p.result,
      ...(p.action ? { action: p.action } : {}),
      ...(p.engagementOfficer ? { engagementOfficer: p.engagementOfficer } : {}),
      ...(p.stopMinutes !== undefined ? { stopMinutes: p.stopMinutes } : {}),
      ...(p.leafletGiven !== undefined ? { leafletGiven: p.leafletGiven } : {}),
      notes: p.notes,
      recordedBy: this.actor(),
      recordedAt: new Date(this.now()).toISOString(),
    };
    const entry = await this.append(slot, 'outcome', this.actor(), data);
    this.outbox?.enqueue({
      kind: 'outcome',
      key: `${alert.alertId}#${revision}`,
      payload: this.outcomeMessage(slot, alert, revision),
      queuedAt: entry.at,
    });
    this.schedulePush();
    return { ok: true, revision, seq: entry.seq };
  }

  private async welfare(p: Req<'welfare'>): Promise<ResponseMap['welfare']> {
    if (!this.operator) return { ok: false, error: 'sign in first' };
    const now = this.now();
    if (p.action === 'break-taken')
      this.operator = { ...this.operator, reviewSince: new Date(now).toISOString() };
    else this.welfareSnoozedUntil = now + WELFARE_SNOOZE_MS;
    this.welfarePrompted = false;
    for (const slot of this.openSlots())
      await this.append(slot, 'welfare-prompt', this.actor(), { response: p.action });
    this.schedulePush();
    return { ok: true };
  }

  /**
   * Any signed-in officer may turn the alert sound on or off; everything else (dwell,
   * escalation, break time, the two-person check) shapes how decisions are made and is
   * a supervisor's to change.
   */
  private async updateSettings(p: Req<'updateSettings'>): Promise<ResponseMap['updateSettings']> {
    if (!this.operator) return { ok: false, error: 'sign in first' };
    const changes = Object.keys(p).filter((k) => p[k as keyof typeof p] !== undefined);
    if (this.operator.role !== 'supervisor' && changes.some((k) => k !== 'sound'))
      return {
        ok: false,
        error: 'only a signed-in supervisor can change that setting; officers may change sound only',
      };
    const next = {
      ...this.settings,
      ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)),
    };
    this.settings = next;
    if (this.options.settingsFile) await saveSettings(this.options.settingsFile, next);
    for (const slot of this.openSlots()) await this.append(slot, 'settings-changed', this.actor(), { ...p });
    this.schedulePush();
    return { ok: true };
  }

  // ---------------------------------------------------------------- the view

  undecidedCount(): number {
    let n = 0;
    for (const slot of this.slots.values())
      for (const a of slot.state.alerts.values()) if (a.status === 'pending') n++;
    return n;
  }

  snapshot(): StationSnapshot {
    const pending: AlertView[] = [];
    const done: AlertView[] = [];
    for (const slot of this.slots.values())
      for (const a of slot.state.alerts.values()) (a.status === 'pending' ? pending : done).push(a);
    pending.sort((a, b) => compareQueue({ ...a, tier: a.subject.tier }, { ...b, tier: b.subject.tier }));
    done.sort((a, b) =>
      (b.decisions.at(-1)?.decidedAt ?? b.receivedAt).localeCompare(
        a.decisions.at(-1)?.decidedAt ?? a.receivedAt,
      ),
    );
    const active = this.activeSlot();
    const now = this.now();
    const fatal = [...this.tampered.values()][0] ?? null;
    return {
      station: {
        stationId: this.options.signer.stationId,
        appVersion: this.options.appVersion,
        training: this.options.training,
        mode: this.options.mode,
      },
      feed: this.feedStatus,
      deployment: active?.state.deployment ?? null,
      deploymentChangedAt: active?.state.deploymentChangedAt ?? null,
      safeguards: active?.state.deployment
        ? safeguardWarnings(active.state.deployment, now, this.options.training)
        : [],
      operator: this.operator,
      breakDue: this.breakDue(now),
      alerts: [...pending, ...done.slice(0, RECENT_DECIDED)],
      counts: {
        undecided: pending.length,
        rejected: active?.state.rejected ?? 0,
        outsideWindow: active?.state.outsideWindow ?? 0,
        withdrawn: done.filter((a) => a.status === 'withdrawn').length,
      },
      outbox: { pending: this.outbox?.size ?? 0, oldestAt: this.outbox?.oldestAt ?? null },
      settings: this.settings,
      retention: active?.state.deployment
        ? {
            deploymentId: active.state.deploymentId,
            endsAt: active.state.deployment.endsAt,
            purgeAfter: new Date(purgeAfterMs(active.state.deployment)).toISOString(),
            legalHold: active.state.legalHold,
            purgedImages: active.state.purged.size,
          }
        : null,
      fatal: fatal
        ? `${fatal}. Alerts for that deployment are refused; the journal is kept for investigation.`
        : null,
    };
  }

  /** Coalesce bursts of changes into one push per event-loop turn. */
  schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      this.emit('state', this.snapshot());
    });
  }

  // ---------------------------------------------------------------- time-driven safeguards

  private breakDue(now: number): boolean {
    if (!this.operator || now < this.welfareSnoozedUntil) return false;
    return now - Date.parse(this.operator.reviewSince) >= this.settings.breakAfterMs;
  }

  private async tick(): Promise<void> {
    const now = this.now();
    let changed = false;
    for (const slot of this.slots.values()) {
      for (const alert of slot.state.alerts.values()) {
        if (
          alert.status === 'pending' &&
          !alert.escalated &&
          now - Date.parse(alert.receivedAt) >= this.settings.escalateAfterMs
        ) {
          await this.append(slot, 'alert-escalated', null, {
            alertId: alert.alertId,
            undecidedForMs: now - Date.parse(alert.receivedAt),
          });
          changed = true;
        }
      }
    }
    if (this.breakDue(now) && !this.welfarePrompted) {
      this.welfarePrompted = true;
      for (const slot of this.openSlots())
        await this.append(slot, 'welfare-prompt', this.actor(), {
          reviewingForMs: now - Date.parse(this.operator!.reviewSince),
        });
      changed = true;
    }
    const active = this.activeSlot();
    if (active && (await this.recordSafeguards(active))) changed = true;
    if (changed) this.schedulePush();
  }

  /** Journal each safeguard warning once per deployment, when it first applies. */
  private async recordSafeguards(slot: Slot): Promise<boolean> {
    const deployment = slot.state.deployment;
    if (!deployment) return false;
    let any = false;
    for (const w of safeguardWarnings(deployment, this.now(), this.options.training)) {
      if (slot.state.safeguardsRaised.has(w.code)) continue;
      await this.append(slot, 'safeguard-warning', null, {
        code: w.code,
        severity: w.severity,
        title: w.title,
        detail: w.detail,
      });
      any = true;
    }
    return any;
  }

  // ---------------------------------------------------------------- retention

  /**
   * Purge every deployment whose retention has run out and that is not on legal hold
   * (see retention.ts for the order of deletes and entries). Journals refused as
   * tampered at start were never opened, so they are never purged; one found altered
   * now is refused too, and reported on screen.
   */
  runRetention(): Promise<RetentionResult[]> {
    return this.serialised(async () => {
      const results: RetentionResult[] = [];
      for (const slot of [...this.slots.values()]) {
        if (this.closing) break;
        const id = slot.state.deploymentId;
        if (this.tampered.has(id)) continue;
        try {
          const result = await purgeDeployment(
            {
              state: slot.state,
              images: slot.images,
              journal: slot.journal,
              append: (type, data) => this.append(slot, type, null, data),
            },
            this.now(),
          );
          results.push(result);
          if (result.status === 'purged')
            this.log(
              `retention: deployment ${id}: deleted ${result.images.length + result.unreferenced.length} image file(s)`,
            );
          if (result.status === 'refused') {
            this.tampered.set(id, `journal ${id} changed on disk (${result.reason}); retention refused`);
            this.log(`retention: deployment ${id}: refused, ${result.reason}`);
          }
        } catch (error) {
          this.log(`retention: deployment ${id}: ${String(error)}`);
        }
      }
      this.schedulePush();
      return results;
    });
  }

  /** Hourly retention runs; the first one is the caller's (at start, after load). */
  startRetention(intervalMs = RETENTION_INTERVAL_MS): void {
    if (this.retentionTimer) return;
    this.retentionTimer = setInterval(() => {
      void this.runRetention().catch((e: unknown) => this.log(`retention failed: ${String(e)}`));
    }, intervalMs);
    this.retentionTimer.unref();
  }

  /**
   * Run after deployment changes and intake already under way, and before any that
   * start later: retention and legal holds must not interleave with a deployment
   * update or with an image being stored.
   */
  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const inFlight = [...this.inFlight.values()];
    const run = this.deploymentReady.then(async () => {
      await Promise.allSettled(inFlight);
      return work();
    });
    this.deploymentReady = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  // ---------------------------------------------------------------- plumbing

  async close(): Promise<void> {
    this.closing = true;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionTimer = null;
    // Intake already under way finishes (and is acknowledged) before the journals close.
    await Promise.allSettled([...this.inFlight.values()]);
    // A retention run in progress stops between deployments once closing; let it journal what it deleted.
    await this.deploymentReady;
    for (const slot of this.slots.values()) {
      if (this.operator)
        await this.append(slot, 'operator-signed-out', this.actor(), { reason: 'station-quit' }).catch(
          () => undefined,
        );
      await slot.journal
        .close('station-quit')
        .catch((e: unknown) => this.log(`closing journal: ${String(e)}`));
    }
    this.slots.clear();
  }

  private async append(
    slot: Slot,
    type: string,
    actor: Actor | null,
    data: Record<string, unknown>,
  ): Promise<JournalEntry> {
    const entry = await slot.journal.append(type, actor, data);
    applyEntry(slot.state, entry);
    return entry;
  }

  private decisionMessage(slot: Slot, alert: AlertView, revision: number): Record<string, unknown> {
    const d = alert.decisions.find((x) => x.revision === revision)!;
    return {
      v: PROTOCOL_VERSION,
      alertId: alert.alertId,
      deploymentId: slot.state.deploymentId,
      revision,
      decision: d.decision,
      reasons: d.reasons,
      rationale: d.rationale,
      operator: d.operator,
      shownAt: d.shownAt,
      decidedAt: d.decidedAt,
      evidence: {
        probeSha256: alert.probe.sha256,
        subjectSha256: alert.subject.image.sha256,
        score: alert.score,
        threshold: alert.threshold,
      },
      journal: d.journal,
    };
  }

  private outcomeMessage(slot: Slot, alert: AlertView, revision: number): Record<string, unknown> {
    const o = alert.outcomes.find((x) => x.revision === revision)!;
    return {
      v: PROTOCOL_VERSION,
      alertId: alert.alertId,
      deploymentId: slot.state.deploymentId,
      revision,
      result: o.result,
      ...(o.action ? { action: o.action } : {}),
      ...(o.engagementOfficer ? { engagementOfficer: o.engagementOfficer } : {}),
      ...(o.stopMinutes !== null ? { stopMinutes: o.stopMinutes } : {}),
      ...(o.leafletGiven !== null ? { leafletGiven: o.leafletGiven } : {}),
      notes: o.notes,
      recordedBy: o.recordedBy,
      recordedAt: o.recordedAt,
    };
  }

  private actor(): Actor {
    return { id: this.operator!.id, name: this.operator!.name };
  }

  private activeSlot(): Slot | undefined {
    return this.activeId ? this.slots.get(this.activeId) : undefined;
  }

  private openSlots(): Slot[] {
    const active = this.activeSlot();
    return active ? [active] : [];
  }

  private slotOfAlert(alertId: string): Slot | undefined {
    for (const slot of this.slots.values()) if (slot.state.alerts.has(alertId)) return slot;
    return undefined;
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

export type { Deployment };
