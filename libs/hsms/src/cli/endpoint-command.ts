import { EquipmentSimulator } from '../simulator/equipment-simulator.js';
import type { CliIo } from './cli-io.js';
import { readEndpointArgs, type EndpointMode, type EndpointSettings } from './endpoint-args.js';
import { ExitCode } from './exit-codes.js';
import { CONNECT_HELP, SERVE_HELP } from './help-text.js';
import { LineLogger } from './line-logger.js';
import { LoggingHost } from './logging-host.js';
import { waitForStop } from './wait-for-stop.js';

/** What serve and connect run: the simulator or the bare host. */
interface Endpoint {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly listeningPort: number | undefined;
}

/**
 * `hsms serve` and `hsms connect`: runs the endpoint until the AbortSignal of `io` (or SIGINT /
 * SIGTERM), logging to stdout. The tool's own first line ('listening on ...' / 'connecting to
 * ...') comes before any log line, so a script can read the port from it.
 */
export async function runEndpoint(mode: EndpointMode, args: readonly string[], io: CliIo): Promise<number> {
  const settings = readEndpointArgs(mode, args);
  if (settings === 'help') {
    io.stdout.write(mode === 'serve' ? SERVE_HELP : CONNECT_HELP);
    return ExitCode.ok;
  }
  const logger = new LineLogger(io.stdout, { debug: settings.debug, held: true, maxQueuedBytes: settings.logQueueBytes });
  const endpoint = createEndpoint(settings, logger);
  try {
    await endpoint.start();
  } catch (error) {
    logger.release();
    io.stderr.write(`hsms ${mode}: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.connect;
  }
  io.stdout.write(firstLine(settings, endpoint.listeningPort));
  logger.release();
  const reason = await waitForStop(io.signal);
  logger.log(`${reason}: stopping`, 'hsms');
  await endpoint.stop();
  logger.log('stopped', 'hsms');
  return ExitCode.ok;
}

function createEndpoint(settings: EndpointSettings, logger: LineLogger): Endpoint {
  const active = settings.mode === 'connect';
  const link = {
    active,
    address: settings.address,
    port: settings.port,
    sessionId: settings.sessionId,
    bindAddress: settings.bind,
    ...settings.timers,
  };
  if (settings.role === 'host') return new LoggingHost({ ...link, name: 'host', logger });
  return new EquipmentSimulator({
    ...link,
    name: 'equipment',
    eventPeriod: settings.eventPeriod,
    stateDir: settings.stateDir,
    logger,
    logLevel: 'verbose', // every message in SML; debug lines only reach stdout with --debug (LineLogger)
  });
}

function firstLine(settings: EndpointSettings, listeningPort: number | undefined): string {
  if (settings.mode === 'connect') return `connecting to ${settings.address}:${settings.port}\n`;
  const peer = settings.address === '*' ? 'any peer' : `peer ${settings.address}`;
  return `listening on ${settings.bind ?? '*'}:${listeningPort ?? settings.port} for ${peer} as ${settings.role}\n`;
}
