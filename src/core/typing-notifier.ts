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
  readonly #send: (isTyping: boolean) => unknown;
  readonly #timers: Timers;
  readonly #throttleMs: number;
  readonly #idleMs: number;
  #typing = false;
  #lastSentAt = -Infinity;
  #idleTimer: unknown = null;

  constructor(
    /** Sends the indicator; returning `false` means it did not go out, so the next keystroke tries again. */
    send: (isTyping: boolean) => unknown,
    timers: Timers,
    options: TypingNotifierOptions = {},
  ) {
    this.#send = send;
    this.#timers = timers;
    this.#throttleMs = options.throttleMs ?? 3000;
    this.#idleMs = options.idleMs ?? 3000;
  }

  /** Call on every keystroke. */
  input(): void {
    const now = this.#timers.now();
    // Typing right after opening a chat, before its socket is ready, must not silence the next 3 s.
    if ((!this.#typing || now - this.#lastSentAt >= this.#throttleMs) && this.#send(true) !== false) {
      this.#typing = true;
      this.#lastSentAt = now;
    }
    clearTimer(this.#timers, this.#idleTimer);
    this.#idleTimer = this.#timers.setTimeout(() => this.stop(), this.#idleMs);
  }

  /** Call when the message is sent or the input goes away. */
  stop(): void {
    this.#idleTimer = clearTimer(this.#timers, this.#idleTimer);
    if (!this.#typing) return;
    this.#typing = false;
    this.#send(false);
  }
}
