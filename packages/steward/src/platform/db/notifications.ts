// What a notification subscriber is given and told: shared by the database facade and the
// PostgreSQL listener that delivers across processes, so neither has to import the other for it.

export type NotificationHandler = (payload: string) => void;

export interface ListenOptions {
  /**
   * Called when notifications may have been lost: the listener's connection dropped and is back.
   * Whatever the handler keeps up to date from notifications should be read afresh.
   */
  onMissed?: () => void;
}

/** Whether notifications from other processes arrive; down while the listener reconnects. */
export type ListenerHealth = { up: true } | { up: false; since: Date; reason: string };
