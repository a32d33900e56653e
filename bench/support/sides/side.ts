// What every library's side module of the round-trip benchmark offers (bench/support/sides/*-side.ts).

/** A connected host: keeps `depth` S1F1 W requests outstanding for `ms`, then resolves with the replies counted. */
export interface BenchHost {
  run(depth: number, ms: number): Promise<number>;
}

export interface Side {
  /** Starts the equipment, listening on 127.0.0.1; resolves with its port. */
  startEquipment?(): Promise<number>;
  /** Connects a host to the equipment on `port`, checks one S1F2, and returns it. */
  connectHost?(port: number): Promise<BenchHost>;
}

/** The libraries (and paths) the benchmark runs; each has bench/support/sides/<name>-side.ts. */
export type Library = 'bare' | 'bare-promise' | 'bare-promise-core' | 'ours' | 'nest' | 'secs4js';

export const CONNECT_TIMEOUT_MS = 10_000;

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function expectS1F2Texts(texts: string[], library: string): void {
  if (texts.join(',') !== 'MDLN,SOFTREV') throw new Error(`${library}: S1F2 body was [${texts.join(', ')}]`);
}
