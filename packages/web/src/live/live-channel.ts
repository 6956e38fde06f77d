// The live channel at /api/v1/stream: one WebSocket (authenticated by the session cookie) carrying
// the topics this page follows. It reconnects with backoff and resumes from the last seq per topic.
import type { ClientMessage, ServerMessage, StreamEvent } from '@steward/steward/api';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface TopicListener {
  onEvent(event: StreamEvent): void;
  /** Events were missed and cannot be replayed: the follower should reload the topic's state. */
  onGap?(): void;
  /**
   * The server now sends this topic's events, with nothing to resume from: what changed between the
   * follower loading its state and this moment was never sent, so it should load again.
   */
  onSubscribed?(): void;
}

const pingEveryMs = 25_000;
const maxBackoffMs = 30_000;

export function streamUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/stream`;
}

export class LiveChannel {
  status: LiveStatus = 'connecting';
  private readonly url: string;
  private readonly topics = new Map<string, Set<TopicListener>>();
  private readonly lastSeq = new Map<string, number>();
  /** Topics the server has confirmed on the current connection. */
  private readonly confirmed = new Set<string>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(url: string = streamUrl()) {
    this.url = url;
    this.connect();
  }

  /** Follows a topic until the returned function is called. */
  follow(topic: string, listener: TopicListener): () => void {
    const listeners = this.topics.get(topic) ?? new Set();
    const isNew = listeners.size === 0;
    listeners.add(listener);
    this.topics.set(topic, listeners);
    if (isNew) this.sendSubscribe();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      this.topics.delete(topic);
      this.lastSeq.delete(topic);
      this.confirmed.delete(topic);
      this.sendSubscribe();
    };
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.close(1000, 'signed out');
    this.socket = null;
  }

  private connect(): void {
    if (this.closed) return;
    this.setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.sendSubscribe();
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), pingEveryMs);
    });
    socket.addEventListener('message', (message) => this.receive(message.data));
    socket.addEventListener('close', () => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket) return;
      this.socket = null;
      this.confirmed.clear();
      this.setStatus('offline');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    // Exponential backoff with jitter, so a restarted server is not met by every portal at once.
    const ceiling = Math.min(maxBackoffMs, 500 * 2 ** this.attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'subscribed') {
      this.attempt = 0;
      this.setStatus('live');
      for (const topic of message.topics) {
        if (this.confirmed.has(topic)) continue;
        this.confirmed.add(topic);
        if (this.lastSeq.has(topic)) continue; // resumed: the server replays what was missed
        for (const listener of this.topics.get(topic) ?? []) listener.onSubscribed?.();
      }
    } else if (message.type === 'events') {
      for (const event of message.events) this.deliver(event);
    } else if (message.type === 'gap') {
      this.lastSeq.delete(message.topic);
      for (const listener of this.topics.get(message.topic) ?? []) listener.onGap?.();
    }
  }

  private deliver(event: StreamEvent): void {
    const seen = this.lastSeq.get(event.topic);
    if (seen !== undefined && event.seq <= seen) return; // replayed after a resume: already applied
    this.lastSeq.set(event.topic, event.seq);
    for (const listener of this.topics.get(event.topic) ?? []) listener.onEvent(event);
  }

  private sendSubscribe(): void {
    const topics = [...this.topics.keys()];
    const resume = Object.fromEntries([...this.lastSeq].filter(([topic]) => this.topics.has(topic)));
    const message: ClientMessage = { type: 'subscribe', topics };
    if (Object.keys(resume).length > 0) message.resume = resume;
    this.send(message);
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
