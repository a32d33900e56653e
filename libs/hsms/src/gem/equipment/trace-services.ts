import { L } from '../../protocol/items/secs-item.js';
import { parseDsper, parseS2F23, S2F24, S6F1 } from '../../secs/catalogue/index.js';
import { TraceRunner } from '../trace/trace-runner.js';
import type { EquipmentContext } from './equipment-context.js';
import { clockText } from './standard-services.js';

// E5 TIAACK codes.
const TIAACK_OK = 0;
const TIAACK_TOO_MANY_SVIDS = 1;
const TIAACK_NO_MORE_TRACES = 2;
const TIAACK_INVALID_PERIOD = 3;
const TIAACK_UNKNOWN_SVID = 4;
const TIAACK_INVALID_REPGSZ = 5;

/** Limits of trace data collection (E30 leaves them to the equipment). */
export const TRACE_LIMITS = Object.freeze({ traces: 16, svidsPerTrace: 256, minPeriodMs: 10 });

/**
 * E30 trace data collection: S2F23 Trace Initialize Send starts (or with TOTSMP 0 stops) a trace;
 * its samples go to the host as S6F1 W, each waiting for S6F2. Traces stop when the link closes:
 * the host sets them up again after reconnecting. S6F1 is spooled while not COMMUNICATING only
 * when the host asked for it with S2F43.
 */
export function registerTraceServices(ctx: EquipmentContext): void {
  const runner = new TraceRunner({
    sample: (svids) => Promise.all(svids.map(async (svid) => (await ctx.variables.readStatusVariable(svid)) ?? L())),
    now: () => ctx.clock.now(),
    send: (group) => {
      const message = S6F1({ trid: group.trid, smpln: group.smpln, stime: clockText(ctx, group.time), values: group.values }, ctx.build);
      ctx.sendOrSpool(message, `send S6F1 for TRID ${String(group.trid)}`);
    },
  });
  ctx.on('closed', () => runner.stopAll());

  ctx.register(2, 23, (m) => {
    const setup = parseS2F23(m, ctx.parse);
    if (setup.totsmp === 0) {
      runner.stop(setup.trid);
      return S2F24(TIAACK_OK, ctx.build);
    }
    const periodMs = parseDsper(setup.dsper);
    if (periodMs === undefined || periodMs < TRACE_LIMITS.minPeriodMs) return S2F24(TIAACK_INVALID_PERIOD, ctx.build);
    if (setup.svids.length > TRACE_LIMITS.svidsPerTrace) return S2F24(TIAACK_TOO_MANY_SVIDS, ctx.build);
    if (!setup.svids.every((svid) => ctx.variables.statusVariable(svid) !== undefined)) return S2F24(TIAACK_UNKNOWN_SVID, ctx.build);
    if (!Number.isSafeInteger(setup.totsmp) || setup.totsmp < 0 || !Number.isSafeInteger(setup.repgsz) || setup.repgsz < 1) {
      return S2F24(TIAACK_INVALID_REPGSZ, ctx.build);
    }
    if (!runner.has(setup.trid) && runner.count >= TRACE_LIMITS.traces) return S2F24(TIAACK_NO_MORE_TRACES, ctx.build);
    runner.start({ trid: setup.trid, periodMs, totalSamples: setup.totsmp, groupSize: setup.repgsz, svids: setup.svids });
    return S2F24(TIAACK_OK, ctx.build);
  });
}
