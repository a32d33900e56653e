import { RunWindow } from '../bare-frames.js';

/**
 * Keeps `depth` requests outstanding for `ms` the way an application does with a Promise API:
 * `depth` async workers, each awaiting its reply before it sends again. Resolves with the count.
 */
export async function runWorkers<T>(send: () => Promise<T>, isS1F2: (reply: T) => boolean, depth: number, ms: number): Promise<number> {
  const window = new RunWindow(ms);
  let count = 0;
  const worker = async (): Promise<void> => {
    while (window.open) {
      const reply = await send();
      if (!isS1F2(reply)) throw new Error('the reply is not S1F2');
      count++;
    }
  };
  await Promise.all(Array.from({ length: depth }, worker));
  window.close();
  return count;
}
