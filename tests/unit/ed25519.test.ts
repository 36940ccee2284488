import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519Backend, sodiumModulePath, verifyEd25519 } from '../../electron/core/journal/ed25519';
import { SignatureBatcher } from '../../electron/core/journal/signature-pool';
import { createEphemeralSigner, verifySignature } from '../../electron/core/journal/signing';

/** OpenSSL's answer (the fallback's rule), for comparison. */
function openssl(publicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
    format: 'jwk',
  });
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { raw: Buffer.from(x, 'base64url'), privateKey };
}

/** The order of Ed25519's group (RFC 8032), little-endian: S must be below it. */
const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');

/** S + L, the same S modulo L written as a larger number (a malleated signature). */
function plusL(signature: Buffer): Buffer {
  const out = Buffer.from(signature);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const sum = (out[32 + i] ?? 0) + (L[i] ?? 0) + carry;
    out[32 + i] = sum & 0xff;
    carry = sum >> 8;
  }
  return out;
}

// The identity point as a public key, and the signature (R = identity, S = 0) that satisfies
// OpenSSL's equation for every message: the small-order key libsodium refuses.
const SMALL_ORDER_KEY = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]);
const ANY_MESSAGE_SIGNATURE = Buffer.concat([Buffer.from([1]), Buffer.alloc(63)]);

describe('Ed25519 verification (ed25519.ts)', () => {
  it('uses libsodium here: sodium-native is installed and loads', () => {
    expect(ed25519Backend()).toBe('libsodium');
    expect(sodiumModulePath()).toMatch(/sodium-native/);
  });

  it('agrees with OpenSSL on good, altered, foreign and malleated signatures', () => {
    const a = keyPair();
    const b = keyPair();
    for (let n = 0; n < 20; n++) {
      const message = Buffer.from(
        `lfr-journal-checkpoint/v1\nstation\ndeployment\n${n}\n${'ab'.repeat(32)}\n`,
      );
      const signature = sign(null, message, a.privateKey);
      const flipped = Buffer.from(signature);
      flipped[n % 64] = (flipped[n % 64] ?? 0) ^ (1 << (n % 8));
      const cases: Array<[Buffer, Buffer, Buffer]> = [
        [a.raw, message, signature],
        [a.raw, Buffer.concat([message, Buffer.from('x')]), signature],
        [b.raw, message, signature],
        [a.raw, message, flipped],
        [a.raw, message, plusL(signature)],
      ];
      const answers = cases.map((c) => verifyEd25519(...c));
      expect(answers).toEqual([true, false, false, false, false]);
      expect(cases.map((c) => openssl(...c))).toEqual(answers);
    }
  });

  it('answers false, never throws, for a key or signature of the wrong length', () => {
    const a = keyPair();
    const message = Buffer.from('m');
    const signature = sign(null, message, a.privateKey);
    expect(verifyEd25519(a.raw.subarray(0, 31), message, signature)).toBe(false);
    expect(verifyEd25519(a.raw, message, signature.subarray(0, 63))).toBe(false);
    expect(verifyEd25519(Buffer.alloc(0), message, Buffer.alloc(0))).toBe(false);
  });

  it('refuses the small-order key whose one signature OpenSSL accepts for any message', () => {
    const message = Buffer.from('lfr-journal-checkpoint/v1\nforged\n');
    expect(openssl(SMALL_ORDER_KEY, message, ANY_MESSAGE_SIGNATURE)).toBe(true);
    expect(verifyEd25519(SMALL_ORDER_KEY, message, ANY_MESSAGE_SIGNATURE)).toBe(false);
    expect(
      verifySignature(
        SMALL_ORDER_KEY.toString('base64url'),
        message.toString('utf8'),
        ANY_MESSAGE_SIGNATURE.toString('base64url'),
      ),
    ).toBe(false);
  });

  it("checks on the signature pool's worker threads by the same rule as this thread", async () => {
    const signer = createEphemeralSigner('pool-test');
    const texts = Array.from({ length: 600 }, (_, i) => `lfr-journal-checkpoint/v1\npool-test\nD\n${i}\nh\n`);
    const good = new SignatureBatcher(true);
    for (const text of texts) good.add({ publicKey: signer.publicKey, text, signature: signer.sign(text) });
    await good.settle();
    expect(good.failed).toBeNull();

    // On the workers, the small-order key's any-message signature fails as it does here.
    const forged = new SignatureBatcher(true);
    for (const text of texts)
      forged.add({
        publicKey: SMALL_ORDER_KEY.toString('base64url'),
        text,
        signature: ANY_MESSAGE_SIGNATURE.toString('base64url'),
      });
    await forged.settle();
    expect(forged.failed?.text).toBe(texts[0]);
  });
});
