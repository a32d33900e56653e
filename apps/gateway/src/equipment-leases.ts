import { performance } from 'node:perf_hooks';
import type { LoggerService } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import { equipmentToken } from '@app/gateway-client';

/** Why a gateway stopped holding a tool: its lease ran out before a renewal landed, another gateway holds it now, or it handed it over. */
export type LeaseLossReason = 'expired' | 'taken' | 'released';

/** What the gateway does when it gains or loses a tool; the lease keeper awaits `lost` before it deletes a released key. */
export interface LeaseHolder {
  acquired(equipment: string): Promise<void>;
  lost(equipment: string, reason: LeaseLossReason): Promise<void>;
}

export interface LeaseTiming {
  ttlMs: number;
  renewMs: number;
  pollMs: number;
  settleMs: number;
}

interface HeldLease {
  readonly equipment: string;
  readonly key: string;
  revision: number;
  /** performance.now() when the last successful create/renewal was sent: the server's TTL clock started after it. */
  renewedAt: number;
  renewing: boolean;
  releasing: boolean;
}

/** KV key of a tool's lease. */
export function toolLeaseKey(equipment: string): string {
  return `tools.${equipmentToken(equipment)}`;
}

/** KV key of a gateway's presence (how many gateways share the tools). */
export function gatewayPresenceKey(gatewayId: string): string {
  return `gateways.${gatewayId}`;
}

/** The value of a lease or presence key. */
export interface LeaseValue {
  gateway: string;
  since: number;
}

/**
 * Per-equipment leases in a JetStream KV bucket whose TTL is the lease lifetime.
 *
 * - Claim: `kv.create` (succeeds only when the key is absent: never held, expired, or deleted).
 *   NATS 2.9 writes no marker when a key expires, so standbys poll (every pollMs) rather than watch.
 *   Each gateway claims up to its fair share, ceil(tools / live gateways), live gateways being the
 *   presence keys it renews beside its leases; over its share (a gateway joined) it hands the
 *   surplus over gracefully.
 * - Renew: `kv.update` with the last revision (compare-and-swap) every renewMs. A wrong-revision
 *   answer means another gateway holds it now: lost ('taken') at once.
 * - Self-fence: a lease whose last successful renewal was sent more than ttlMs - renewMs/2 ago is
 *   given up ('expired') before the server can hand it to another gateway, whatever the reason
 *   (NATS unreachable, this process starved): the tool is disconnected while it is still ours.
 * - Release (graceful shutdown, hand-over): the holder lets the tool go first, then the key is
 *   deleted with its last revision (a no-op if someone else already holds it), so a standby can
 *   claim it at its next poll rather than after the TTL.
 */
export class EquipmentLeases {
  private readonly held = new Map<string, HeldLease>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly fenceAfterMs: number;
  private readonly value: Uint8Array;
  private claiming = false;
  private polling = false;
  private startedAt = 0;
  private warnedAt = 0;

  constructor(
    private readonly kv: KV,
    private readonly gatewayId: string,
    private readonly equipment: readonly string[],
    private readonly timing: LeaseTiming,
    private readonly holder: LeaseHolder,
    private readonly logger: LoggerService,
  ) {
    this.fenceAfterMs = timing.ttlMs - timing.renewMs / 2;
    this.value = new TextEncoder().encode(JSON.stringify({ gateway: gatewayId, since: Date.now() } satisfies LeaseValue));
  }

  /** Starts announcing this gateway, renewing, fencing and (after settleMs) claiming. */
  start(): void {
    if (this.timers.length > 0) return;
    this.claiming = true;
    this.startedAt = performance.now();
    void this.announce();
    this.timers.push(setInterval(() => void this.renewAll(), this.timing.renewMs));
    this.timers.push(setInterval(() => void this.poll(), this.timing.pollMs));
    this.timers.push(setInterval(() => this.fence(), Math.max(20, Math.min(100, this.timing.renewMs / 4))));
  }

  /** True while the lease is held and provably not yet claimable by anyone else. */
  holds(equipment: string): boolean {
    const lease = this.held.get(equipment);
    return !!lease && !lease.releasing && performance.now() < lease.renewedAt + this.fenceAfterMs;
  }

  /** The tools this gateway holds now. */
  owned(): string[] {
    return [...this.held.values()].filter((l) => !l.releasing).map((l) => l.equipment);
  }

  /** Lets every tool go (holder.lost 'released', awaited), then deletes the keys with their last revisions and the presence key. */
  async releaseAll(): Promise<void> {
    this.claiming = false;
    await Promise.all([...this.held.keys()].map((equipment) => this.release(equipment)));
    this.stopTimers();
    await bounded(this.kv.delete(gatewayPresenceKey(this.gatewayId)), this.timing.renewMs).catch(() => undefined);
  }

  /** Stops every timer without releasing anything: the leases run out on the server (a crash, as the cluster sees it). */
  stopTimers(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.claiming = false;
  }

  private async announce(): Promise<void> {
    try {
      await this.kv.put(gatewayPresenceKey(this.gatewayId), this.value, { timeout: this.timing.renewMs });
    } catch (error) {
      this.warn(`presence not renewed: ${describe(error)}`);
    }
  }

  private async renewAll(): Promise<void> {
    if (this.claiming) void this.announce(); // a gateway on its way out stops counting towards the shares
    await Promise.all([...this.held.values()].map((lease) => this.renew(lease)));
  }

  private async renew(lease: HeldLease): Promise<void> {
    if (lease.renewing) return;
    lease.renewing = true;
    const sentAt = performance.now();
    try {
      // a late answer still counts (renewedAt is when it was sent); the fence bounds how late
      const revision = await this.kv.update(lease.key, this.value, lease.revision, this.timing.ttlMs);
      if (this.held.get(lease.equipment) === lease) {
        lease.revision = revision;
        lease.renewedAt = sentAt;
      }
    } catch (error) {
      if (isWrongRevision(error) && this.held.get(lease.equipment) === lease) {
        this.logger.warn?.(`${lease.equipment}: lease taken by another gateway; letting the tool go`);
        this.drop(lease, 'taken');
      } else {
        this.warn(`${lease.equipment}: lease not renewed: ${describe(error)}`);
      }
    } finally {
      lease.renewing = false;
    }
  }

  /** Self-fence: give up every lease we can no longer prove, before the server may hand it over. */
  private fence(): void {
    const now = performance.now();
    for (const lease of this.held.values()) {
      if (!lease.releasing && now >= lease.renewedAt + this.fenceAfterMs) {
        this.logger.warn?.(
          `${lease.equipment}: lease not renewed for ${Math.round(now - lease.renewedAt)} ms; fencing (disconnecting the tool)`,
        );
        this.drop(lease, 'expired');
      }
    }
  }

  private drop(lease: HeldLease, reason: LeaseLossReason): void {
    this.held.delete(lease.equipment);
    this.holder
      .lost(lease.equipment, reason)
      .catch((error: unknown) => this.logger.error(`${lease.equipment}: letting go failed: ${describe(error)}`));
  }

  private async release(equipment: string): Promise<void> {
    const lease = this.held.get(equipment);
    if (!lease || lease.releasing) return;
    lease.releasing = true; // still renewed while the tool is let go, so nobody else connects meanwhile
    try {
      await this.holder.lost(equipment, 'released');
    } catch (error) {
      this.logger.error(`${equipment}: letting go failed: ${describe(error)}`);
    }
    this.held.delete(equipment);
    try {
      await bounded(this.kv.delete(lease.key, { previousSeq: lease.revision }), this.timing.renewMs);
    } catch (error) {
      if (!isWrongRevision(error)) this.warn(`${equipment}: lease not deleted (it will expire): ${describe(error)}`);
    }
  }

  private async poll(): Promise<void> {
    if (!this.claiming || this.polling || performance.now() - this.startedAt < this.timing.settleMs) return;
    this.polling = true;
    try {
      const gateways = await this.listKeys('gateways.>');
      const share = Math.ceil(this.equipment.length / Math.max(1, gateways.size));
      const mine = this.owned();
      if (mine.length > share) {
        // a gateway joined: hand the surplus over (the newest first), one poll at a time
        await Promise.all(mine.slice(share).map((equipment) => this.release(equipment)));
        return;
      }
      // holding a full share, nothing can be free (the shares add up to every tool): skip the
      // listing, which costs one KV message per tool and gateway each poll
      if (mine.length === share) return;
      const leased = await this.listKeys('tools.>');
      const free = shuffled(this.equipment.filter((e) => !this.held.has(e) && !leased.has(toolLeaseKey(e))));
      let want = share - mine.length;
      for (const equipment of free) {
        if (want <= 0 || !this.claiming) break;
        if (await this.claim(equipment)) want--;
      }
    } catch (error) {
      this.warn(`looking for free tools failed: ${describe(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private async claim(equipment: string): Promise<boolean> {
    const key = toolLeaseKey(equipment);
    const sentAt = performance.now();
    let revision: number;
    try {
      revision = await this.kv.create(key, this.value);
    } catch (error) {
      if (!isWrongRevision(error)) this.warn(`${equipment}: claim failed: ${describe(error)}`);
      return false; // another gateway was faster
    }
    const lease: HeldLease = { equipment, key, revision, renewedAt: sentAt, renewing: false, releasing: false };
    this.held.set(equipment, lease);
    this.holder.acquired(equipment).catch((error: unknown) => {
      this.logger.error(`${equipment}: taking the tool failed (${describe(error)}); releasing its lease`);
      void this.release(equipment);
    });
    return true;
  }

  private async listKeys(filter: string): Promise<Set<string>> {
    const keys = new Set<string>();
    for await (const key of await this.kv.keys(filter)) keys.add(key);
    return keys;
  }

  /** At most one warning per TTL: a NATS outage must not flood the log. */
  private warn(text: string): void {
    const now = performance.now();
    if (now - this.warnedAt < this.timing.ttlMs) return;
    this.warnedAt = now;
    this.logger.warn?.(text);
  }
}

/** JetStream's answer to a create/update/delete whose expected revision is not the key's last. */
function isWrongRevision(error: unknown): boolean {
  return error instanceof Error && /wrong last sequence|key exists/i.test(error.message);
}

/** A KV call that gives up after `ms` (NATS unreachable: the key expires on its own). */
function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
