import { BlockList, isIP } from 'node:net';
import { HsmsOptionError } from './hsms-options.js';

/** An IP literal, optionally with a prefix length: '10.1.2.0/24', '::1', 'fd00::/8'. */
const ENTRY = /^([^/]+)(?:\/(\d{1,3}))?$/;

/**
 * The addresses a listener accepts sockets from: IPv4 and IPv6 CIDRs or single addresses. Node's
 * BlockList does the matching (used as an allow list here); it matches an IPv4-mapped IPv6 peer
 * (::ffff:10.1.2.3, as a dual-stack listener reports IPv4 peers) against IPv4 rules, and an IPv4
 * peer against ::ffff:a.b.c.d/n rules.
 *
 * Entries are checked when the list is built, so a typo in a config stops start-up with an
 * HsmsOptionError naming the option, instead of silently refusing a tool on the night shift.
 */
export class AddressAllowList {
  /** The entries as given (trimmed), for log lines. */
  readonly entries: readonly string[];
  private readonly list = new BlockList();

  /** Throws HsmsOptionError(`option`) for an empty list or an entry that is not an address or CIDR. */
  constructor(entries: readonly string[], option = 'allow') {
    if (!Array.isArray(entries)) throw new HsmsOptionError(option, `must be a list of IP addresses or CIDRs, got ${String(entries)}`);
    // An empty list would refuse every peer; leaving the option out is how to accept everyone.
    if (entries.length === 0)
      throw new HsmsOptionError(option, 'must list at least one IP address or CIDR (leave it out to accept every address)');
    this.entries = entries.map((entry, i) => this.add(entry, `${option}[${i}]`));
  }

  /** True when `address` (as socket.remoteAddress reports it) is inside one of the entries. */
  allows(address: string | undefined): boolean {
    if (address === undefined) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  private add(entry: unknown, option: string): string {
    if (typeof entry !== 'string') throw new HsmsOptionError(option, `must be an IP address or CIDR string, got ${String(entry)}`);
    const text = entry.trim();
    const match = ENTRY.exec(text);
    const address = match?.[1] ?? '';
    const family = isIP(address);
    // A zone id (fe80::1%eth0) names an interface, not a peer: refuse rather than guess.
    if (!match || family === 0 || address.includes('%')) {
      throw new HsmsOptionError(option, `'${text}' is not an IP address or CIDR (e.g. '10.1.2.0/24', '::1')`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (match[2] === undefined) {
      this.list.addAddress(address, type);
      return text;
    }
    const prefix = Number(match[2]);
    const bits = family === 4 ? 32 : 128;
    if (prefix > bits) throw new HsmsOptionError(option, `'${text}': an IPv${family} prefix length is 0..${bits}, got ${prefix}`);
    // Host bits past the prefix are ignored ('10.1.2.3/24' is 10.1.2.0/24), as routers read it.
    this.list.addSubnet(address, prefix, type);
    return text;
  }
}
