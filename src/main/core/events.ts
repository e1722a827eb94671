/** A small typed event hub: the service reports progress here, hosts forward it to the renderer. */
import type { ServiceEvent } from '../../shared/events';

export type Listener = (event: ServiceEvent) => void;

export class EventHub {
  private readonly listeners = new Set<Listener>();

  /** Adds a listener; returns the function that removes it. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ServiceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window, a dropped connection) must not stop the others.
      }
    }
  }
}
