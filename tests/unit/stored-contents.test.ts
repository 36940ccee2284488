/**
 * A stored alert's content hash is taken when a re-delivery asks for it, not as each alert
 * arrives (issue 13: one canonical text less per alert in a burst), and it is the same hash
 * either way: from the data in memory or read back from the journal at start-up.
 */
import { describe, expect, it } from 'vitest';
import { StoredContents, contentSha256, plainContentSha256 } from '../../electron/core/feed/alert-content';

const data = {
  alertId: '6f1c9a52-3e0b-4c1e-9a57-2b8d7c4e1f00',
  seq: 7,
  score: 0.91,
  camera: { id: 'cam-1', label: 'North gate' },
  subject: { entryId: 'e-1', tier: 'red', image: { sha256: 'ab'.repeat(32), bytes: 1200 } },
  clockAheadMs: 5_000,
};

describe('StoredContents', () => {
  it('answers the content hash of what it was given, leaving out the station clock note', () => {
    const contents = new StoredContents();
    contents.remember(data.alertId, JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
    const { clockAheadMs: _note, ...asSent } = data;
    expect(contents.sha256(data.alertId)).toBe(contentSha256(asSent));
    expect(contents.sha256(data.alertId)).toBe(plainContentSha256(data));
    expect(contents.sha256('not-stored')).toBeUndefined();
  });

  it('is not fooled by key order (canonical JSON), and tells other content apart', () => {
    const contents = new StoredContents();
    const reordered = Object.fromEntries(Object.entries(data).reverse());
    contents.remember('a', reordered);
    expect(contents.sha256('a')).toBe(plainContentSha256(data));
    contents.remember('b', { ...data, score: 0.92 });
    expect(contents.sha256('b')).not.toBe(contents.sha256('a'));
  });

  it('keeps the hash once taken, and drops the data it held', () => {
    const contents = new StoredContents();
    const plain: Record<string, unknown> = { ...data };
    contents.remember('a', plain);
    const first = contents.sha256('a');
    // Changing the object afterwards changes nothing: the hash was kept, not the data.
    plain.score = 0.1;
    expect(contents.sha256('a')).toBe(first);
  });
});
