import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { chatWithUsers, history, sendMessage } from '../helpers/fixtures.ts';
import { joinChat, joinPersonal, sleep } from '../helpers/socket.ts';

describe('rate limiting', () => {
  it('refuses frames past the burst with rate_limited and stores none of them', async () => {
    const server = await startServer({ rateLimit: { burst: 5, refillPerSecond: 1, closeAfterViolations: 1000 } });
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);

    const sent = Array.from({ length: 12 }, (_, i) => `flood-${i}`);
    for (const cid of sent) a.send({ type: 'send_message', data: { content: cid, client_id: cid } });

    // every frame is answered: an ack or an error
    const answers = (frames: { type: string }[]) =>
      frames.filter((f) => f.type === 'new_message' || f.type === 'error').length;
    await a.until((frames) => answers(frames) >= sent.length, `${sent.length} acks or errors`);
    const answered = new Map<string, string>();
    for (const m of a.all('new_message')) answered.set(m.client_id, 'ok');
    for (const e of a.all('error')) {
      expect(e).toMatchObject({ code: 'rate_limited', frame_type: 'send_message' });
      expect(e.retry_after_ms).toBeGreaterThan(0);
      expect(e.retry_after_ms).toBeLessThanOrEqual(1000);
      expect(typeof e.message).toBe('string');
      answered.set(e.client_id, e.code);
    }
    const accepted = sent.filter((cid) => answered.get(cid) === 'ok');
    const limited = sent.filter((cid) => answered.get(cid) === 'rate_limited');
    // the burst of 5 (maybe one refilled token) passes, the rest is refused
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(accepted.length).toBeLessThanOrEqual(6);
    expect(accepted).toEqual(sent.slice(0, accepted.length));
    expect(limited).toEqual(sent.slice(accepted.length));

    const stored = await history(server, users[1]!, chat.id);
    expect(stored.messages.map((m) => m.client_id)).toEqual(accepted);
    expect(b.all('new_message').map((m) => m.client_id)).toEqual(accepted);
    expect(a.isOpen).toBe(true);
  });

  it('lets the frame through after retry_after_ms', async () => {
    const server = await startServer({ rateLimit: { burst: 2, refillPerSecond: 5, closeAfterViolations: 1000 } });
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    for (let i = 0; i < 3; i += 1) a.send({ type: 'ping', data: { ts: i } });
    const err = await a.next('error');
    expect(err).toMatchObject({ code: 'rate_limited', frame_type: 'ping' });
    expect(err.retry_after_ms).toBeGreaterThan(0);
    expect(err.retry_after_ms).toBeLessThanOrEqual(200);
    await sleep(err.retry_after_ms + 20);
    const m = await sendMessage(a, 'patient');
    expect(m.content).toBe('patient');
  });

  it('counts invalid frames too', async () => {
    const server = await startServer({ rateLimit: { burst: 3, refillPerSecond: 1, closeAfterViolations: 1000 } });
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    for (let i = 0; i < 3; i += 1) a.sendRaw('not json');
    a.send({ type: 'send_message', data: { content: 'blocked', client_id: 'after-garbage' } });
    const errors = [];
    for (let i = 0; i < 4; i += 1) errors.push(await a.next('error'));
    expect(errors.map((e) => e.code)).toEqual(['invalid_frame', 'invalid_frame', 'invalid_frame', 'rate_limited']);
    expect(errors[3].client_id).toBe('after-garbage');
    expect((await history(server, users[0]!, chat.id)).messages).toEqual([]);
  });

  it('limits each connection separately', async () => {
    const server = await startServer({ rateLimit: { burst: 3, refillPerSecond: 1, closeAfterViolations: 1000 } });
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    const a2 = await joinChat(server, users[0]!, chat.id);
    for (let i = 0; i < 5; i += 1) a.send({ type: 'ping', data: { ts: i } });
    expect((await a.next('error')).code).toBe('rate_limited');
    expect((await sendMessage(a2, 'other tab')).content).toBe('other tab');
  });

  it('closes 4008 when the flood continues', async () => {
    const server = await startServer({
      rateLimit: { burst: 3, refillPerSecond: 1, closeAfterViolations: 5, violationsForgivenPerSecond: 1 },
    });
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    for (let i = 0; i < 30; i += 1) {
      if (!a.isOpen) break;
      a.send({ type: 'send_message', data: { content: `spam ${i}`, client_id: `spam-${i}` } });
    }
    expect((await a.closed).code).toBe(4008);
    const errors = a.all('error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((e) => e.code === 'rate_limited')).toBe(true);
    // the others are unaffected
    expect(b.isOpen).toBe(true);
    const stored = await history(server, users[1]!, chat.id);
    expect(stored.messages.length).toBeLessThanOrEqual(4);
    expect(stored.messages.map((m) => m.client_id)).toEqual(a.all('new_message').map((m) => m.client_id));
  });

  it('applies to personal sockets too', async () => {
    const server = await startServer({ rateLimit: { burst: 2, refillPerSecond: 1, closeAfterViolations: 1000 } });
    const { users } = await chatWithUsers(server, 1);
    const p = await joinPersonal(server, users[0]!);
    for (let i = 0; i < 4; i += 1) p.send({ type: 'ping', data: { ts: i } });
    expect(await p.next('error')).toMatchObject({ code: 'rate_limited', frame_type: 'ping' });
  });
});

describe('TokenBucket (fake clock)', () => {
  it('allows a burst, then refills continuously and says how long to wait', async () => {
    const { TokenBucket } = await import('../../src/ws/rate-limiter.ts');
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilToken()).toBe(500);
    now = 250;
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntilToken()).toBe(250);
    now = 500;
    expect(bucket.take()).toBe(true);
    now = 100_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('never refills without a refill rate', async () => {
    const { TokenBucket } = await import('../../src/ws/rate-limiter.ts');
    let now = 0;
    const bucket = new TokenBucket(1, 0, () => now);
    expect(bucket.take()).toBe(true);
    now = 1e9;
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntilToken()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('ConnectionRateLimiter (fake clock)', () => {
  const options = { burst: 2, refillPerSecond: 1, closeAfterViolations: 3, violationsForgivenPerSecond: 1 };

  it('refuses past the burst and closes after closeAfterViolations refusals', async () => {
    const { ConnectionRateLimiter } = await import('../../src/ws/rate-limiter.ts');
    const limiter = new ConnectionRateLimiter(options, () => 0);
    const kinds = Array.from({ length: 6 }, () => limiter.check().kind);
    expect(kinds).toEqual(['allow', 'allow', 'refuse', 'refuse', 'refuse', 'close']);
  });

  it('forgives a client that backs off when told', async () => {
    const { ConnectionRateLimiter } = await import('../../src/ws/rate-limiter.ts');
    let now = 0;
    const limiter = new ConnectionRateLimiter(options, () => now);
    limiter.check();
    limiter.check();
    for (let i = 0; i < 20; i += 1) {
      const verdict = limiter.check();
      expect(verdict.kind).toBe('refuse');
      // The client waits exactly as long as it was told, then sends once.
      now += verdict.kind === 'refuse' ? verdict.retryAfterMs : 0;
      expect(limiter.check().kind).toBe('allow');
    }
  });
});
