/**
 * Trust files (journal-v1 "Trust"): the station keys a verifier accepts, one station a
 * line, `<stationId> <publicKey base64url> [label]`. Our rules for the rest:
 *   - blank lines and lines whose first non-blank character is `#` are ignored;
 *   - fields are separated by spaces or tabs; the label is the rest of the line, trimmed;
 *   - a station id is 1-128 printable characters without spaces; a key is 43 base64url
 *     characters that decode to an Ed25519 public key; a label is at most 200 characters;
 *   - any other line makes the whole file unusable (a verifier must not quietly accept
 *     fewer keys, or other keys, than the person who wrote the file meant).
 * The station's own trust list (electron/core/trust-list.ts) is kept in the same format.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { KeyTrust, SigningKey } from '../../../shared/journal/verdict';
import { reviewedCast } from '../../../shared/reviewed-cast';

export interface TrustEntry {
  stationId: string;
  publicKey: string;
  label: string | null;
}

export class TrustFileError extends Error {
  override readonly name = 'TrustFileError';
}

const STATION_ID_RE = /^[\x21-\x7e]{1,128}$/;
const PUBLIC_KEY_RE = /^[A-Za-z0-9_-]{43}$/;
const MAX_LABEL = 200;
const MAX_FILE_BYTES = 1 << 20;

/**
 * SHA-256 of the raw 32 key bytes, the first 16 bytes in hex in groups of four
 * (e.g. "3f2a:91c0:…"): short enough to read out on a phone call, long enough that
 * nobody can make a second key with the same fingerprint.
 */
export function keyFingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(':');
}

/** Why a base64url text is not an Ed25519 public key, or null when it is one. */
export function publicKeyProblem(publicKey: string): string | null {
  if (!PUBLIC_KEY_RE.test(publicKey)) return 'a key is 43 base64url characters (the raw 32-byte Ed25519 key)';
  try {
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  } catch {
    return 'the key is not an Ed25519 public key';
  }
  return null;
}

export function stationIdProblem(stationId: string): string | null {
  return STATION_ID_RE.test(stationId) ? null : 'a station id is 1-128 printable characters without spaces';
}

export function labelProblem(label: string): string | null {
  if (label.length > MAX_LABEL) return `a label is at most ${MAX_LABEL} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(label)) return 'a label has no control characters';
  return null;
}

/** One trust-file line, or null for a blank or comment line. Throws TrustFileError. */
export function parseTrustLine(line: string, where = 'trust line'): TrustEntry | null {
  const text = line.replace(/\r$/, '').trim();
  if (text === '' || text.startsWith('#')) return null;
  const match = /^(\S+)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(text);
  if (!match) throw new TrustFileError(`${where}: expected "<stationId> <publicKey> [label]"`);
  const [, stationId, publicKey, rawLabel] = reviewedCast<[string, string, string, string | undefined]>(
    match,
    'the pattern has two required groups and one optional',
  );
  const label = rawLabel?.trim() || null;
  const problem =
    stationIdProblem(stationId) ?? publicKeyProblem(publicKey) ?? (label ? labelProblem(label) : null);
  if (problem) throw new TrustFileError(`${where}: ${problem}`);
  return { stationId, publicKey, label };
}

export function parseTrustFile(text: string, name = 'trust file'): TrustEntry[] {
  const entries: TrustEntry[] = [];
  text.split('\n').forEach((line, i) => {
    const entry = parseTrustLine(line, `${name} line ${i + 1}`);
    if (entry) entries.push(entry);
  });
  return entries;
}

export async function readTrustFile(path: string): Promise<TrustEntry[]> {
  const info = await stat(path);
  if (!info.isFile()) throw new TrustFileError(`${path} is not a file`);
  if (info.size > MAX_FILE_BYTES)
    throw new TrustFileError(`${path} is larger than a trust file can be (1 MiB)`);
  const bytes = await readFile(path);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  return parseTrustFile(text, path);
}

export function formatTrustLine(entry: TrustEntry): string {
  return `${entry.stationId} ${entry.publicKey}${entry.label ? ` ${entry.label}` : ''}`;
}

/**
 * How a verifier judges the key of a journal: with no trust list, the journal's own key
 * (said so); with one, trusted only if that exact station id and key are on it.
 */
export function judgeKey(
  opened: { stationId: string | null; publicKey: string | null },
  trustList: readonly TrustEntry[] | null,
): SigningKey | null {
  if (!opened.stationId || !opened.publicKey) return null;
  const { stationId, publicKey } = opened;
  const match = trustList?.find((t) => t.publicKey === publicKey && t.stationId === stationId);
  const trust: KeyTrust = !trustList ? 'journal-own-key' : match ? 'trust-list' : 'not-trusted';
  return { stationId, publicKey, fingerprint: keyFingerprint(publicKey), trust, label: match?.label ?? null };
}
