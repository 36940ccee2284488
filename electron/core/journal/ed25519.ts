/**
 * Ed25519 verification of checkpoint signatures, by libsodium where it loads
 * (`sodium-native`, prebuilt per platform, Node-API: one binary for Node and Electron),
 * and by node:crypto (OpenSSL) where it does not.
 *
 * Why not node:crypto alone: on this machine OpenSSL 3.0 checks one Ed25519 signature in
 * about 100 µs (`openssl speed ed25519`: 89 µs), libsodium in about 43 µs. A station's
 * journal holds a checkpoint after every entry a person made, so a force's 1,000,000
 * archived entries hold about 37,000 of them: re-verifying them was the largest single
 * cost of `report --transparency --reverify` (issue 25, docs/benchmarks.md).
 *
 * The two agree on every signature a station makes. libsodium is the stricter: it also
 * refuses a public key or an R of small order and a non-canonical key, which no key
 * generated for a station has and which only the key's own maker could use. Where
 * libsodium is missing, the rule is OpenSSL's, and `ed25519Backend()` says so.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { packageRequire } from '../package-require';

interface Sodium {
  crypto_sign_verify_detached(signature: Buffer, message: Buffer, publicKey: Buffer): boolean;
}

const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

function requireSodium(require: NodeJS.Require): Sodium | null {
  try {
    const sodium = require('sodium-native') as Partial<Sodium>;
    return typeof sodium.crypto_sign_verify_detached === 'function' ? (sodium as Sodium) : null;
  } catch {
    return null;
  }
}

let sodium: Sodium | null | undefined;

function loaded(): Sodium | null {
  if (sodium === undefined) {
    const require = packageRequire();
    sodium = require ? requireSodium(require) : null;
  }
  return sodium;
}

/**
 * The file `sodium-native` loads from, for a worker thread whose code cannot resolve it
 * itself (code run with `eval` resolves packages from the working directory); null where it
 * does not load here either.
 */
export function sodiumModulePath(): string | null {
  const require = packageRequire();
  if (!require || !loaded()) return null;
  try {
    return require.resolve('sodium-native');
  } catch {
    return null;
  }
}

/** In such a worker: load libsodium from the path the starting thread gave (sodiumModulePath). */
export function useSodiumFrom(path: string | null): void {
  if (path && isAbsolute(path)) sodium = requireSodium(createRequire(path));
}

/** Which implementation checks signatures in this thread. */
export function ed25519Backend(): 'libsodium' | 'node:crypto' {
  return loaded() ? 'libsodium' : 'node:crypto';
}

// Checkpoints in one journal all use the same key; parse it once (node:crypto only).
const publicKeyCache = new Map<string, KeyObject>();

function publicKeyObject(publicKey: Buffer): KeyObject {
  const x = publicKey.toString('base64url');
  let key = publicKeyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicKeyCache.size > 64) publicKeyCache.clear();
    publicKeyCache.set(x, key);
  }
  return key;
}

/** Whether `signature` is a valid Ed25519 signature of `message` by `publicKey` (raw bytes). */
export function verifyEd25519(publicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
  try {
    const lib = loaded();
    return lib
      ? lib.crypto_sign_verify_detached(signature, message, publicKey)
      : verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}
