/**
 * The station's identity: a UUID and an Ed25519 key pair made once and kept in the
 * station's key folder, apart from the data folder (key-dir.ts), sealed by the
 * KeyProtector (Electron's safeStorage, the OS key store) when there is one. The key signs
 * journal checkpoints (journal/signing.ts); the public half travels in every
 * journal-opened entry so a verifier needs nothing else.
 */
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDirDurable, fsyncDir, writeFileDurable } from './journal/fsync';
import { signerFor, type Signer } from './journal/signing';

// Signing itself lives with the journal; these are re-exported for callers that load an identity.
export { createEphemeralSigner, verifySignature, type Signer } from './journal/signing';

/** Seals the private key at rest (Electron passes one wrapping safeStorage). */
export interface KeyProtector {
  kind: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

interface IdentityFile {
  stationId: string;
  publicKey: string;
  keyFile: string;
  protectedBy: string;
}

const IDENTITY_FILE = 'identity.json';
const PLAIN_KEY_FILE = 'station-key.pem';
const SEALED_KEY_FILE = 'station-key.sealed';

async function readIdentityFile(dir: string): Promise<IdentityFile | null> {
  let text: string;
  try {
    text = await readFile(join(dir, IDENTITY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<IdentityFile>;
  if (
    typeof parsed.stationId !== 'string' ||
    typeof parsed.publicKey !== 'string' ||
    (parsed.keyFile !== PLAIN_KEY_FILE && parsed.keyFile !== SEALED_KEY_FILE) ||
    typeof parsed.protectedBy !== 'string'
  ) {
    throw new Error(`${join(dir, IDENTITY_FILE)} is not a valid station identity`);
  }
  return parsed as IdentityFile;
}

async function loadIdentity(dir: string, identity: IdentityFile, protector?: KeyProtector): Promise<Signer> {
  const stored = await readFile(join(dir, identity.keyFile));
  let pem: Buffer;
  if (identity.protectedBy === 'none') {
    pem = stored;
  } else {
    if (!protector || protector.kind !== identity.protectedBy) {
      throw new Error(`the station key is sealed by "${identity.protectedBy}", which is not available`);
    }
    pem = protector.decrypt(stored);
  }
  const privateKey = createPrivateKey({ key: pem, format: 'pem' });
  const signer = signerFor(identity.stationId, privateKey);
  if (signer.publicKey !== identity.publicKey) {
    throw new Error('the station key does not match identity.json; refusing to sign with it');
  }
  if (identity.protectedBy === 'none' && protector) await sealPlainKey(dir, identity, pem, protector);
  return signer;
}

/**
 * A key kept as a plain file goes into the OS key store once one is available (a station
 * moved to a machine with a keyring, or made in browser mode): sealed copy first,
 * identity.json switched to it, then the plain file removed, so a crash leaves one that opens.
 */
async function sealPlainKey(dir: string, identity: IdentityFile, pem: Buffer, protector: KeyProtector) {
  await writeFileDurable(join(dir, SEALED_KEY_FILE), protector.encrypt(pem), { mode: 0o600 });
  const sealed: IdentityFile = { ...identity, keyFile: SEALED_KEY_FILE, protectedBy: protector.kind };
  await writeFileDurable(join(dir, IDENTITY_FILE), `${JSON.stringify(sealed, null, 2)}\n`);
  await unlink(join(dir, PLAIN_KEY_FILE));
  await fsyncDir(dir);
}

async function createIdentity(dir: string, protector?: KeyProtector): Promise<Signer> {
  await ensureDirDurable(dir);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const keyFile = protector ? SEALED_KEY_FILE : PLAIN_KEY_FILE;
  await writeFileDurable(join(dir, keyFile), protector ? protector.encrypt(pem) : pem, { mode: 0o600 });
  const signer = signerFor(randomUUID(), privateKey);
  const identity: IdentityFile = {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    keyFile,
    protectedBy: protector ? protector.kind : 'none',
  };
  // identity.json is written last: its presence means the key beside it is complete.
  await writeFileDurable(join(dir, IDENTITY_FILE), `${JSON.stringify(identity, null, 2)}\n`);
  return signer;
}

// Two callers in one process must not each mint an identity.
const inFlight = new Map<string, Promise<Signer>>();

export function loadOrCreateIdentity(dir: string, protector?: KeyProtector): Promise<Signer> {
  const pending = inFlight.get(dir);
  if (pending) return pending;
  const work = (async () => {
    const existing = await readIdentityFile(dir);
    return existing ? loadIdentity(dir, existing, protector) : createIdentity(dir, protector);
  })().finally(() => inFlight.delete(dir));
  inFlight.set(dir, work);
  return work;
}
