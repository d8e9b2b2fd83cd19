/** What the client reacts to in its surroundings. */
export interface EnvironmentHandlers {
  /** The network is back. */
  online(): void;
  /** The network is gone. */
  offline(): void;
  /** The page became visible again. */
  visible(): void;
  /** The page was hidden (optional, so environments written before presence keep working). */
  hidden?(): void;
}

/** A source of network and visibility changes; the browser's by default, a fake in tests. */
export interface EnvironmentSignals {
  subscribe(handlers: EnvironmentHandlers): () => void;
}

/**
 * The browser's `online`/`offline` and `visibilitychange` events. Where there is no window (Node, server
 * rendering) it reports nothing.
 *
 * @example
 * const stop = browserEnvironment.subscribe({ online: resume, offline: pause, visible: check });
 */
export const browserEnvironment: EnvironmentSignals = {
  subscribe(handlers) {
    if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
    const listeners: Array<[EventTarget, string, () => void]> = [
      [window, 'online', handlers.online],
      [window, 'offline', handlers.offline],
      [document, 'visibilitychange', () => (document.visibilityState === 'visible' ? handlers.visible() : handlers.hidden?.())],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
    return () => {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    };
  },
};
