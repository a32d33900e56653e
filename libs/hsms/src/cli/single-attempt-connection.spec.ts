import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CliConnectError } from './cli-errors.js';
import { SingleAttemptConnection } from './single-attempt-connection.js';

const LOOPBACK = '127.0.0.1';
const undo: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of undo.splice(0).reverse()) await step();
});

async function listener(): Promise<{ server: Server; port: number; accepted: Socket[] }> {
  const accepted: Socket[] = [];
  const server = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  undo.push(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { server, port: (server.address() as AddressInfo).port, accepted };
}

function connection(port: number): SingleAttemptConnection {
  const conn = new SingleAttemptConnection(LOOPBACK, port, 0, undefined, { connectTimeout: 2, t5: 0.05 });
  undo.push(() => conn.disable());
  return conn;
}

describe('SingleAttemptConnection', () => {
  it('connects once and tells its delegate', async () => {
    const { port, accepted } = await listener();
    const conn = connection(port);
    let established = 0;
    conn.delegate = { onConnectionEstablished: () => established++ };
    conn.enable();
    await conn.whenConnected();
    expect(conn.connected).toBe(true);
    expect(established).toBe(1);
    expect(accepted).toHaveLength(1);
  });

  it('rejects with CliConnectError naming the reason when refused, and does not try again', async () => {
    const { server, port } = await listener();
    await new Promise((resolve) => server.close(resolve));
    const conn = connection(port);
    conn.enable();
    conn.enable(); // one instance, one attempt
    await expect(conn.whenConnected()).rejects.toThrow(new CliConnectError(LOOPBACK, port, `connect ECONNREFUSED ${LOOPBACK}:${port}`));
    expect(conn.connected).toBe(false);
  });

  it('rejects as cancelled when disabled during the attempt, and refuses port 0', async () => {
    const { port } = await listener();
    const conn = connection(port);
    conn.enable();
    await conn.disable();
    await expect(conn.whenConnected()).rejects.toThrow(/cancelled/);
    expect(() => new SingleAttemptConnection(LOOPBACK, 0, 0)).toThrow(/port/);
  });
});
