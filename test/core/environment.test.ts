// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { browserEnvironment } from 'natter';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

describe('browserEnvironment', () => {
  afterEach(() => {
    visibility = 'visible';
  });

  it('reports online, offline, hidden and visible until unsubscribed', () => {
    const calls: string[] = [];
    const stop = browserEnvironment.subscribe({
      online: () => calls.push('online'),
      offline: () => calls.push('offline'),
      visible: () => calls.push('visible'),
      hidden: () => calls.push('hidden'),
    });
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toEqual(['offline', 'online', 'hidden', 'visible']);
    stop();
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toHaveLength(4);
  });

  it('a page hidden with no `hidden` handler (an environment written before presence) is ignored', () => {
    const calls: string[] = [];
    // A listener that throws is reported on the window, not to dispatchEvent's caller.
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      uncaught.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    const stop = browserEnvironment.subscribe({ online: () => undefined, offline: () => undefined, visible: () => calls.push('visible') });
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    window.removeEventListener('error', onError);
    expect(uncaught).toEqual([]);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toEqual(['visible']);
    stop();
  });
});
