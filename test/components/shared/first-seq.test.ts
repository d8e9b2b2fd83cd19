import { describe, expect, it } from 'vitest';
import { firstSeq } from '../../../src/components/shared/first-seq';
import { chatMessage, ownMessage } from '../helpers';

describe('firstSeq', () => {
  it('is the seq of the first confirmed message, past pending ones', () => {
    expect(firstSeq([ownMessage('pending'), chatMessage({ seq: 7 }), chatMessage({ seq: 8 })])).toBe(7);
  });

  it('is null without a confirmed message', () => {
    expect(firstSeq([])).toBeNull();
    expect(firstSeq([ownMessage('pending')])).toBeNull();
  });
});
