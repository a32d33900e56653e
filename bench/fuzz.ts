// `npm run fuzz -- --seconds 60 [--seed 42] [--workers 8]`: the fuzz test of test/fuzz-live-endpoint.spec.ts for
// as long as asked. Fuzz peers at 127.0.0.10+ throw mutated frames (checked against protocol.md's
// answers), random frame sequences and random bytes at a live multi-passive endpoint, while our
// good host at 127.0.0.2 does S1F1/S1F2 round trips the whole time. Prints counts per kind, the
// good peer's latencies, heap and RSS before and after; exits 1 on any violation, failed round
// trip, uncaught exception or unhandled rejection, or heap growth over the bound.
import fc from 'fast-check';
import {
  caseBytes,
  FUZZ_MAX_MESSAGE_LENGTH,
  frameCaseArbitrary,
  frameSequenceArbitrary,
  rawBytesArbitrary,
} from '../test/support/fuzz-frames.js';
import { expectationFor, violation } from '../test/support/fuzz-oracle.js';
import { FUZZ_MANAGER_OPTIONS, FuzzTarget, fuzzPeers } from '../test/support/fuzz-target.js';
import { Cleanup } from '../test/support/hsms-test-kit.js';
import { goodHost, liveEquipment, roundTrip, RoundTripLoop } from '../test/support/live-equipment.js';
import { ProcessFaults } from '../test/support/process-health.js';
import { ensureCatalogueData } from './soak/catalogue-data.js';
import { mib, ms, numberFlag, settledMemory } from './soak/run-stats.js';

const HEAP_GROWTH_BOUND = 32 * 1024 * 1024;
const BATCH = 48; // cases drawn per generator turn
const MAX_VIOLATIONS_SHOWN = 10;

const argv = process.argv.slice(2);
const seconds = numberFlag(argv, 'seconds', Number(argv.find((a) => /^\d+$/.test(a)) ?? 30));
const seed = numberFlag(argv, 'seed', Date.now() % 1_000_000);
/** Fuzz connections at a time, each from its own address (the ring has 48). */
const workers = Math.min(32, numberFlag(argv, 'workers', 8));

ensureCatalogueData();
const peers = fuzzPeers(48, 10, { t8: 0.1, maxMessageLength: FUZZ_MAX_MESSAGE_LENGTH });
const cleanup = new Cleanup();
const faults = new ProcessFaults().start();
/** The first violations, in full; violationCount counts them all. */
const violations: string[] = [];
let violationCount = 0;
const counts = { frames: 0, sequences: 0, raw: 0 };
let exitCode = 1;

try {
  const live = await liveEquipment(cleanup, [{ name: 'good', address: '127.0.0.2' }, ...peers], FUZZ_MANAGER_OPTIONS);
  const host = await goodHost(cleanup, live.port, '127.0.0.2');
  for (let i = 0; i < 100; i++) await roundTrip(host); // warm-up
  const target = new FuzzTarget(live, peers, 3000);
  const before = settledMemory();
  const good = new RoundTripLoop(host);
  console.log(`fuzzing 127.0.0.1:${live.port} for ${seconds} s with seed ${seed} (${peers.length} fuzz peers, good peer at 127.0.0.2)`);

  const started = performance.now();
  for (let turn = 0; performance.now() - started < seconds * 1000; turn++) {
    const batchSeed = seed + turn;
    const note = (error: unknown): void => {
      violationCount++;
      if (violations.length < MAX_VIOLATIONS_SHOWN)
        violations.push(`${error instanceof Error ? error.message : String(error)} (seed ${batchSeed})`);
    };
    if (turn % 3 === 0) {
      await concurrently(fc.sample(frameCaseArbitrary, { numRuns: BATCH, seed: batchSeed }), async (c) => {
        counts.frames++;
        const expectation = expectationFor(c);
        const closes = expectation.kind === 'too-long' || (expectation.kind === 'exact' && expectation.closes);
        const wrong = violation(expectation, await target.run(c.selectFirst, caseBytes(c), c.cuts, closes));
        if (wrong !== undefined) note(new Error(wrong));
      }).catch(note);
    } else {
      const raw = turn % 3 === 2;
      await concurrently(fc.sample(raw ? rawBytesArbitrary : frameSequenceArbitrary, { numRuns: BATCH, seed: batchSeed }), async (s) => {
        if (raw) counts.raw++;
        else counts.sequences++;
        await target.run(s.selectFirst, s.bytes, s.cuts, false);
      }).catch(note);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  await good.stop();
  const after = settledMemory();

  const growth = after.heapUsed - before.heapUsed;
  const c = target.counts;
  console.log(
    `cases: ${c.cases} in ${elapsed.toFixed(1)} s (${(c.cases / elapsed).toFixed(0)}/s): ${counts.frames} mutated frames (oracle-checked), ${counts.sequences} frame sequences, ${counts.raw} random byte strings`,
  );
  console.log(`outcomes: ${c.answered} answered the barrier, ${c.closed} closed; ${c.answers} answers sent back`);
  console.log(`violations: ${violationCount}`);
  for (const v of violations) console.log(`  ${v}`);
  console.log(
    `good peer: ${good.completed} round trips, ${good.failed} failed; p50 ${ms(good.percentile(50))}, p99 ${ms(good.percentile(99))}, max ${ms(good.percentile(100))}`,
  );
  console.log(
    `log lines: ${live.logger.counts.error} error, ${live.logger.counts.warn} warn; first errors: ${JSON.stringify(live.logger.first.error.slice(0, 3))}`,
  );
  console.log(`uncaught exceptions / unhandled rejections: ${faults.faults.length}`);
  console.log(
    `heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)} (growth ${mib(growth)}, bound ${mib(HEAP_GROWTH_BOUND)}: ${growth < HEAP_GROWTH_BOUND ? 'PASS' : 'FAIL'}), RSS ${mib(before.rss)} -> ${mib(after.rss)}`,
  );
  const ok = violationCount === 0 && good.failed === 0 && faults.faults.length === 0 && growth < HEAP_GROWTH_BOUND;
  console.log(ok ? 'PASS' : 'FAIL');
  exitCode = ok ? 0 : 1;
} finally {
  await cleanup.run();
  faults.stop();
}
process.exit(exitCode);

/** Runs `work` over `items` with `workers` at a time; every item runs even when some fail (the first failure is rethrown). */
async function concurrently<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!).catch((error: unknown) => void failures.push(error));
  };
  await Promise.all(Array.from({ length: workers }, worker));
  if (failures.length > 0) throw failures[0];
}
