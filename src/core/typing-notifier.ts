import { clearTimer, type Timers } from './timers';

/** Timing of outgoing typing indicators. */
export interface TypingNotifierOptions {
  /** At most one `is_typing: true` per this many ms while typing continues. Default 3000. */
  throttleMs?: number;
  /** Silence after which `is_typing: false` is sent. Default 3000. */
  idleMs?: number;
}

/**
 * Turns keystrokes into typing indicators: `true` at the first keystroke and at most once per `throttleMs` after,
 * `false` after `idleMs` without a keystroke or at once on `stop()` (sending the message, leaving the chat).
 *
 * @example
 * const typing = new TypingNotifier((isTyping) => client.setTyping(chatId, isTyping), realTimers);
 * input.addEventListener('input', () => typing.input());
 */
export class TypingNotifier {
  /** Call on every keystroke. */
  readonly input: () => void;
  /** Call when the message is sent or the input goes away. */
  readonly stop: () => void;

  constructor(
    /** Sends the indicator; returning `false` means it did not go out, so the next keystroke tries again. */
    send: (isTyping: boolean) => unknown,
    timers: Timers,
    options: TypingNotifierOptions = {},
  ) {
    // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
    let typing = false;
    let lastSentAt = -Infinity;
    let idleTimer: unknown = null;
    this.input = () => {
      const now = timers.now();
      // Typing right after opening a chat, before its socket is ready, must not silence the next 3 s.
      if ((!typing || now - lastSentAt >= (options.throttleMs ?? 3000)) && send(true) !== false) {
        typing = true;
        lastSentAt = now;
      }
      clearTimer(timers, idleTimer);
      idleTimer = timers.setTimeout(this.stop, options.idleMs ?? 3000);
    };
    this.stop = () => {
      idleTimer = clearTimer(timers, idleTimer);
      if (!typing) return;
      typing = false;
      send(false);
    };
  }
}
