/** A listener-set per event name. */
export type Listener<T> = (payload: T) => void;

/**
 * A small typed event emitter. `on` returns its own unsubscribe; a listener that throws does not stop the others
 * (its error is rethrown asynchronously, where the platform reports it).
 *
 * @example
 * const events = new Emitter<{ error: Error }>();
 * const off = events.on('error', (error) => console.warn(error));
 * off();
 */
export class Emitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
