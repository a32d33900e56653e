import type { EventEmitter } from 'node:events';
import { HsmsActiveConnection } from '../connections/hsms-active-connection.js';
import type { HsmsConnection } from '../connections/hsms-connection.js';
import { LeveledLogger } from '../connections/hsms-logger.js';
import { HsmsMultiPassiveConnection } from '../connections/hsms-multi-passive-connection.js';
import type { HsmsMultiPassiveServerOptions } from '../connections/hsms-multi-passive-server.js';
import type { HsmsListenerSecurityOptions } from '../connections/listener-security.js';
import { type HsmsCommonOptions, HsmsOptionError, resolveMaxQueuedBytes, resolveTimerOptions } from '../connections/hsms-options.js';
import { HsmsDuplicatePeerError } from './hsms-errors.js';
import type { HsmsHandler, HsmsHandlerClass } from './hsms-handler.js';
import type { HsmsHandlerEvents } from './hsms-handler.events.js';
import type { HsmsManagerEvents, HsmsPeerEvent } from './hsms-manager.events.js';
import { MultiPassivePorts } from './multi-passive-ports.js';
import { rejectUnknownKeys } from '../protocol/option-checks.js';
import { createPeerHandler, HANDLER_KEYS, PEER_DEFINITION_KEYS, type HsmsPeerDefinition, type HsmsPeerOptions } from './peer-definition.js';
import type { HsmsPeerCounters, HsmsPeerStatus } from './peer-counters.js';
import { TypedEventEmitter } from './typed-event-emitter.js';

/** Manager-wide options: timers with the standard's names (seconds), logging, and the listen address. */
export interface HsmsManagerOptions extends HsmsCommonOptions, HsmsListenerSecurityOptions {
  /** Interface the multi-passive ports listen on. Default: all interfaces, as peers expect. */
  bindAddress?: string;
}

export type { HsmsPeerOptions } from './peer-definition.js';

/** One peer of the manager, as listed by `peers`. */
export interface HsmsPeerInfo {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly active: boolean;
  readonly sessionId: number;
  readonly handler: HsmsHandler;
}

interface PeerEntry extends HsmsPeerInfo {
  readonly detach: () => void;
}

/**
 * Handler events that come once per message. The manager listens for them on its handlers only
 * while someone listens for them on the manager: a listener on every handler made each packet
 * (and each primary) cost an emit and its argument array for nobody (issue 10 allocation profile).
 */
/** A listener as EventEmitter takes it. */
type Forwarder = Parameters<EventEmitter['on']>[1];

const PER_MESSAGE_EVENTS: ReadonlySet<string> = new Set<keyof HsmsHandlerEvents>(['message', 'packet', 'sent']);

/**
 * Many HSMS peers by name (the seed's connection manager): active peers get their own connection;
 * passive peers share one multi-passive server per port, started with the first peer on it and
 * stopped with the last. Events of all peers come out as one stream carrying the peer name
 * (HsmsManagerEvents). removePeer() and stop() are idempotent and bounded.
 */
export class HsmsConnectionManager extends TypedEventEmitter<HsmsManagerEvents> {
  private readonly options: HsmsManagerOptions;
  private readonly logger: LeveledLogger;
  private readonly entries = new Map<string, PeerEntry>();
  /** Each handler's forwarding listeners, by event. */
  private readonly forwarders = new Map<HsmsHandler, Partial<Record<keyof HsmsHandlerEvents, Forwarder>>>();
  private readonly removing = new Map<string, Promise<void>>();
  private readonly ports: MultiPassivePorts;
  private stopping: Promise<void> | undefined;

  /** Throws HsmsOptionError naming the first option out of range. */
  constructor(options: HsmsManagerOptions = {}) {
    super();
    resolveTimerOptions(options);
    resolveMaxQueuedBytes(options.maxQueuedBytes);
    this.options = { ...options };
    this.logger = new LeveledLogger(options.logger, options.logLevel, 'HsmsConnectionManager');
    const serverOptions: HsmsMultiPassiveServerOptions = { ...options };
    this.ports = new MultiPassivePorts(serverOptions, this.logger);
    // 'newListener' comes before the listener is added, 'removeListener' after it is gone
    const self = this as unknown as EventEmitter;
    self.on('newListener', (event: string | symbol) => {
      if (typeof event === 'string' && PER_MESSAGE_EVENTS.has(event) && self.listenerCount(event) === 0) this.setForwarding(event, true);
    });
    self.on('removeListener', (event: string | symbol) => {
      if (typeof event === 'string' && PER_MESSAGE_EVENTS.has(event) && self.listenerCount(event) === 0) this.setForwarding(event, false);
    });
  }

  /** Starts or stops forwarding a per-message event from every handler. */
  private setForwarding(event: string, on: boolean): void {
    for (const entry of this.entries.values()) {
      const listener = this.forwarders.get(entry.handler)?.[event as keyof HsmsHandlerEvents];
      if (!listener) continue;
      const emitter = entry.handler as unknown as EventEmitter;
      emitter.off(event, listener); // never twice
      if (on) emitter.on(event, listener);
    }
  }

  /**
   * Adds a peer described as data and returns its handler: `addPeer({ name, address, port, active,
   * sessionId, role, gem, t3, ... })`. The handler is a SecsHandler in `role` (default 'host'), a
   * GemHostHandler / GemEquipmentHandler when `gem` is set (true or the GEM options), or
   * `handler`'s class. It is enabled at once unless `enabled` is false. Active: we connect to
   * address:port. Passive: the peer at IP `address` connects to our multi-passive `port` (0: a port
   * the OS picks, see listeningPort(0)). Throws HsmsDuplicatePeerError for a name in use,
   * HsmsDuplicateConnectionError for a second passive peer with the same address on one port, and
   * HsmsOptionError for a bad option (a host name for a passive peer, say).
   */
  addPeer<H extends HsmsHandler = HsmsHandler>(definition: HsmsPeerDefinition): H;
  /**
   * The seed's positional form: the handler (default: a SecsHandler in the host role) is not yet
   * enabled; call handler.enable().
   */
  addPeer<H extends HsmsHandler = HsmsHandler>(
    name: string,
    address: string,
    port: number,
    active: boolean,
    sessionId: number,
    handlerClass?: HsmsHandlerClass<H>,
    peerOptions?: HsmsPeerOptions,
  ): H;
  addPeer(
    nameOrDefinition: string | HsmsPeerDefinition,
    address?: string,
    port?: number,
    active?: boolean,
    sessionId?: number,
    handlerClass?: HsmsHandlerClass,
    peerOptions: HsmsPeerOptions = {},
  ): HsmsHandler {
    if (typeof nameOrDefinition === 'string') {
      const definition = {
        ...peerOptions,
        name: nameOrDefinition,
        address: address!,
        port: port!,
        active: active!,
        sessionId: sessionId!,
        enabled: false,
      };
      return this.add(handlerClass ? { ...definition, handler: handlerClass } : definition);
    }
    return this.add(nameOrDefinition);
  }

  private add(definition: HsmsPeerDefinition): HsmsHandler {
    if (definition === null || typeof definition !== 'object') throw new HsmsOptionError('peer', 'must be an object');
    rejectUnknownKeys('', definition, PEER_DEFINITION_KEYS);
    const { name, address, port, active, sessionId = 0 } = definition;
    if (this.entries.has(name)) throw new HsmsDuplicatePeerError(name);
    const options = { ...this.options, ...connectionOptions(definition) };
    const connection: HsmsConnection = active
      ? new HsmsActiveConnection(address, port, sessionId, undefined, options)
      : this.ports.createConnection(address, port, sessionId, options);
    const handler = this.createHandler(connection, definition);
    const detach = this.forward(name, handler);
    this.entries.set(name, { name, address, port, active, sessionId, handler, detach });
    this.logger.debug(`peer '${name}' added: ${active ? 'active to' : 'passive from'} ${address}:${port}`);
    this.emitSafely('peerAdded', { peer: name, handler });
    if (definition.enabled !== false) handler.enable();
    return handler;
  }

  /** Disables the peer (Separate.req when SELECTED) and forgets it; idempotent and bounded. */
  removePeer(name: string): Promise<void> {
    const pending = this.removing.get(name);
    if (pending) return pending;
    const entry = this.entries.get(name);
    if (!entry) return Promise.resolve();
    this.entries.delete(name);
    const removal = this.dispose(entry).finally(() => this.removing.delete(name));
    this.removing.set(name, removal);
    return removal;
  }

  get(name: string): HsmsHandler | undefined {
    return this.entries.get(name)?.handler;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Every peer, in the order added. */
  get peers(): HsmsPeerInfo[] {
    return [...this.entries.values()].map(({ detach: _detach, ...info }) => info);
  }

  /** Every peer's counters by peer name (snapshots built now; JSON as they are). */
  counters(): Record<string, HsmsPeerCounters> {
    return Object.fromEntries([...this.entries.values()].map(({ name, handler }) => [name, handler.counters]));
  }

  /** Every peer, in the order added: its address, state and since when, last disconnect cause, pending requests, counters. */
  peerStatus(): HsmsPeerStatus[] {
    return [...this.entries.values()].map(({ name, address, port, active, handler }) => ({
      peer: name,
      address,
      port,
      active,
      ...handler.status,
    }));
  }

  /** Sets the counters of every peer to zero (HsmsHandler.resetCounters). */
  resetCounters(): void {
    for (const { handler } of this.entries.values()) handler.resetCounters();
  }

  /** Resolves when every multi-passive port listens; rejects with the listen error (a later call retries). */
  ready(): Promise<void> {
    return this.ports.ready();
  }

  /** The bound port of the multi-passive server for configured `port` (0: the OS's pick); undefined if not listening. */
  listeningPort(port: number): number | undefined {
    return this.ports.listeningPort(port);
  }

  /** A handler that fails to build must not leave its connection holding the address on the shared port. */
  private createHandler(connection: HsmsConnection, definition: HsmsPeerDefinition): HsmsHandler {
    try {
      return createPeerHandler(connection, definition);
    } catch (error) {
      if (connection instanceof HsmsMultiPassiveConnection) void this.ports.remove(connection);
      throw error;
    }
  }

  /** Removes every peer and stops every server; idempotent and bounded even when peers vanished. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll().finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((name) => this.removePeer(name)));
    await Promise.all([...this.removing.values()]);
    await this.ports.stop();
  }

  private async dispose(entry: PeerEntry): Promise<void> {
    const handler = entry.handler;
    const disabling = handler.disable(); // sends Separate.req when SELECTED, before the socket goes
    const connection = handler.connection;
    const disposing = connection instanceof HsmsMultiPassiveConnection ? this.ports.remove(connection) : undefined;
    try {
      await Promise.all([disabling, disposing]);
    } finally {
      entry.detach();
      this.logger.debug(`peer '${entry.name}' removed`);
      this.emitSafely('peerRemoved', { peer: entry.name, handler });
    }
  }

  /** Re-emits the handler's events with the peer name; returns the function that stops it. */
  private forward(peer: string, handler: HsmsHandler): () => void {
    const base: HsmsPeerEvent = { peer, handler };
    const listeners: { [K in keyof HsmsHandlerEvents]: (...args: HsmsHandlerEvents[K]) => void } = {
      established: () => this.emitSafely('established', base),
      selected: () => this.emitSafely('selected', base),
      deselected: () => this.emitSafely('deselected', base),
      state: (state, previous) => this.emitSafely('state', { ...base, state, previous }),
      // per message: attached only while the manager has listeners for them (PER_MESSAGE_EVENTS);
      // literals, not `{ ...base }`: a spread per message was a tenth of a traced process's time
      message: (message) => this.emitSafely('message', { peer, handler, message }),
      packet: (packet) => this.emitSafely('packet', { peer, handler, packet }),
      sent: (packet) => this.emitSafely('sent', { peer, handler, packet }),
      beforeClosed: (cause) => this.emitSafely('beforeClosed', { ...base, cause }),
      closed: (cause) => this.emitSafely('closed', { ...base, cause }),
    };
    const emitter = handler as unknown as EventEmitter;
    const self = this as unknown as EventEmitter;
    for (const [event, listener] of Object.entries(listeners)) {
      if (!PER_MESSAGE_EVENTS.has(event) || self.listenerCount(event) > 0) emitter.on(event, listener);
    }
    this.forwarders.set(handler, listeners as Partial<Record<keyof HsmsHandlerEvents, Forwarder>>);
    return () => {
      for (const [event, listener] of Object.entries(listeners)) emitter.off(event, listener);
      this.forwarders.delete(handler);
    };
  }

  /** Every manager event carries one argument (HsmsManagerEvents): passed as it is, no rest array per message. */
  private emitSafely<K extends keyof HsmsManagerEvents>(event: K, arg: HsmsManagerEvents[K][0]): void {
    try {
      (this as unknown as EventEmitter).emit(event, arg);
    } catch (error) {
      this.logger.error(`a '${event}' listener of the manager threw`, error);
    }
  }
}

/** The parts of a definition that configure its connection (timers, limits, TLS, local address). */
function connectionOptions(definition: HsmsPeerDefinition): HsmsPeerOptions {
  const { name: _n, address: _a, port: _p, active: _ac, sessionId: _s, enabled: _e, handler: _h, ...rest } = definition;
  const options: Record<string, unknown> = { ...rest };
  for (const key of HANDLER_KEYS) delete options[key];
  return options as HsmsPeerOptions;
}
