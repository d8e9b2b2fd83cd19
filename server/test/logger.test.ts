import { describe, expect, it } from 'vitest';
import { redactUrl, scrubSecrets } from '../src/logger.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJ0eXAiOiJhY2Nlc3MifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactUrl', () => {
  it('replaces token values in query strings and keeps everything else', () => {
    expect(redactUrl(`/api/v1/ws/chat/c1?token=${JWT}`)).toBe('/api/v1/ws/chat/c1?token=[redacted]');
    expect(redactUrl(`/x?a=1&access_token=abc&b=2`)).toBe('/x?a=1&access_token=[redacted]&b=2');
    expect(redactUrl('/api/v1/chats?limit=5')).toBe('/api/v1/chats?limit=5');
    expect(redactUrl('/api/v1/files/f1/a.png?key=0123abcd')).toBe('/api/v1/files/f1/a.png?key=[redacted]');
  });
});

describe('scrubSecrets', () => {
  it('removes a JWT wherever it appears in a line', () => {
    const line = JSON.stringify({ msg: `refresh failed for ${JWT}`, err: { message: `Bearer ${JWT}` } });
    const scrubbed = scrubSecrets(line);
    expect(scrubbed).not.toContain(JWT);
    expect(scrubbed).toContain('[redacted-jwt]');
    expect(() => JSON.parse(scrubbed)).not.toThrow();
  });
});
