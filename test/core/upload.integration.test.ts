import { createRequire } from 'node:module';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createRestClient, NatterError } from 'natter';
import { uploadTo } from 'natter/features';
import { createHarness } from './helpers/server';

// Loaded untyped: jsdom ships no types. Not vitest's jsdom environment: that one also changes globals the in-process
// server relies on.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, options: { url: string }) => { window: Window & typeof globalThis };
};

/**
 * The XMLHttpRequest path of uploads (the one browsers take, for progress), against the reference server. Node has
 * no XMLHttpRequest: a page served by the server (jsdom) lends its own, which talks real HTTP, and the FormData and
 * Blob it understands. Only XMLHttpRequest and FormData are swapped, so the server runs as in every other test.
 */
async function setup(options: Parameters<ReturnType<typeof createHarness>['server']>[0] = {}) {
  const h = createHarness();
  const server = await h.server(options);
  const ana = await h.login(server, 'ana');
  const rest = createRestClient({ baseUrl: server.url, getToken: () => ana.access_token });
  const chat = await rest.createChat('Files', []);
  const { window } = new JSDOM('', { url: server.url });
  vi.stubGlobal('XMLHttpRequest', window.XMLHttpRequest);
  vi.stubGlobal('FormData', window.FormData);
  onTestFinished(() => {
    vi.unstubAllGlobals();
    window.close();
  });
  return { server, rest, chatId: chat.id, Blob: window.Blob };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the upload to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(NatterError);
      return error as NatterError;
    },
  );

describe('uploads through XMLHttpRequest', () => {
  it('uploads a file, reports progress ending at 1, and returns the attachment', async () => {
    const { rest, chatId, Blob } = await setup();
    const progress: number[] = [];
    const attachment = await uploadTo(rest, chatId, new Blob(['hello, file'], { type: 'text/plain' }), {
      fileName: 'notes.txt',
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(attachment).toMatchObject({ file_name: 'notes.txt', content_type: 'text/plain', size: 11, width: null, height: null });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
  });

  it('a refused file is an http_error with the status and the server’s message; a bad token is unauthorized', async () => {
    const { server, rest, chatId, Blob } = await setup();
    const html = new Blob(['<script>alert(1)</script>'], { type: 'text/html' });
    const refused = await failure(uploadTo(rest, chatId, html, { fileName: 'x.html' }));
    expect(refused).toMatchObject({ code: 'http_error', details: { status: 415 } });
    expect(refused.message).not.toMatch(/answered 415/);

    const stranger = createRestClient({ baseUrl: server.url, getToken: () => 'not-a-token' });
    expect(await failure(uploadTo(stranger, chatId, new Blob(['x']), { fileName: 'x.txt' }))).toMatchObject({ code: 'unauthorized', details: { status: 401 } });
  });

  it('an upload over the REST rate limit (429) is rate_limited, with the server’s retryAfterMs', async () => {
    const { rest, chatId, Blob } = await setup({ restRateLimit: { uploads: { burst: 1, refillPerSecond: 0.01 } } });
    await uploadTo(rest, chatId, new Blob(['x'], { type: 'text/plain' }), { fileName: 'a.txt' });
    const limited = await failure(uploadTo(rest, chatId, new Blob(['y'], { type: 'text/plain' }), { fileName: 'b.txt' }));
    expect(limited).toMatchObject({ code: 'rate_limited', details: { status: 429, retryAfterMs: expect.any(Number) } });
    expect(limited.details.retryAfterMs).toBeGreaterThan(0);
  });

  it('an upload aborted before or while it runs rejects with network_error, and so does an unreachable server', async () => {
    const { rest, chatId, Blob } = await setup();
    const cancelled = { code: 'network_error', message: 'The upload was cancelled' };
    const early = new AbortController();
    early.abort();
    expect(await failure(uploadTo(rest, chatId, new Blob(['x']), { fileName: 'a.txt', signal: early.signal }))).toMatchObject(cancelled);

    const late = new AbortController();
    const upload = uploadTo(rest, chatId, new Blob(['x'.repeat(1 << 20)], { type: 'text/plain' }), { fileName: 'b.txt', signal: late.signal });
    // A timer fires before the socket round trip of the request can complete.
    setTimeout(() => late.abort(), 0);
    expect(await failure(upload)).toMatchObject(cancelled);

    const nowhere = createRestClient({ baseUrl: 'http://127.0.0.1:9', getToken: () => 't' });
    expect(await failure(uploadTo(nowhere, 'c', new Blob(['x']), { fileName: 'x.txt' }))).toMatchObject({
      code: 'network_error',
      message: 'Could not reach http://127.0.0.1:9',
    });
  });
});
