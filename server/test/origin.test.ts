import { describe, expect, it } from 'vitest';
import { createOriginCheck } from '../src/origin.ts';

describe('createOriginCheck', () => {
  it('allows localhost on any port by default, and clients that send no Origin', () => {
    const allowed = createOriginCheck('localhost');
    for (const origin of ['http://localhost:5173', 'https://localhost', 'http://127.0.0.1:6006', 'http://[::1]:8080', undefined]) {
      expect(allowed(origin)).toBe(true);
    }
  });

  it('refuses other hosts and look-alikes by default', () => {
    const allowed = createOriginCheck('localhost');
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'file://', 'null', 'not a url']) {
      expect(allowed(origin)).toBe(false);
    }
  });

  it('allows exactly the configured origins, ignoring case and a trailing slash', () => {
    const allowed = createOriginCheck(['https://chat.example.com/', 'http://localhost:3000']);
    expect(allowed('https://CHAT.example.com')).toBe(true);
    expect(allowed('http://localhost:3000')).toBe(true);
    expect(allowed('http://localhost:3001')).toBe(false);
    expect(allowed('https://chat.example.com.evil.io')).toBe(false);
  });

  it("allows everything with '*'", () => {
    expect(createOriginCheck('*')('https://anywhere.example')).toBe(true);
  });
});
