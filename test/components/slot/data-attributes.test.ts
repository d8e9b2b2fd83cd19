import { describe, expect, it } from 'vitest';
import { bool, flag } from '../../../src/components/slot/data-attributes';

describe('data attribute values', () => {
  it('flag: "true" while on, else no attribute', () => {
    expect([flag(true), flag('2026-11-24'), flag(1)]).toEqual(['true', 'true', 'true']);
    expect([flag(false), flag(null), flag(undefined), flag(''), flag(0)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('bool: always there, "true" or "false"', () => {
    expect([bool(true), bool('x'), bool(false), bool(null), bool(0)]).toEqual(['true', 'true', 'false', 'false', 'false']);
  });
});
