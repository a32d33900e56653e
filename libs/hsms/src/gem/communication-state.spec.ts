import { afterEach, describe, expect, it } from 'vitest';
import { CommunicationState, CommunicationStateModel } from './communication-state.js';

/** A model whose S1F13 sends are promises the test settles by hand. */
function harness(options: { enabled?: boolean; delayMs?: number; linkReady?: boolean } = {}) {
  const sends: Array<{ resolve: (commack: number) => void; reject: (error: Error) => void }> = [];
  const changes: Array<[CommunicationState, CommunicationState]> = [];
  const link = { ready: options.linkReady ?? true };
  const model = new CommunicationStateModel(
    options.delayMs ?? 20,
    {
      sendEstablishRequest: () => new Promise<number>((resolve, reject) => sends.push({ resolve, reject })),
      linkReady: () => link.ready,
      changed: (state, previous) => changes.push([state, previous]),
    },
    options.enabled ?? true,
  );
  models.push(model);
  return { model, sends, changes, link };
}

const models: CommunicationStateModel[] = [];
afterEach(() => {
  for (const m of models.splice(0)) m.dispose();
});

/** Lets promise continuations run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits (bounded) until `condition` holds. */
async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('CommunicationStateModel', () => {
  it('starts NOT COMMUNICATING when enabled and DISABLED when not (E30 initial state is configured)', () => {
    expect(harness().model.state).toBe(CommunicationState.NotCommunicating);
    expect(harness({ enabled: false }).model.state).toBe(CommunicationState.Disabled);
  });

  it('sends one S1F13 when the link comes up and is COMMUNICATING on COMMACK 0', async () => {
    const { model, sends, changes } = harness();
    model.linkUp(true);
    expect(model.state).toBe(CommunicationState.WaitCra);
    expect(sends).toHaveLength(1);
    sends[0]!.resolve(0);
    await settle();
    expect(model.state).toBe(CommunicationState.Communicating);
    expect(changes).toEqual([
      [CommunicationState.WaitCra, CommunicationState.NotCommunicating],
      [CommunicationState.Communicating, CommunicationState.WaitCra],
    ]);
  });

  it('does not send S1F13 when not initiating, and waits for the peer', () => {
    const { model, sends } = harness();
    model.linkUp(false);
    expect(sends).toHaveLength(0);
    expect(model.state).toBe(CommunicationState.NotCommunicating);
    expect(model.receivedEstablishRequest()).toBe(0);
    expect(model.state).toBe(CommunicationState.Communicating);
  });

  it('goes to WAIT DELAY on a denied S1F13 and sends the next one when the delay ends', async () => {
    const { model, sends, changes } = harness({ delayMs: 30 });
    model.linkUp(true);
    sends[0]!.resolve(1);
    await settle();
    expect(model.state).toBe(CommunicationState.WaitDelay);
    await until(() => sends.length === 2);
    expect(model.state).toBe(CommunicationState.WaitCra);
    sends[1]!.resolve(0);
    await settle();
    expect(model.state).toBe(CommunicationState.Communicating);
    expect(changes.map(([s]) => s)).toEqual([
      CommunicationState.WaitCra,
      CommunicationState.WaitDelay,
      CommunicationState.WaitCra,
      CommunicationState.Communicating,
    ]);
  });

  it('goes to WAIT DELAY when the S1F13 transaction fails (T3)', async () => {
    const { model, sends } = harness({ delayMs: 10_000 });
    model.linkUp(true);
    sends[0]!.reject(new Error('T3'));
    await settle();
    expect(model.state).toBe(CommunicationState.WaitDelay);
  });

  it('retries at once in WAIT DELAY when a message other than S1F13 arrives', async () => {
    const { model, sends } = harness({ delayMs: 10_000 });
    model.linkUp(true);
    sends[0]!.resolve(1);
    await settle();
    model.receivedOtherMessage();
    expect(sends).toHaveLength(2);
    expect(model.state).toBe(CommunicationState.WaitCra);
  });

  it('is COMMUNICATING when the peer S1F13 arrives in WAIT CRA, and ignores the late COMMACK of its own', async () => {
    const { model, sends } = harness();
    model.linkUp(true);
    expect(model.receivedEstablishRequest()).toBe(0);
    expect(model.state).toBe(CommunicationState.Communicating);
    sends[0]!.resolve(1); // even a denial of our crossing S1F13 changes nothing now
    await settle();
    expect(model.state).toBe(CommunicationState.Communicating);
    expect(sends).toHaveLength(1);
  });

  it('takes an S1F14 read on the receive path before its promise settles', () => {
    const { model, sends } = harness();
    model.linkUp(true);
    model.receivedEstablishAck(0);
    expect(model.state).toBe(CommunicationState.Communicating);
    expect(sends).toHaveLength(1);
  });

  it('falls back to NOT COMMUNICATING at once when the link goes down, and stops the delay timer', async () => {
    const { model, sends } = harness({ delayMs: 20 });
    model.linkUp(true);
    sends[0]!.resolve(0);
    await settle();
    model.linkDown();
    expect(model.state).toBe(CommunicationState.NotCommunicating);

    model.linkUp(true);
    sends[1]!.resolve(1);
    await settle();
    expect(model.state).toBe(CommunicationState.WaitDelay);
    model.linkDown();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sends).toHaveLength(2);
    expect(model.state).toBe(CommunicationState.NotCommunicating);
  });

  it('ignores the result of an attempt made before the link went down', async () => {
    const { model, sends } = harness();
    model.linkUp(true);
    model.linkDown();
    sends[0]!.resolve(0);
    await settle();
    expect(model.state).toBe(CommunicationState.NotCommunicating);
  });

  it('denies S1F13 while DISABLED and sends its own once enabled', () => {
    const { model, sends } = harness({ enabled: false });
    model.linkUp(true);
    expect(sends).toHaveLength(0);
    expect(model.receivedEstablishRequest()).toBe(1);
    expect(model.state).toBe(CommunicationState.Disabled);
    model.enable(true);
    expect(sends).toHaveLength(1);
    expect(model.state).toBe(CommunicationState.WaitCra);
    model.disable();
    expect(model.state).toBe(CommunicationState.Disabled);
  });

  it('does not send while the link is not ready', () => {
    const { model, sends } = harness({ linkReady: false });
    model.linkUp(true);
    expect(sends).toHaveLength(0);
    expect(model.state).toBe(CommunicationState.NotCommunicating);
  });

  it('establish() resolves with the state the attempt ended in', async () => {
    const { model, sends } = harness({ delayMs: 10_000 });
    const first = model.establish();
    expect(sends).toHaveLength(1);
    const joined = model.establish(); // joins the outstanding attempt
    expect(sends).toHaveLength(1);
    sends[0]!.resolve(1);
    expect(await first).toBe(CommunicationState.WaitDelay);
    expect(await joined).toBe(CommunicationState.WaitDelay);
    const second = model.establish();
    sends[1]!.resolve(0);
    expect(await second).toBe(CommunicationState.Communicating);
    expect(await model.establish()).toBe(CommunicationState.Communicating);
  });
});
