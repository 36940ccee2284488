/**
 * Alarms only a supervisor clears (issue 23 item 5): a rolled-back journal, a tampered or
 * foreign journal, an archive conflict. Each is journalled where it can be (the caller
 * writes the entry), and kept here too, in a small file the station writes itself, so
 * that neither a restart, nor a sign-in, nor a journal put back from an older copy (which
 * would lose the alarm's own entry) makes it go away. An alarm stands until a supervisor
 * resolves it with a note; the resolution is kept (with who and why) so the same cause,
 * reported again, raises no new alarm.
 *
 * The file lives with the station key (a folder the caller chooses; today
 * <data>/station/alarms.json). 0600; replaced whole and fsync'd on every change.
 */
import { readFile } from 'node:fs/promises';
import type { Actor } from '../../../shared/journal/entries';
import { writeFileDurable } from './fsync';

import type { AlarmKind } from '../../../shared/view';

export type { AlarmKind };

export interface Alarm {
  kind: AlarmKind;
  /** The deployment it is about, or null (an archive conflict may concern none in particular). */
  deploymentId: string | null;
  /** What identifies the cause: the same kind, deployment and cause is one alarm (e.g. "seq:hash"). */
  cause: string;
  /** What the screen and the log say (English, as journalled). */
  detail: string;
  /** What the words name (deployment, paths, seqs), for the screen's translation (shared/safeguard-messages.ts). */
  values?: Record<string, string>;
  raisedAt: string;
  resolved: null | { by: Actor; note: string; at: string };
  /** On the record in a journal already (absent: not yet; it is journalled when one takes entries). */
  journalled?: boolean;
}

/** What raising an alarm names (the store adds when, and keeps who resolved it). */
export type RaisedAlarm = Pick<Alarm, 'kind' | 'deploymentId' | 'cause' | 'detail' | 'values'>;

interface AlarmFile {
  version: 1;
  alarms: Alarm[];
}

const same = (
  a: Pick<Alarm, 'kind' | 'deploymentId' | 'cause'>,
  b: Pick<Alarm, 'kind' | 'deploymentId' | 'cause'>,
) => a.kind === b.kind && a.deploymentId === b.deploymentId && a.cause === b.cause;

function isAlarm(value: unknown): value is Alarm {
  const a = value as Alarm;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.kind === 'string' &&
    (a.deploymentId === null || typeof a.deploymentId === 'string') &&
    typeof a.cause === 'string' &&
    typeof a.detail === 'string' &&
    typeof a.raisedAt === 'string' &&
    (a.resolved === null || (typeof a.resolved === 'object' && typeof a.resolved.note === 'string')) &&
    (a.values === undefined ||
      (typeof a.values === 'object' &&
        a.values !== null &&
        Object.values(a.values).every((v) => typeof v === 'string')))
  );
}

export class AlarmStore {
  private constructor(
    readonly file: string,
    private alarms: Alarm[],
    private readonly now: () => number,
  ) {}

  /**
   * Reads the file (none yet: no alarms). A file that does not read is itself an alarm:
   * someone changed it, and whatever it held must not be taken as "nothing stands".
   */
  static async load(file: string, now: () => number = Date.now): Promise<AlarmStore> {
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === null) return new AlarmStore(file, [], now);
    try {
      const parsed = JSON.parse(text) as AlarmFile;
      if (parsed.version !== 1 || !Array.isArray(parsed.alarms) || !parsed.alarms.every(isAlarm))
        throw new Error('not an alarm file');
      return new AlarmStore(file, parsed.alarms, now);
    } catch (error) {
      const unreadable: Alarm = {
        kind: 'journal-tampered',
        deploymentId: null,
        cause: 'alarm-file-unreadable',
        detail: `the station's alarm file ${file} does not read (${(error as Error).message}); alarms it held may be lost`,
        raisedAt: new Date(now()).toISOString(),
        resolved: null,
      };
      return new AlarmStore(file, [unreadable], now);
    }
  }

  /** Alarms no supervisor has resolved yet, oldest first. */
  standing(filter: { kind?: AlarmKind; deploymentId?: string } = {}): Alarm[] {
    return this.alarms.filter(
      (a) =>
        a.resolved === null &&
        (filter.kind === undefined || a.kind === filter.kind) &&
        (filter.deploymentId === undefined || a.deploymentId === filter.deploymentId),
    );
  }

  /** Whether a supervisor already resolved this cause (then it is not raised again). */
  wasResolved(key: Pick<Alarm, 'kind' | 'deploymentId' | 'cause'>): boolean {
    return this.alarms.some((a) => same(a, key) && a.resolved !== null);
  }

  /**
   * Raises an alarm and keeps it (durably) before returning. Raising one that stands, or
   * one a supervisor resolved, changes nothing and returns null.
   */
  async raise(alarm: RaisedAlarm): Promise<Alarm | null> {
    if (this.alarms.some((a) => same(a, alarm))) return null;
    const raised: Alarm = { ...alarm, raisedAt: new Date(this.now()).toISOString(), resolved: null };
    await this.save([...this.alarms, raised]);
    return raised;
  }

  /** A supervisor resolves every standing alarm of this kind and deployment, with their note. */
  async resolve(
    key: { kind: AlarmKind; deploymentId: string | null },
    by: Actor,
    note: string,
  ): Promise<Alarm[]> {
    const at = new Date(this.now()).toISOString();
    const resolved: Alarm[] = [];
    const next = this.alarms.map((a) => {
      if (a.resolved !== null || a.kind !== key.kind || a.deploymentId !== key.deploymentId) return a;
      const done = { ...a, resolved: { by: { id: by.id, name: by.name }, note, at } };
      resolved.push(done);
      return done;
    });
    if (resolved.length > 0) await this.save(next);
    return resolved;
  }

  /** This alarm is now on the record in a journal (standing-alarms.ts journals each once). */
  async markJournalled(key: Pick<Alarm, 'kind' | 'deploymentId' | 'cause'>): Promise<void> {
    if (!this.alarms.some((a) => same(a, key) && !a.journalled)) return;
    await this.save(this.alarms.map((a) => (same(a, key) ? { ...a, journalled: true } : a)));
  }

  private async save(next: Alarm[]): Promise<void> {
    const body: AlarmFile = { version: 1, alarms: next };
    await writeFileDurable(this.file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    this.alarms = next;
  }
}
