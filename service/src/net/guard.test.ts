import { describe, expect, it } from '@jest/globals';
import { createAddressGuard } from './guard.js';
import { NetError } from './errors.js';

function refusal(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof NetError ? error.code : 'other';
  }
}

describe('address guard', () => {
  const guard = createAddressGuard();

  it.each([
    ['public IPv4', '93.184.215.14'],
    ['public IPv4 (resolver)', '8.8.8.8'],
    ['public IPv6', '2606:4700:4700::1111'],
  ])('lets %s through (%s)', (_label, ip) => {
    expect(refusal(() => guard.check(ip))).toBeUndefined();
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['loopback, elsewhere in 127/8', '127.53.0.9'],
    ['loopback, short form', '127.1'],
    ['loopback, decimal form', '2130706433'],
    ['private 10/8', '10.0.0.1'],
    ['private 172.16/12', '172.31.255.254'],
    ['private 192.168/16', '192.168.1.1'],
    ['CGNAT 100.64/10', '100.64.0.1'],
    ['link-local', '169.254.1.1'],
    ['cloud metadata', '169.254.169.254'],
    ['multicast', '224.0.0.251'],
    ['unspecified', '0.0.0.0'],
    ['this network', '0.1.2.3'],
    ['broadcast', '255.255.255.255'],
    ['documentation (reserved)', '192.0.2.10'],
    ['future use (reserved)', '240.0.0.1'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 ULA fc00::/7', 'fd00::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 link-local with zone', 'fe80::1%eth0'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv6 documentation', '2001:db8::1'],
    ['IPv6 outside 2000::/3', '4000::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped private, hex form', '::ffff:a00:1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['NAT64 of a private address', '64:ff9b::a00:1'],
    ['6to4 of a private address', '2002:a00:1::'],
    ['not an address', 'localhost'],
  ])('refuses %s (%s)', (_label, ip) => {
    expect(refusal(() => guard.check(ip))).toBe('forbidden_address');
  });

  it('lets an explicitly allowed range through (test servers on loopback) and nothing more', () => {
    const testing = createAddressGuard({ allow: ['127.0.0.0/8'] });
    expect(refusal(() => testing.check('127.0.0.1'))).toBeUndefined();
    expect(refusal(() => testing.check('::ffff:127.0.0.1'))).toBeUndefined();
    expect(refusal(() => testing.check('10.0.0.1'))).toBe('forbidden_address');
    expect(refusal(() => testing.check('::1'))).toBe('forbidden_address');
  });

  it('an allowed IPv6 range applies to IPv6 only', () => {
    const testing = createAddressGuard({ allow: ['::1/128'] });
    expect(refusal(() => testing.check('::1'))).toBeUndefined();
    expect(refusal(() => testing.check('127.0.0.1'))).toBe('forbidden_address');
  });
});
