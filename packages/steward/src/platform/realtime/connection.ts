// One live-channel socket: who is on it, what it follows, and a send that will not let a client that
// does not read make the server hold an unbounded backlog for it.
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/principal.ts';
import { type ServerMessage, streamCloseCodes } from './protocol.ts';

export interface ConnectionLimits {
  /** Unsent bytes above which the socket is closed with 4008 rather than buffered further. */
  slowConsumerBytes: number;
  /** How long a closed slow socket gets to take its close frame before it is cut. */
  closeGraceMs: number;
}

export class Connection {
  readonly socket: WebSocket;
  readonly principal: Principal;
  /** Topics whose events this socket receives as they happen. */
  readonly live = new Set<string>();
  /** The topics granted by the latest subscribe; a topic waits here while its resume is worked out. */
  wanted = new Set<string>();
  /** Subscribes are handled one after another, so each replaces the previous one completely. */
  subscribing: Promise<void> = Promise.resolve();
  /** Cleared by each keepalive ping, set again by the pong. */
  answeredPing = true;
  closed = false;
  private readonly limits: ConnectionLimits;
  private readonly onClosed: (connection: Connection, slowBytes?: number) => void;

  constructor(
    socket: WebSocket,
    principal: Principal,
    limits: ConnectionLimits,
    onClosed: (connection: Connection, slowBytes?: number) => void,
  ) {
    this.socket = socket;
    this.principal = principal;
    this.limits = limits;
    this.onClosed = onClosed;
  }

  /** Sends a frame serialised once for many sockets; a socket too far behind is closed instead. */
  send(frame: Buffer | string): void {
    if (this.closed) return;
    const unsent = this.socket.bufferedAmount;
    if (unsent > this.limits.slowConsumerBytes) {
      this.closeSlow(unsent);
      return;
    }
    this.socket.send(frame, { binary: false });
  }

  sendMessage(message: ServerMessage): void {
    this.send(JSON.stringify(message));
  }

  /** Marks the connection gone (the socket closed); idempotent. */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed(this);
  }

  /** Stops sending at once and closes with a code and reason for the client; idempotent. */
  end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed(this);
    this.closeWithGrace(code, reason);
  }

  private closeSlow(unsent: number): void {
    this.closed = true;
    this.onClosed(this, unsent);
    const kib = Math.ceil(unsent / 1024);
    this.closeWithGrace(streamCloseCodes.tooSlow, `too slow: ${kib} KiB unsent; reconnect and resume`);
  }

  private closeWithGrace(code: number, reason: string): void {
    this.socket.close(code, reason);
    // The close frame may wait behind a backlog; a client that does not read it is cut off.
    setTimeout(() => this.socket.terminate(), this.limits.closeGraceMs).unref();
  }
}
