import { F8, U1 } from '../../protocol/items/secs-item.js';
import { parseS2F45, parseS2F47, S2F46, S2F48, type VariableLimitAttributes } from '../../secs/catalogue/index.js';
import { numberOf } from '../limits/limit-table.js';
import type { EquipmentContext } from './equipment-context.js';
import { idItem } from './standard-services.js';

const VLAACK_ACCEPTED = 0;
const VLAACK_DEFINITION_ERROR = 1;

/**
 * E30 limits monitoring: S2F45 defines limits (all or none), S2F47 reports them; the monitored
 * variables are read every `limitsPeriodMs` and each zone transition raises the LimitZoneTransition
 * collection event with the DVs LimitVariable (the VID), EventLimit (the LIMITID) and TransitionType
 * (0 into the upper zone, 1 into the lower zone). The timer is unref'd and stops when the link closes.
 */
export function registerLimitServices(ctx: EquipmentContext): void {
  const { ids, limits, variables, build, parse } = ctx;
  variables.addDataValue({ dvid: ids.LimitVariable, name: 'LimitVariable' });
  variables.addDataValue({ dvid: ids.EventLimit, name: 'EventLimit' });
  variables.addDataValue({ dvid: ids.TransitionType, name: 'TransitionType' });
  ctx.events.add({ ceid: ids.LimitZoneTransition, name: 'LimitZoneTransition' });

  ctx.register(2, 45, (m) => {
    const { variables: requests } = parseS2F45(m, parse);
    const errors = limits.define(requests, (vid) => variables.has(vid));
    // the new limits take their zones from the value now, not from a later check
    if (errors.length === 0) setImmediate(() => void check().catch((error: unknown) => ctx.debug(`limits check failed: ${String(error)}`)));
    return S2F46({ vlaack: errors.length === 0 ? VLAACK_ACCEPTED : VLAACK_DEFINITION_ERROR, errors }, build);
  });

  ctx.register(2, 47, (m) => {
    const asked = parseS2F47(m, parse);
    const vids = asked.length > 0 ? asked : limits.monitoredVids;
    const rows: VariableLimitAttributes[] = vids.map((vid) => {
      const found = limits.attributes(vid);
      if (found === undefined) return { vid };
      const { definition, limits: bands } = found;
      return {
        vid,
        attributes: {
          units: definition.units ?? '',
          min: F8(definition.min),
          max: F8(definition.max),
          limits: bands.map((b) => ({ limitId: b.limitId, upper: F8(b.upper), lower: F8(b.lower) })),
        },
      };
    });
    return S2F48(rows, build);
  });

  let timer: NodeJS.Timeout | undefined;
  async function check(): Promise<void> {
    for (const vid of limits.monitoredVids) {
      const item = await variables.readVariable(vid);
      const value = numberOf(item);
      if (value === undefined) continue;
      for (const t of limits.update(vid, value)) {
        const values = new Map([
          [ids.LimitVariable, idItem(vid)],
          [ids.EventLimit, U1(t.limitId)],
          [ids.TransitionType, U1(t.transition)],
        ]);
        ctx.trigger(ids.LimitZoneTransition, values);
      }
    }
  }
  const start = (): void => {
    if (timer !== undefined) return;
    timer = setInterval(
      () => void check().catch((error: unknown) => ctx.debug(`limits check failed: ${String(error)}`)),
      ctx.options.limitsPeriodMs,
    );
    timer.unref();
  };
  ctx.on('communicating', start);
  ctx.on('closed', () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  });
}
