/** Checks a station's signed journal checkpoint against the key it presented at handshake. */
import { createPublicKey, verify } from 'node:crypto';
import type { CheckpointMessage } from '../../shared/feed/schemas';
import { checkpointSigningText } from '../../shared/journal/entries';

/** null when the signature verifies; otherwise why not. */
export function checkCheckpointSignature(message: CheckpointMessage, stationKey: string): string | null {
  let key;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: stationKey }, format: 'jwk' });
  } catch {
    return 'the station key from the handshake is not a usable Ed25519 public key';
  }
  const text = checkpointSigningText(message.stationId, message.deploymentId, message.seq, message.hash);
  const signature = Buffer.from(message.signature, 'base64url');
  if (signature.length !== 64) return 'signature is not 64 bytes of base64url';
  return verify(null, Buffer.from(text, 'utf8'), key, signature)
    ? null
    : 'signature does not verify with the station key';
}
