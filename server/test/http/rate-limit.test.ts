import { describe, expect, it } from 'vitest';
import { DEFAULT_REST_RATE_LIMIT } from '../../src/config.ts';
import { HttpError } from '../../src/http/errors.ts';
import { RestRateLimiter, type RestLimit } from '../../src/http/rate-limit.ts';
import { fakeClock } from '../helpers/clock.ts';
import { chatWithUsers } from '../helpers/fixtures.ts';
import { api, expectError, request, type ApiResponse, type Session } from '../helpers/http.ts';
import { metricValue, parseMetrics } from '../helpers/metrics.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { upload } from '../helpers/uploads.ts';

const ONE = { burst: 1, refillPerSecond: 1 };

/** One call of each limited route group, as `who` in `chatId`. */
const CALLS: Record<RestLimit, (server: TestServer, who: Session, chatId: string) => Promise<ApiResponse>> = {
  auth: (server, who) => request(server, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: who.refresh_token } }),
  writes: (server, who) => api(server, who.access_token, 'POST', '/api/v1/chats', { name: 'x', member_ids: [] }),
  uploads: async (server, who, chatId) => {
    const res = await upload(server, who.access_token, chatId, 'x', 'x.txt', 'text/plain');
    return { ...res, text: JSON.stringify(res.body) };
  },
  search: (server, who, chatId) => api(server, who.access_token, 'GET', `/api/v1/chats/${chatId}/search?q=hi`),
  history: (server, who, chatId) => api(server, who.access_token, 'GET', `/api/v1/chats/${chatId}/messages`),
};

function expectRateLimited(res: ApiResponse, retryAfterMs: number): void {
  expectError(res, 429, 'rate_limited');
  expect(res.body.error.retry_after_ms).toBe(retryAfterMs);
  expect(res.headers.get('retry-after')).toBe(String(Math.ceil(retryAfterMs / 1000)));
}

describe('REST rate limits (docs 5.4)', () => {
  for (const limit of Object.keys(CALLS) as RestLimit[]) {
    it(`${limit}: 429 rate_limited with Retry-After once the bucket is empty, per caller, until it refills`, async () => {
      const clock = fakeClock();
      // Logins happen before the bucket is made small: the fixtures log in through the auth group.
      const server = await startServer({ clock, restRateLimit: { [limit]: { burst: 2, refillPerSecond: 0.5 } } });
      const { users, chat } = await chatWithUsers(server, 2);
      // ben calls: ana, the chat's creator, has spent one of her `writes` tokens already
      const [ana, ben] = users as [Session, Session];
      const call = CALLS[limit];
      if (limit === 'auth') {
        // the fixtures spent both tokens of 127.0.0.1 logging in
        expectRateLimited(await call(server, ben, chat.id), 2000);
      } else {
        expect((await call(server, ben, chat.id)).status).toBeLessThan(300);
        expect((await call(server, ben, chat.id)).status).toBeLessThan(300);
        expectRateLimited(await call(server, ben, chat.id), 2000);
        // another user has a bucket of their own
        expect((await call(server, ana, chat.id)).status).toBeLessThan(300);
      }
      clock.advance(1500);
      expectRateLimited(await call(server, ben, chat.id), 500);
      clock.advance(500);
      expect((await call(server, ben, chat.id)).status).toBeLessThan(300);
      const metrics = parseMetrics(await (await fetch(`${server.url}/metrics`)).text());
      expect(metricValue(metrics, 'natter_http_limited_total', { limit })).toBe(2);
    });
  }

  it('login is limited per IP, across usernames', async () => {
    const server = await startServer({ clock: fakeClock(), restRateLimit: { auth: ONE } });
    expect((await request(server, 'POST', '/api/v1/auth/login', { json: { username: 'ana' } })).status).toBe(200);
    const res = await request(server, 'POST', '/api/v1/auth/login', { json: { username: 'ben' } });
    expectRateLimited(res, 1000);
  });

  it('exposes Retry-After to cross-origin scripts', async () => {
    const server = await startServer({ restRateLimit: { auth: { burst: 0, refillPerSecond: 1 } } });
    const res = await request(server, 'POST', '/api/v1/auth/login', { json: { username: 'ana' }, headers: { origin: 'http://localhost:5173' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
  });

  it('restRateLimit: false turns every bucket off', async () => {
    const server = await startServer({ restRateLimit: false });
    const { users, chat } = await chatWithUsers(server, 1);
    for (let i = 0; i < DEFAULT_REST_RATE_LIMIT.search.burst + 5; i += 1) {
      expect((await CALLS.search(server, users[0]!, chat.id)).status).toBe(200);
    }
  });
});

describe('RestRateLimiter', () => {
  it('forgets full buckets once it holds many, so memory follows active callers; a drained one is kept', () => {
    let time = 0;
    const limiter = new RestRateLimiter({ ...DEFAULT_REST_RATE_LIMIT, search: { burst: 2, refillPerSecond: 1 } }, () => time);
    limiter.take('search', 'hog');
    limiter.take('search', 'hog');
    for (let i = 1; i < 10_000; i += 1) limiter.take('search', `u${i}`);
    expect(limiter.size('search')).toBe(10_000);
    time += 1000; // every bucket but the hog's is full again
    limiter.take('search', 'late');
    expect(limiter.size('search')).toBe(2);
    limiter.take('search', 'hog');
    expect(() => limiter.take('search', 'hog')).toThrow(HttpError);
  });

  it('a clock set back refills nothing', () => {
    let time = 10_000;
    const refused: RestLimit[] = [];
    const limiter = new RestRateLimiter({ ...DEFAULT_REST_RATE_LIMIT, uploads: ONE }, () => time, (l) => refused.push(l));
    limiter.take('uploads', 'ana');
    time -= 5000;
    expect(() => limiter.take('uploads', 'ana')).toThrow(HttpError);
    expect(refused).toEqual(['uploads']);
  });
});
