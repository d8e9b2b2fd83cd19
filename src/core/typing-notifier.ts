import type { Timers } from './timers';

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
  private typing = false;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private idleTimer: unknown = null;
  private readonly throttleMs: number;
  private readonly idleMs: number;

  constructor(
    /** Sends the indicator; returning `false` means it did not go out, so the next keystroke tries again. */
    private readonly send: (isTyping: boolean) => unknown,
    private readonly timers: Timers,
    options: TypingNotifierOptions = {},
  ) {
    this.throttleMs = options.throttleMs ?? 3000;
    this.idleMs = options.idleMs ?? 3000;
  }

  /** Call on every keystroke. */
  input(): void {
    const now = this.timers.now();
    if (!this.typing || now - this.lastSentAt >= this.throttleMs) {
      // Typing right after opening a chat, before its socket is ready, must not silence the next 3 s.
      if (this.send(true) !== false) {
        this.typing = true;
        this.lastSentAt = now;
      }
    }
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = this.timers.setTimeout(() => this.stop(), this.idleMs);
  }

  /** Call when the message is sent or the input goes away. */
  stop(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.typing) return;
    this.typing = false;
    this.send(false);
  }
}
