import { describe, expect, it } from 'vitest';
import { TypingNotifier } from 'natter';
import { createManualTimers } from 'natter/testing';

function setup(options: { throttleMs?: number; idleMs?: number } = {}) {
  const clock = createManualTimers();
  const sent: boolean[] = [];
  const notifier = new TypingNotifier((isTyping) => sent.push(isTyping), clock.timers, options);
  return { clock, sent, notifier };
}

describe('TypingNotifier', () => {
  it('sends true at the first keystroke', () => {
    const { sent, notifier } = setup();
    notifier.input();
    expect(sent).toEqual([true]);
  });

  it('sends nothing more for keystrokes within throttleMs, then true again once throttleMs has passed', () => {
    const { clock, sent, notifier } = setup({ throttleMs: 3000, idleMs: 3000 });
    notifier.input();
    for (let i = 0; i < 5; i += 1) {
      clock.advance(500);
      notifier.input();
    }
    // t = 2500: still inside the first throttle window.
    expect(sent).toEqual([true]);
    clock.advance(499);
    notifier.input();
    expect(sent).toEqual([true]);
    clock.advance(1);
    notifier.input();
    // t = 3000: exactly throttleMs after the first true.
    expect(sent).toEqual([true, true]);
    clock.advance(1000);
    notifier.input();
    expect(sent).toEqual([true, true]);
  });

  it('sends false after idleMs of silence, counted from the last keystroke', () => {
    const { clock, sent, notifier } = setup({ throttleMs: 3000, idleMs: 2000 });
    notifier.input();
    clock.advance(1500);
    notifier.input();
    clock.advance(1999);
    expect(sent).toEqual([true]);
    clock.advance(1);
    expect(sent).toEqual([true, false]);
    clock.advance(60_000);
    expect(sent).toEqual([true, false]);
    expect(clock.pending()).toBe(0);
  });

  it('after going idle, the next keystroke sends true at once even inside the old throttle window', () => {
    const { clock, sent, notifier } = setup({ throttleMs: 10_000, idleMs: 1000 });
    notifier.input();
    clock.advance(1000);
    expect(sent).toEqual([true, false]);
    notifier.input();
    expect(sent).toEqual([true, false, true]);
  });

  it('stop() sends false once, cancels the idle timer, and sends nothing when not typing', () => {
    const { clock, sent, notifier } = setup();
    notifier.stop();
    expect(sent).toEqual([]);
    notifier.input();
    notifier.stop();
    notifier.stop();
    expect(sent).toEqual([true, false]);
    expect(clock.pending()).toBe(0);
    clock.advance(60_000);
    expect(sent).toEqual([true, false]);
  });

  it('uses 3 s for both throttle and idle by default', () => {
    const { clock, sent, notifier } = setup();
    notifier.input();
    clock.advance(2999);
    notifier.input();
    expect(sent).toEqual([true]);
    clock.advance(1);
    notifier.input();
    expect(sent).toEqual([true, true]);
    clock.advance(2999);
    expect(sent).toEqual([true, true]);
    clock.advance(1);
    expect(sent).toEqual([true, true, false]);
  });
});

describe('TypingNotifier when sending fails', () => {
  it('retries on the next keystroke instead of waiting out the throttle', () => {
    const clock = createManualTimers();
    const attempts: boolean[] = [];
    let ready = false;
    const notifier = new TypingNotifier((isTyping) => {
      attempts.push(isTyping);
      return ready;
    }, clock.timers);
    notifier.input();
    ready = true;
    clock.advance(100);
    notifier.input();
    clock.advance(100);
    notifier.input();
    expect(attempts).toEqual([true, true]);
  });
});
