/**
 * Ed25519 signing of journal checkpoints, and checking them. Kept with the journal:
 * the journal signs, the chain checker and the verifier check, and none of them needs
 * to know where the station keeps its key (identity.ts).
 */
import { createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { verifyEd25519 } from './ed25519';

export interface Signer {
  stationId: string;
  /** base64url of the raw 32-byte Ed25519 public key (the JWK `x`). */
  publicKey: string;
  /** base64url Ed25519 signature over the UTF-8 bytes of `text`. */
  sign(text: string): string;
}

const PUBLIC_KEY_RE = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_RE = /^[A-Za-z0-9_-]{86}$/;

function publicKeyOf(privateKey: KeyObject): string {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 public key has no x');
  return jwk.x;
}

export function signerFor(stationId: string, privateKey: KeyObject): Signer {
  return {
    stationId,
    publicKey: publicKeyOf(privateKey),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url'),
  };
}

/** A throwaway identity held only in memory (tests, benchmarks). */
export function createEphemeralSigner(stationId: string = randomUUID()): Signer {
  return signerFor(stationId, generateKeyPairSync('ed25519').privateKey);
}

export function verifySignature(publicKeyB64url: string, text: string, signatureB64url: string): boolean {
  if (!PUBLIC_KEY_RE.test(publicKeyB64url) || !SIGNATURE_RE.test(signatureB64url)) return false;
  try {
    return verifyEd25519(
      Buffer.from(publicKeyB64url, 'base64url'),
      Buffer.from(text, 'utf8'),
      Buffer.from(signatureB64url, 'base64url'),
    );
  } catch {
    return false;
  }
}
