/** Issue 21 item 3: the locked screen says how many alerts wait, by tier, and nothing else of them. */
import { describe, expect, it } from 'vitest';
import { waitingText } from '../../renderer/src/access/ProveAgain';

describe('the locked screen’s counts', () => {
  it('gives the total and each tier that has any', () => {
    expect(waitingText({ total: 19, red: 5, amber: 14, green: 0 })).toBe('19 waiting, 5 red, 14 amber');
    expect(waitingText({ total: 1, red: 0, amber: 0, green: 1 })).toBe('1 waiting, 1 green');
    expect(waitingText({ total: 0, red: 0, amber: 0, green: 0 })).toBe('No alerts waiting.');
  });
});
