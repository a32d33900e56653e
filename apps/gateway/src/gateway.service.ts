import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HsmsConnectionManager } from '@app/hsms';
import type { GatewayPeerConfig, ResolvedGatewayConfig } from './gateway-config.js';
import { GatewayNats } from './gateway-nats.js';
import { GATEWAY_CONFIG } from './gateway.constants.js';
import { EquipmentLeases, type LeaseHolder, type LeaseLossReason } from './equipment-leases.js';
import { addToolPeer } from './tool-peer.js';
import { ToolCommandResponder } from './tool-command-responder.js';
import { ToolEventForwarder } from './tool-event-forwarder.js';

/**
 * One gateway of the cluster: holds leases for a share of the fab's tools, runs an HSMS peer for
 * each tool it holds (added when the lease is acquired, removed when it is lost), publishes their
 * events to JetStream and serves commands to them. Attach and detach of one tool run one after
 * the other, so a tool lost and regained never has two peers.
 */
@Injectable()
export class GatewayService implements LeaseHolder, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly peers: Map<string, GatewayPeerConfig>;
  private readonly operations = new Map<string, Promise<void>>();
  readonly leases: EquipmentLeases;
  private readonly forwarder: ToolEventForwarder;
  private readonly responder: ToolCommandResponder;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: ResolvedGatewayConfig,
    nats: GatewayNats,
    private readonly manager: HsmsConnectionManager,
  ) {
    this.logger = new Logger(`Gateway ${config.gatewayId}`);
    this.peers = new Map(config.peers.map((p) => [p.name, p]));
    this.leases = new EquipmentLeases(nats.leases, config.gatewayId, [...this.peers.keys()], config.leases, this, this.logger);
    this.forwarder = new ToolEventForwarder(nats.js, { gatewayId: config.gatewayId, ...config.events }, this.logger);
    this.responder = new ToolCommandResponder(nats.nc, this.leases, this.logger);
  }

  onApplicationBootstrap(): void {
    this.leases.start();
    this.logger.log(
      `serving up to ${this.peers.size} tool(s); lease TTL ${this.config.leases.ttlMs} ms, renewed every ${this.config.leases.renewMs} ms`,
    );
  }

  /** Graceful stop: tools separated first, then their leases deleted so a standby takes them at once. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.leases.releaseAll();
  }

  /** The tools this gateway holds now. */
  owned(): string[] {
    return this.leases.owned();
  }

  acquired(equipment: string): Promise<void> {
    return this.serially(equipment, async () => {
      const peer = this.peers.get(equipment)!;
      const handler = addToolPeer(this.manager, peer);
      this.forwarder.attach(equipment, handler, peer.uniqueDataIds ?? false);
      this.responder.attach(equipment, handler);
      handler.enable();
      this.logger.log(`${equipment}: lease acquired; connecting`);
    });
  }

  lost(equipment: string, reason: LeaseLossReason): Promise<void> {
    return this.serially(equipment, async () => {
      this.responder.detach(equipment);
      await this.manager.removePeer(equipment);
      this.logger.log(`${equipment}: ${reason === 'released' ? 'handed over' : `lease ${reason}`}; tool disconnected`);
    });
  }

  private serially(equipment: string, work: () => Promise<void>): Promise<void> {
    const previous = this.operations.get(equipment) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.operations.set(equipment, settled);
    void settled.then(() => {
      if (this.operations.get(equipment) === settled) this.operations.delete(equipment);
    });
    return next;
  }
}
