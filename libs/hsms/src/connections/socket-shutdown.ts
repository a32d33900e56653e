import type { Server, Socket } from 'node:net';

/**
 * Ends a socket politely and destroys it if the peer does not finish the close within `graceMs`.
 * end() lets queued bytes (a Separate.req written just before) reach the peer, then sends FIN; a
 * live peer answers with its own FIN at once. A vanished peer never does, so the grace timer
 * bounds disable()/stop() (secsgem hangs forever here). Resolves when the socket is closed.
 */
export function endSocket(socket: Socket, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) {
      resolve();
      return;
    }
    const timer = setTimeout(() => socket.destroy(), graceMs);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // A write or reset error during the close is expected and already reported as the cause.
    socket.on('error', ignore);
    if (!socket.destroyed) socket.end();
  });
}

/**
 * Stops a listener. server.close() waits for the sockets it accepted; those are ended by their
 * connections within their grace time, and this bound makes sure the promise settles regardless.
 */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Turns away a socket we do not want (unknown peer, second connection) without a goodbye. */
export function refuseSocket(socket: Socket): void {
  socket.on('error', ignore);
  socket.destroy();
}

function ignore(): void {}
