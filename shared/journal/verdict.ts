/**
 * The one rule that turns what a verifier found into a verdict (journal-v1 "Verifying"):
 * verified, unsealed, untrusted key or tampered. The command-line verifier, replay and
 * bundle import all call decideVerdict, so a journal gets the same verdict everywhere.
 * Pure: the checks themselves (chain, signatures, images, trust file) happen in
 * electron/core/journal; this file only weighs their results.
 */

export type VerdictKind = 'verified' | 'unsealed' | 'untrusted-key' | 'tampered';

/**
 * How the key that signed the journal was judged:
 * - trust-list: the station id and key are on the trust list the verifier was given;
 * - journal-own-key: no trust list was given, so the key in journal-opened was used
 *   (anyone who rewrites a whole journal can put their own key there);
 * - not-trusted: a trust list was given and this station id and key are not on it.
 */
export type KeyTrust = 'trust-list' | 'journal-own-key' | 'not-trusted';

export interface SigningKey {
  stationId: string;
  /** base64url of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** What a person compares: see keyFingerprint in electron/core/journal/trust.ts. */
  fingerprint: string;
  trust: KeyTrust;
  /** The trust list's label for the key, when it has one. */
  label: string | null;
}

/**
 * The last signed entry: the one the last checkpoint signs (a checkpoint signs the entry
 * before it, not itself, so its own time is not evidence). Null when nothing is signed.
 */
export interface LastSigned {
  seq: number;
  /** Its `at`, as written (null when a verifier could not say). */
  at: string | null;
}

export type Verdict =
  | { kind: 'verified'; key: SigningKey; lastSigned: LastSigned }
  | {
      kind: 'unsealed';
      /** The first entry no checkpoint signs. */
      firstUnsignedSeq: number;
      /** How many entries, from firstUnsignedSeq to the end, no checkpoint signs. */
      unsignedEntries: number;
      key: SigningKey | null;
      lastSigned: LastSigned | null;
    }
  | { kind: 'untrusted-key'; key: SigningKey; lastSigned: LastSigned }
  | { kind: 'tampered'; seq: number; reason: string };

/** What decideVerdict needs from a verification (VerifyReport has all of it). */
interface SealFacts {
  /** The first check that failed (chain, signature or image), or null. */
  failure: { seq: number; reason: string } | null;
  lastSeq: number;
  /** Checkpoint data of the last checkpoint entry: `seq` is the entry it signs (the one before it). */
  lastCheckpoint: { seq: number } | null;
  /** `at` of the entry the last checkpoint signs. */
  lastSignedAt?: string | null;
}

/**
 * The verdict. Tampered wins over everything; a key that is not trusted wins over
 * unsealed once anything is signed (a journal signed by an unknown key is not evidence
 * of this station at all); a journal is verified only when its last entry is a
 * checkpoint. With nothing signed at all, no key vouches for anything: unsealed.
 */
export function decideVerdict(facts: SealFacts, key: SigningKey | null): Verdict {
  if (facts.failure) return { kind: 'tampered', seq: facts.failure.seq, reason: facts.failure.reason };
  if (!key) return { kind: 'tampered', seq: 1, reason: 'journal-opened names no station key' };
  const lastSigned: LastSigned | null = facts.lastCheckpoint
    ? { seq: facts.lastCheckpoint.seq, at: facts.lastSignedAt ?? null }
    : null;
  // The checkpoint entry sits right after the entry it signs; nothing after it may follow.
  const sealedThrough = lastSigned ? lastSigned.seq + 1 : 0;
  if (key.trust === 'not-trusted' && lastSigned) return { kind: 'untrusted-key', key, lastSigned };
  if (!lastSigned || sealedThrough < facts.lastSeq) {
    return {
      kind: 'unsealed',
      firstUnsignedSeq: sealedThrough + 1,
      unsignedEntries: facts.lastSeq - sealedThrough,
      key,
      lastSigned,
    };
  }
  return { kind: 'verified', key, lastSigned };
}

/** Exit codes of a command-line verifier (journal-v1): 0 verified, 1 tampered or untrusted key, 3 unsealed. */
export const VERDICT_EXIT_CODE: Record<VerdictKind, number> = {
  verified: 0,
  tampered: 1,
  'untrusted-key': 1,
  unsealed: 3,
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How the key is named in a sentence: whose key it is and its fingerprint. */
function keyPhrase(key: SigningKey): string {
  switch (key.trust) {
    case 'trust-list':
      return `a trusted key${key.label ? ` (${key.label})` : ''}, fingerprint ${key.fingerprint}`;
    case 'journal-own-key':
      return `the journal's own key (no trust file given), fingerprint ${key.fingerprint}`;
    case 'not-trusted':
      return `key ${key.fingerprint} for station ${key.stationId}, which is not on the trust list`;
  }
}

/** "the last signed entry is seq 64 (2026-03-22T10:15:00.123Z)". */
function lastSignedPhrase(lastSigned: LastSigned): string {
  return `the last signed entry is seq ${lastSigned.seq}${lastSigned.at ? ` (${lastSigned.at})` : ''}`;
}

/**
 * The verdict in one sentence that starts with its name, the same words on a command
 * line, in replay and in a report: e.g. "unsealed: 3 entries after seq 62 are not signed
 * (from seq 63 on); ...".
 */
export function verdictSentence(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'verified':
      return `verified: signed by ${keyPhrase(verdict.key)}; ${lastSignedPhrase(verdict.lastSigned)}, which the final checkpoint signs`;
    case 'tampered':
      return `tampered at seq ${verdict.seq}: ${verdict.reason}`;
    case 'untrusted-key':
      return `untrusted key: signed by ${keyPhrase(verdict.key)}; ${lastSignedPhrase(verdict.lastSigned)}`;
    case 'unsealed': {
      const after = verdict.firstUnsignedSeq - 1;
      const what =
        after === 0
          ? `no checkpoint signs any of its ${plural(verdict.unsignedEntries, 'entry', 'entries')}`
          : `${plural(verdict.unsignedEntries, 'entry', 'entries')} after seq ${after} ${verdict.unsignedEntries === 1 ? 'is' : 'are'} not signed (from seq ${verdict.firstUnsignedSeq} on)`;
      const key = verdict.key
        ? after === 0
          ? `; journal-opened names ${keyPhrase(verdict.key)}`
          : `; the rest is signed by ${keyPhrase(verdict.key)}`
        : '';
      const signed = verdict.lastSigned ? `; ${lastSignedPhrase(verdict.lastSigned)}` : '';
      return `unsealed: ${what}: anyone could have written them, and entries after them could have been cut off${key}${signed}`;
    }
  }
}
