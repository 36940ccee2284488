/**
 * The floor for replay open: the least a verifier of a station-written journal must do,
 * with node:crypto and nothing else. For each line: parse it, SHA-256 the line's text
 * with its `hash` member cut out (the station writes lines in canonical form, so that
 * is the canonical JSON the hash is over), check seq and prev against the chain; for
 * each checkpoint, check its Ed25519 signature with the journal-opened key, on the main
 * thread. No images, no fold, no rules beyond those. It throws at the first line that
 * does not verify, so a fast figure is never a figure for a wrong answer.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { open } from 'node:fs/promises';

interface BareEntry {
  seq: number;
  type: string;
  data: { stationId?: string; deploymentId?: string; publicKey?: string; seq?: number; signature?: string };
  prev: string;
  hash: string;
}

/** Reads the file in 1 MiB chunks and hands each "\n"-terminated line to `onLine`. */
async function eachLine(file: string, onLine: (text: string) => void): Promise<void> {
  const handle = await open(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      const data =
        carry.length > 0
          ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
          : chunk.subarray(0, bytesRead);
      let from = 0;
      for (let nl = data.indexOf(0x0a, from); nl !== -1; nl = data.indexOf(0x0a, from)) {
        onLine(data.toString('utf8', from, nl));
        from = nl + 1;
      }
      carry = Buffer.from(data.subarray(from));
    }
    if (carry.length > 0) throw new Error('journal ends without a newline');
  } finally {
    await handle.close();
  }
}

/** Verifies a station-written journal the bare way; returns the entry count. */
export async function bareVerify(file: string): Promise<number> {
  let prev = '0'.repeat(64);
  let seq = 0;
  let opened: { stationId: string; deploymentId: string; key: ReturnType<typeof createPublicKey> } | null =
    null;
  await eachLine(file, (text) => {
    const entry = JSON.parse(text) as BareEntry;
    seq += 1;
    const member = `"hash":"${entry.hash}",`;
    const at = text.indexOf(member);
    const digest = createHash('sha256')
      .update(text.slice(0, at))
      .update(text.slice(at + member.length))
      .digest('hex');
    if (entry.seq !== seq || entry.prev !== prev || at === -1 || digest !== entry.hash)
      throw new Error(`bare verifier: seq ${seq} does not verify`);
    if (seq === 1) {
      const { stationId, deploymentId, publicKey } = entry.data;
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey! }, format: 'jwk' });
      opened = { stationId: stationId!, deploymentId: deploymentId!, key };
    } else if (entry.type === 'checkpoint') {
      const signed = `lfr-journal-checkpoint/v1\n${opened!.stationId}\n${opened!.deploymentId}\n${seq - 1}\n${prev}\n`;
      const signature = Buffer.from(entry.data.signature ?? '', 'base64url');
      if (!verify(null, Buffer.from(signed, 'utf8'), opened!.key, signature))
        throw new Error(`bare verifier: checkpoint at seq ${seq} does not verify`);
    }
    prev = entry.hash;
  });
  return seq;
}
