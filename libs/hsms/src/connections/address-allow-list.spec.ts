import { describe, expect, it } from 'vitest';
import { AddressAllowList } from './address-allow-list.js';
import { HsmsOptionError } from './hsms-options.js';

describe('AddressAllowList', () => {
  // [rules, address, allowed]
  const table: Array<[string[], string, boolean]> = [
    [['127.0.0.0/8'], '127.0.0.1', true],
    [['127.0.0.0/8'], '127.255.255.255', true],
    [['127.0.0.0/8'], '128.0.0.1', false],
    [['10.1.2.0/24'], '10.1.2.0', true],
    [['10.1.2.0/24'], '10.1.2.255', true],
    [['10.1.2.0/24'], '10.1.3.0', false],
    [['10.1.2.3/24'], '10.1.2.200', true], // host bits past the prefix are ignored
    [['127.0.0.2/32'], '127.0.0.2', true],
    [['127.0.0.2/32'], '127.0.0.3', false],
    [['127.0.0.2'], '127.0.0.2', true],
    [['127.0.0.2'], '127.0.0.5', false],
    [['0.0.0.0/0'], '203.0.113.9', true],
    [['0.0.0.0/0'], '::1', false], // an IPv4 rule says nothing about a native IPv6 peer
    [['::1'], '::1', true],
    [['::1'], '0:0:0:0:0:0:0:1', true], // the same address, written out
    [['::1'], '::2', false],
    [['fd00::/8'], 'fd12:3456::1', true],
    [['fd00::/8'], 'fe80::1', false],
    [['2001:db8::/32'], '2001:DB8:0:1::5', true], // case does not matter
    // IPv4-mapped IPv6, as a dual-stack listener reports an IPv4 peer, matches IPv4 rules
    [['127.0.0.0/8'], '::ffff:127.0.0.2', true],
    [['10.1.2.0/24'], '::ffff:10.1.2.9', true],
    [['10.1.2.0/24'], '::ffff:10.1.3.9', false],
    [['127.0.0.2/32'], '::ffff:7f00:2', true], // the hex spelling of ::ffff:127.0.0.2
    // and an IPv4 peer matches a rule written in the mapped form
    [['::ffff:10.0.0.0/104'], '10.200.0.1', true],
    [['::ffff:10.0.0.0/104'], '11.0.0.1', false],
    // several rules: any one lets the address in
    [['10.1.2.0/24', '192.168.0.0/16', '::1'], '192.168.77.1', true],
    [['10.1.2.0/24', '192.168.0.0/16', '::1'], '::1', true],
    [['10.1.2.0/24', '192.168.0.0/16', '::1'], '172.16.0.1', false],
    [[' 10.1.2.0/24 '], '10.1.2.7', true], // whitespace around an entry is trimmed
  ];

  it.each(table)('%j allows %s: %s', (rules, address, allowed) => {
    expect(new AddressAllowList(rules).allows(address)).toBe(allowed);
  });

  it('allows nothing that is not an IP address', () => {
    const list = new AddressAllowList(['0.0.0.0/0', '::/0']);
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows('')).toBe(false);
    expect(list.allows('localhost')).toBe(false);
    expect(list.allows('127.0.0.1')).toBe(true);
  });

  it('keeps the entries as given, trimmed, for log lines', () => {
    expect(new AddressAllowList([' 10.1.2.0/24', '::1']).entries).toEqual(['10.1.2.0/24', '::1']);
  });

  // [entries, the option the error names, text the message contains]
  const bad: Array<[unknown, string, string]> = [
    [[], 'allow', 'at least one'],
    ['10.0.0.0/8', 'allow', 'must be a list'],
    [['10.0.0.0/33'], 'allow[0]', 'prefix length is 0..32'],
    [['::1/129'], 'allow[0]', 'prefix length is 0..128'],
    [['10.0.0.0/'], 'allow[0]', 'not an IP address or CIDR'],
    [['10.0.0.0/8/8'], 'allow[0]', 'not an IP address or CIDR'],
    [['10.0.0.0/-1'], 'allow[0]', 'not an IP address or CIDR'],
    [['10.0.0.0/x'], 'allow[0]', 'not an IP address or CIDR'],
    [['10.0.0.256'], 'allow[0]', 'not an IP address or CIDR'],
    [['010.0.0.1'], 'allow[0]', 'not an IP address or CIDR'],
    [['10.0.0'], 'allow[0]', 'not an IP address or CIDR'],
    [['tool-1.fab'], 'allow[0]', 'not an IP address or CIDR'],
    [['*'], 'allow[0]', 'not an IP address or CIDR'],
    [['fe80::1%eth0'], 'allow[0]', 'not an IP address or CIDR'],
    [['::1', ''], 'allow[1]', 'not an IP address or CIDR'],
    [['::1', 42], 'allow[1]', 'must be an IP address or CIDR string'],
    [['127.0.0.1', null], 'allow[1]', 'must be an IP address or CIDR string'],
  ];

  it.each(bad)('refuses %j with HsmsOptionError naming %s', (entries, option, text) => {
    let caught: unknown;
    try {
      new AddressAllowList(entries as string[]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HsmsOptionError);
    expect((caught as HsmsOptionError).path).toBe(option);
    expect((caught as HsmsOptionError).message).toContain(text);
  });
});
