import { describe, expect, it } from 'vitest';
import { HsmsOptionError } from '../protocol/hsms-error.js';
import type { HsmsModuleOptions } from './hsms-module-options.js';
import { resolveHsmsModuleOptions } from './resolve-hsms-module-options.js';

const ACTIVE = { name: 'etcher', address: '127.0.0.1', port: 5000, active: true };

/** The HsmsOptionError the options are refused with. */
function refusal(options: unknown): HsmsOptionError {
  try {
    resolveHsmsModuleOptions(options as HsmsModuleOptions);
  } catch (error) {
    if (error instanceof HsmsOptionError) return error;
    throw error;
  }
  throw new Error('the options were accepted');
}

describe('resolveHsmsModuleOptions', () => {
  it('returns numbers for ports, session ids and timers given as decimal strings (from env)', () => {
    const env = { HSMS_PORT: '15100', HSMS_SESSION: '7', HSMS_T3: '30' };
    const resolved = resolveHsmsModuleOptions({
      t3: env.HSMS_T3,
      peers: [{ ...ACTIVE, port: env.HSMS_PORT, sessionId: env.HSMS_SESSION, linktest: '0' }],
    } as unknown as HsmsModuleOptions);
    expect(resolved.t3).toBe(30);
    expect(resolved.peers?.[0]).toEqual({ ...ACTIVE, port: 15100, sessionId: 7, linktest: 0 });
  });

  it('takes the trace caps (module and per peer) and notSelectedBackoff, naming a bad or unknown field by its path', () => {
    const resolved = resolveHsmsModuleOptions({
      trace: { maxChars: 4096 },
      notSelectedBackoff: { after: 5 },
      peers: [{ ...ACTIVE, trace: { perSecond: '10' } }],
    } as unknown as HsmsModuleOptions);
    expect(resolved.trace).toMatchObject({ maxChars: 4096, perSecond: 100 });
    expect(resolved.peers?.[0]?.trace).toMatchObject({ perSecond: 10, maxChars: 8192 });
    expect(resolveHsmsModuleOptions({ notSelectedBackoff: false }).notSelectedBackoff).toBe(false);
    expect(refusal({ peers: [{ ...ACTIVE, trace: { maxChars: 10 } }] }).path).toBe('peers[0].trace.maxChars');
    expect(refusal({ trace: { maxChar: 100 } }).message).toMatch(/^trace\.maxChar: unknown option 'maxChar' \(did you mean 'maxChars'\?\)/);
    expect(refusal({ notSelectedBackoff: { after: 0 } }).path).toBe('notSelectedBackoff.after');
    expect(refusal({ notSelectedBackof: false }).path).toBe('notSelectedBackof');
  });

  it('leaves unset timers unset, so the module default or E37 default applies later', () => {
    const resolved = resolveHsmsModuleOptions({ peers: [ACTIVE] });
    expect(resolved.peers?.[0]).toEqual(ACTIVE);
    expect('t3' in resolved).toBe(false);
  });

  it("passes the GEM equipment's capability options (spooling, state store, standard ids ...) through peers[].gem", () => {
    const gem = {
      mdln: 'TOOL',
      spooling: { enabled: true, overwrite: true, maxTransmit: 10, capacity: 500 },
      standardIds: { Clock: 1 },
      limitsPeriod: 0.5,
      conversationTimeout: 10,
      maxMultiBlockBytes: 1024,
      multiBlockInquireBytes: 4096,
      firstReportId: 2000,
    };
    const resolved = resolveHsmsModuleOptions({ peers: [{ ...ACTIVE, role: 'equipment', gem }] });
    expect(resolved.peers?.[0]?.gem).toEqual(gem);
  });

  it("refuses '15100abc' as a port, saying it is a string", () => {
    const error = refusal({ peers: [{ ...ACTIVE, port: '15100abc' }] });
    expect(error.path).toBe('peers[0].port');
    expect(error.message).toBe('peers[0].port: must be an integer in 1..65535, got the string "15100abc"');
  });

  it.each([
    [{ sessionID: 1 }, 'sessionID', 'sessionId'],
    [{ Port: 1 }, 'Port', 'port'],
    [{ enable: false }, 'enable', 'enabled'],
    [{ linktestFailure: 2 }, 'linktestFailure', 'linktestFailures'],
  ])('refuses the unknown peer key %j naming the nearest valid one', (extra, key, nearest) => {
    const error = refusal({ peers: [ACTIVE, { ...ACTIVE, name: 'other', ...extra }] });
    expect(error.path).toBe(`peers[1].${key}`);
    expect(error.message).toBe(`peers[1].${key}: unknown option '${key}' (did you mean '${nearest}'?)`);
  });

  it.each([
    [{ peer: [] }, 'peer', "(did you mean 'peers'?)"],
    [{ logLevl: 'debug' }, 'logLevl', "(did you mean 'logLevel'?)"],
    [{ connectRateLimit: { attempts: 3, perSecond: 1 } }, 'connectRateLimit.perSecond', "(did you mean 'perSeconds'?)"],
    [{ tls: { certfile: 'x' } }, 'tls.certfile', "(did you mean 'certFile'?)"],
  ])('refuses the unknown key in %j at every level', (options, path, hint) => {
    const error = refusal(options);
    expect(error.path).toBe(path);
    expect(error.message).toContain(hint);
  });

  it('refuses t3: 45000 (milliseconds) with a message about seconds, at module and peer level', () => {
    expect(refusal({ t3: 45000 }).message).toMatch(/^t3: must be a number of seconds in \(0, 120\], got 45000 .*seconds, not milliseconds/);
    expect(refusal({ peers: [{ ...ACTIVE, t6: 5000 }] }).path).toBe('peers[0].t6');
  });

  it('holds the session id to 0..32767 (E37 15-bit device id)', () => {
    expect(resolveHsmsModuleOptions({ peers: [{ ...ACTIVE, sessionId: 32767 }] }).peers?.[0]?.sessionId).toBe(32767);
    expect(refusal({ peers: [{ ...ACTIVE, sessionId: 32768 }] }).message).toBe(
      'peers[0].sessionId: must be an integer in 0..32767, got 32768',
    );
  });

  it('lets a passive peer listen on port 0 but wants a real port for an active one', () => {
    expect(resolveHsmsModuleOptions({ peers: [{ ...ACTIVE, active: false, port: 0 }] }).peers?.[0]?.port).toBe(0);
    expect(refusal({ peers: [{ ...ACTIVE, port: 0 }] }).path).toBe('peers[0].port');
  });

  it.each([
    [null, 'options'],
    [{ peers: {} }, 'peers'],
    [{ peers: [null] }, 'peers[0]'],
    [{ peers: [{ ...ACTIVE, role: 'tool' }] }, 'peers[0].role'],
    [{ peers: [{ ...ACTIVE, gem: 'yes' }] }, 'peers[0].gem'],
    [{ peers: [ACTIVE, ACTIVE] }, 'peers[1].name'],
    [{ logLevel: 'trace' }, 'logLevel'],
    [{ onQueueFull: 'drop' }, 'onQueueFull'],
  ])('refuses %j naming %s', (options, path) => {
    const error = refusal(options);
    expect(error.path).toBe(path);
    expect(error.code).toBe('HSMS_OPTION_INVALID');
  });
});
