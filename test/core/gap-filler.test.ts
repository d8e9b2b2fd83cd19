import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstGap } from '../../src/core/gap-filler';

const seqs = (...values: number[]) => values.map((seq) => ({ seq }));

describe('firstGap (where a batch of new messages leaves a hole)', () => {
  it('none when the batch follows on, in any order, duplicates included', () => {
    expect(firstGap(4, seqs(5, 6, 7))).toBeNull();
    expect(firstGap(4, seqs(7, 5, 6, 6))).toBeNull();
    expect(firstGap(4, seqs(2, 3))).toBeNull();
    expect(firstGap(0, [])).toBeNull();
  });

  it('the last seq before the first hole', () => {
    expect(firstGap(4, seqs(6))).toBe(4);
    expect(firstGap(4, seqs(5, 8, 6))).toBe(6);
    expect(firstGap(4, seqs(9, 5, 7))).toBe(5);
  });

  it('agrees with a set-based model on random batches', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }), (last, batch) => {
        const held = new Set(batch);
        let expected: number | null = null;
        let at = last;
        for (const seq of [...held].sort((a, b) => a - b)) {
          if (seq <= at) continue;
          if (seq > at + 1) {
            expected = at;
            break;
          }
          at = seq;
        }
        expect(firstGap(last, seqs(...batch))).toBe(expected);
      }),
    );
  });
});
