/**
 * Sending alerts and withdrawals to a station and reading its acknowledgement: the
 * record of each alert's answer, the promises that wait for an alert's first answer,
 * and the renumbering that lets a restarted training feed continue a deployment.
 */
import type { Socket } from 'socket.io';
import { PROTOCOL_VERSION, alertWithdrawnSchema, type StationAck } from '../../shared/feed/schemas';
import { parseStationAck, type AlertRecord, type FeedServerEvents } from './feed-setup';
import type { ScenarioContext } from './scenario';

export class AlertDelivery {
  private readonly waiters = new Map<string, Array<(record: AlertRecord) => void>>();

  constructor(
    private readonly o: {
      ackTimeoutMs: number;
      log: (line: string) => void;
      acked: (...args: FeedServerEvents['ack']) => void;
    },
  ) {}

  /** Resolves on the alert's first answer from any station (or when the feed closes). */
  answerOf(record: AlertRecord): Promise<AlertRecord> {
    return new Promise((resolve) => {
      const list = this.waiters.get(record.payload.alertId) ?? [];
      list.push(resolve);
      this.waiters.set(record.payload.alertId, list);
    });
  }

  /** Closing: every waiter is answered with the record as it stands. */
  settleAll(alerts: ReadonlyMap<string, AlertRecord>): void {
    for (const [alertId, waiting] of this.waiters) {
      const record = alerts.get(alertId);
      if (record) for (const resolve of waiting) resolve(record);
    }
    this.waiters.clear();
  }

  async deliver(socket: Socket, record: AlertRecord): Promise<void> {
    record.deliveries += 1;
    const started = performance.now();
    let answer: unknown;
    try {
      answer = await socket.timeout(this.o.ackTimeoutMs).emitWithAck('alert', record.payload);
    } catch {
      if (socket.connected)
        this.o.log(`alert seq ${record.payload.seq}: no answer within ${this.o.ackTimeoutMs} ms`);
      return;
    }
    const ack = parseStationAck(answer);
    if (!ack) {
      this.o.log(`alert seq ${record.payload.seq}: unreadable acknowledgement ${JSON.stringify(answer)}`);
      return;
    }
    record.ackLatenciesMs.push(performance.now() - started);
    record.ack = ack.status;
    if (ack.status === 'rejected') record.reason = ack.reason;
    else delete record.reason;
    this.o.log(
      `alert seq ${record.payload.seq} ${record.payload.alertId}: ${ack.status}${ack.status === 'rejected' ? ` (${ack.reason})` : ''}`,
    );
    this.o.acked(record, ack);
    const waiting = this.waiters.get(record.payload.alertId);
    if (waiting) {
      this.waiters.delete(record.payload.alertId);
      for (const resolve of waiting) resolve(record);
    }
  }

  async deliverWithdrawal(socket: Socket, record: AlertRecord): Promise<StationAck | null> {
    const withdrawn = record.withdrawn;
    if (!withdrawn) return null;
    const message = alertWithdrawnSchema.parse({
      v: PROTOCOL_VERSION,
      alertId: record.payload.alertId,
      reason: withdrawn.reason,
    });
    try {
      const ack = parseStationAck(
        await socket.timeout(this.o.ackTimeoutMs).emitWithAck('alert-withdrawn', message),
      );
      if (ack) {
        withdrawn.ack = ack.status;
        this.o.log(`alert-withdrawn ${record.payload.alertId}: ${ack.status}`);
      }
      return ack;
    } catch {
      return null;
    }
  }
}

/**
 * A station restarted on the same data folder meets a training feed that started
 * afresh: the same deployment (it is named by the day) but numbering from 1 again, so
 * every alert would be refused ("seq already belongs to ..."). The feed continues the
 * deployment instead: its numbering goes on after the last seq the station holds, and
 * alerts not yet sent to anyone are renumbered. An alert already sent keeps its seq
 * (the station may hold it, and a changed copy would be a conflicting re-delivery).
 */
export function continueAfter(
  alerts: Iterable<AlertRecord>,
  scenario: ScenarioContext,
  afterSeq: number,
  log: (line: string) => void,
): void {
  const clashing = [...alerts]
    .filter((r) => r.deliveries === 0 && r.payload.seq <= afterSeq)
    .sort((a, b) => a.payload.seq - b.payload.seq);
  if (afterSeq <= scenario.lastSeq && clashing.length === 0) return;
  scenario.lastSeq = Math.max(scenario.lastSeq, afterSeq);
  for (const record of clashing) record.payload = { ...record.payload, seq: ++scenario.lastSeq };
  log(
    `continuing deployment ${scenario.deployment.deploymentId} after seq ${afterSeq} (the station already holds up to it)` +
      (clashing.length ? `; ${clashing.length} unsent alert(s) renumbered` : ''),
  );
}
