/**
 * A supervisor enrols a station key on this station's trust list (bridge request
 * `enrolStationKey`): a pasted trust line, or the key an imported bundle's journal was
 * opened with, with a label. The enrolment is journalled (`trust-enrolled`) by the
 * supervisor; one that cannot be journalled is undone, so the list never holds a key
 * the record does not explain.
 */
import type { ResponseMap, StationServices } from '../../../shared/contract';
import type { Actor, EntryData } from '../../../shared/journal/entries';
import { keyFingerprint, parseTrustLine, TrustFileError, type TrustEntry } from '../journal/trust';

type Request = Parameters<StationServices['enrolStationKey']>[0];
type Enrolled = EntryData['trust-enrolled'];

interface EnrolDeps {
  supervisor: () => Actor | null;
  enrolKey?: (entry: TrustEntry) => Promise<{ entry: TrustEntry; added: boolean }>;
  unenrolKey?: (publicKey: string) => Promise<unknown>;
  /** The station id and key of an imported bundle's journal (null: no such import, or none readable). */
  importedKey: (key: string) => Promise<{ stationId: string; publicKey: string } | null>;
  /** Journals the enrolment: beside the import for a bundle's key, else in the access journal. */
  record: (actor: Actor, data: Enrolled) => Promise<void>;
  log: (line: string) => void;
}

export async function enrolStationKey(deps: EnrolDeps, p: Request): Promise<ResponseMap['enrolStationKey']> {
  const actor = deps.supervisor();
  if (!actor) return { ok: false, error: 'only a signed-in supervisor can enrol a station key' };
  if (!deps.enrolKey) return { ok: false, error: 'this station keeps no trust list' };
  if ((p.line === undefined) === (p.key === undefined))
    return { ok: false, error: 'give either a trust line or an imported bundle, not both' };
  let wanted: TrustEntry | null;
  if (p.line !== undefined) {
    try {
      wanted = parseTrustLine(p.line, 'the pasted line');
    } catch (error) {
      if (error instanceof TrustFileError) return { ok: false, error: error.message };
      throw error;
    }
    if (!wanted) return { ok: false, error: 'the pasted line holds no key' };
  } else {
    const identity = await deps.importedKey(p.key!);
    if (!identity) return { ok: false, error: `no imported bundle ${p.key} with a readable station key` };
    wanted = { ...identity, label: null };
  }
  let enrolled: { entry: TrustEntry; added: boolean };
  try {
    enrolled = await deps.enrolKey({ ...wanted, label: p.label?.trim() || wanted.label });
  } catch (error) {
    return { ok: false, error: `the key was not enrolled: ${(error as Error).message}` };
  }
  const { entry, added } = enrolled;
  const data = {
    stationId: entry.stationId,
    publicKey: entry.publicKey,
    fingerprint: keyFingerprint(entry.publicKey),
    label: entry.label,
    source: p.key !== undefined ? ('bundle' as const) : ('pasted' as const),
    ...(p.key !== undefined ? { key: p.key } : {}),
  };
  try {
    await deps.record(actor, data);
  } catch (error) {
    if (added) await deps.unenrolKey?.(entry.publicKey);
    return {
      ok: false,
      error: `the key was not enrolled: it could not be journalled (${(error as Error).message})`,
    };
  }
  deps.log(`trust: ${actor.id} enrolled ${data.fingerprint} for station ${entry.stationId}`);
  return { ok: true, ...data, added };
}
