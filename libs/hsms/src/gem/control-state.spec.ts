import { describe, expect, it } from 'vitest';
import { ControlState, ControlStateModel, type ControlStateConfig } from './control-state.js';

function model(config: Partial<ControlStateConfig> = {}) {
  const changes: ControlState[] = [];
  const m = new ControlStateModel({ initial: 'ONLINE', remote: true, onlineFailed: 'EQUIPMENT_OFFLINE', ...config }, (s) =>
    changes.push(s),
  );
  return { m, changes };
}

describe('ControlStateModel', () => {
  it('starts in the configured state and ON-LINE substate', () => {
    expect(model().m.state).toBe(ControlState.OnlineRemote);
    expect(model({ remote: false }).m.state).toBe(ControlState.OnlineLocal);
    expect(model({ initial: 'EQUIPMENT_OFFLINE' }).m.state).toBe(ControlState.EquipmentOffline);
    expect(model({ initial: 'HOST_OFFLINE' }).m.state).toBe(ControlState.HostOffline);
  });

  it('answers S1F17 with ONLACK 2 when on-line, 1 from EQUIPMENT OFF-LINE, 0 from HOST OFF-LINE (then on-line)', () => {
    expect(model().m.hostRequestsOnline()).toBe(2);
    const offline = model({ initial: 'EQUIPMENT_OFFLINE' });
    expect(offline.m.hostRequestsOnline()).toBe(1);
    expect(offline.m.state).toBe(ControlState.EquipmentOffline);
    const host = model({ initial: 'HOST_OFFLINE', remote: false });
    expect(host.m.hostRequestsOnline()).toBe(0);
    expect(host.m.state).toBe(ControlState.OnlineLocal);
  });

  it('goes to HOST OFF-LINE on S1F15 when on-line, with OFLACK 0', () => {
    const { m, changes } = model();
    expect(m.hostRequestsOffline()).toBe(0);
    expect(m.state).toBe(ControlState.HostOffline);
    expect(changes).toEqual([ControlState.HostOffline]);
  });

  it('attempts on-line only from EQUIPMENT OFF-LINE and ends on-line or in the configured failure state', () => {
    const ok = model({ initial: 'EQUIPMENT_OFFLINE' });
    expect(ok.m.beginAttemptOnline()).toBe(true);
    expect(ok.m.state).toBe(ControlState.AttemptOnline);
    ok.m.endAttemptOnline(true);
    expect(ok.m.state).toBe(ControlState.OnlineRemote);

    const fails = model({ initial: 'EQUIPMENT_OFFLINE', onlineFailed: 'HOST_OFFLINE' });
    fails.m.beginAttemptOnline();
    fails.m.endAttemptOnline(false);
    expect(fails.m.state).toBe(ControlState.HostOffline);
    expect(fails.m.beginAttemptOnline()).toBe(false); // E30: HOST OFF-LINE waits for S1F17
  });

  it('switches between LOCAL and REMOTE when on-line and remembers the switch when off-line', () => {
    const { m } = model();
    m.setRemote(false);
    expect(m.state).toBe(ControlState.OnlineLocal);
    m.goOffline();
    expect(m.state).toBe(ControlState.EquipmentOffline);
    m.setRemote(true);
    expect(m.state).toBe(ControlState.EquipmentOffline);
    m.beginAttemptOnline();
    m.endAttemptOnline(true);
    expect(m.state).toBe(ControlState.OnlineRemote);
  });
});
