import { parseArgs } from 'node:util';
import type { HsmsTimerOptions } from '../connections/hsms-options.js';
import { readCommandLine } from './command-line.js';
import { readAddress, readChoice, readHost, readInteger, readPort, readSeconds, required } from './option-values.js';
import { MAX_SESSION_ID } from '../protocol/option-checks.js';

export type EndpointMode = 'serve' | 'connect';
export type EndpointRole = 'equipment' | 'host';

/** What `hsms serve` / `hsms connect` run, read from the command line. */
export interface EndpointSettings {
  readonly mode: EndpointMode;
  readonly role: EndpointRole;
  /** serve: the peer address to accept ('*': any). connect: the host to connect to. */
  readonly address: string;
  readonly port: number;
  /** serve only: the interface to listen on. */
  readonly bind: string | undefined;
  readonly sessionId: number;
  readonly eventPeriod: number | undefined;
  /** Equipment role: where the E30 non-volatile state lives (default: a temporary directory). */
  readonly stateDir: string | undefined;
  readonly timers: HsmsTimerOptions;
  readonly debug: boolean;
  /** Most bytes of log lines kept for a slow stdout (--log-queue); past it lines are dropped and counted. */
  readonly logQueueBytes: number | undefined;
}

const TIMER_NAMES = ['t3', 't5', 't6', 't7', 't8'] as const;

const COMMON = {
  port: { type: 'string' },
  role: { type: 'string' },
  'device-id': { type: 'string' },
  'event-period': { type: 'string' },
  'state-dir': { type: 'string' },
  t3: { type: 'string' },
  t5: { type: 'string' },
  t6: { type: 'string' },
  t7: { type: 'string' },
  t8: { type: 'string' },
  linktest: { type: 'string' },
  debug: { type: 'boolean' },
  'log-queue': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SERVE_OPTIONS = { ...COMMON, address: { type: 'string' }, bind: { type: 'string' } } as const;
const CONNECT_OPTIONS = { ...COMMON, host: { type: 'string' } } as const;

/** Reads the arguments after `serve` or `connect`; 'help' when --help was asked for. Throws CliUsageError. */
export function readEndpointArgs(mode: EndpointMode, args: readonly string[]): EndpointSettings | 'help' {
  if (mode === 'serve') {
    const { values } = readCommandLine(() => parseArgs({ args: [...args], options: SERVE_OPTIONS, strict: true, allowPositionals: false }));
    if (values.help === true) return 'help';
    return {
      ...common(mode, values),
      address: readAddress('address', values.address ?? '*', true),
      port: readPort('port', required('port', values.port), true),
      bind: values.bind === undefined ? undefined : readAddress('bind', values.bind, false),
    };
  }
  const { values } = readCommandLine(() => parseArgs({ args: [...args], options: CONNECT_OPTIONS, strict: true, allowPositionals: false }));
  if (values.help === true) return 'help';
  return {
    ...common(mode, values),
    address: readHost('host', required('host', values.host)),
    port: readPort('port', required('port', values.port), false),
    bind: undefined,
  };
}

type CommonValues = { [K in keyof typeof COMMON]?: (typeof COMMON)[K]['type'] extends 'boolean' ? boolean : string };

function common(mode: EndpointMode, values: CommonValues): Omit<EndpointSettings, 'address' | 'port' | 'bind'> {
  const timers: HsmsTimerOptions = {};
  for (const name of TIMER_NAMES) {
    const text = values[name];
    if (text !== undefined) timers[name] = readSeconds(name, text);
  }
  if (values.linktest !== undefined) timers.linktest = readSeconds('linktest', values.linktest, true);
  return {
    mode,
    role: readChoice('role', values.role ?? 'equipment', ['equipment', 'host'] as const),
    sessionId: values['device-id'] === undefined ? 0 : readInteger('device-id', values['device-id'], 0, MAX_SESSION_ID),
    eventPeriod: values['event-period'] === undefined ? undefined : readSeconds('event-period', values['event-period']),
    stateDir: values['state-dir'],
    timers,
    debug: values.debug === true,
    logQueueBytes: values['log-queue'] === undefined ? undefined : readInteger('log-queue', values['log-queue'], 1024, 2 ** 31),
  };
}
