import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
// Internal until manager.addPeer({ ...peer config }) replaces it (issue 9): not a public name.
import { A, GemHostHandler, HsmsConnectionManager, type HsmsPeerConfig, type HsmsPeerEvent } from '@app/hsms';

/**
 * The host's own initiative: when a GEM tool starts communicating, read its status variables,
 * subscribe to its collection events and start it with a remote command; probe every link with a
 * linktest now and then; add a peer at run time.
 */
@Injectable()
export class FabService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FabService');

  constructor(
    private readonly manager: HsmsConnectionManager,
    private readonly config: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    for (const { handler, name } of this.manager.peers) this.watch({ peer: name, handler });
    this.manager.on('peerAdded', (event) => this.watch(event));
    this.manager.on('selected', ({ peer, handler }) => {
      handler.sendLinktestReq().then(
        (rsp) => this.logger.log(`${peer}: linktest answered (system 0x${rsp.header.system.toString(16)})`),
        (error: Error) => this.logger.warn(`${peer}: linktest failed: ${error.message}`),
      );
    });
    // Peers added at run time (config 'runtimePeers'): in the default config the simulator's
    // metrology tool connects from 127.0.0.3 to our multi-passive port, and is turned away until
    // this peer exists.
    for (const peer of this.config.get<HsmsPeerConfig[]>('runtimePeers') ?? []) {
      this.manager.addPeer(peer); // started at once unless the peer says enabled: false
      this.logger.log(`added peer '${peer.name}' at run time`);
    }
  }

  private watch({ peer, handler }: HsmsPeerEvent): void {
    if (!(handler instanceof GemHostHandler)) return;
    handler.on('communicating', () => {
      this.greet(peer, handler).catch((error: Error) => this.logger.warn(`${peer}: ${error.message}`));
    });
  }

  private async greet(peer: string, host: GemHostHandler): Promise<void> {
    const values = await host.requestStatusVariables([1, 2, 3]);
    this.logger.log(`${peer}: status variables ${values.map((v) => v.toSml()).join(' ')}`);
    await host.subscribeCollectionEvent(100, [1, 2]);
    this.logger.log(`${peer}: subscribed to collection event 100 (SV 1, 2)`);
    const reply = await host.sendRemoteCommand('START', [{ cpname: 'LOT', cpval: A('LOT-42') }]);
    this.logger.log(`${peer}: START answered HCACK ${reply.hcack}`);
  }
}
