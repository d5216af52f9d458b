import ipaddr from 'ipaddr.js';
import { NetError } from './errors.js';

/** Decides which resolved addresses an outbound connection may go to. */
export interface AddressGuard {
  /** Throws NetError `forbidden_address` unless `ip` is a public unicast address (or explicitly allowed). */
  check(ip: string): void;
}

export interface AddressGuardOptions {
  /** CIDRs let through although not public: test-only (`lookup.testing.allowAddresses`). */
  readonly allow?: readonly string[];
}

// RFC 4291 §2.4: global unicast is 2000::/3; anything else in IPv6 is not for the public internet.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Only public unicast passes: loopback, RFC 1918, CGNAT, link-local (cloud metadata at
 * 169.254.169.254), multicast, reserved, ULA and the rest are refused, so a hostile DNS
 * answer cannot point our lookups at internal services (SSRF).
 */
export function createAddressGuard(options: AddressGuardOptions = {}): AddressGuard {
  const allowed = (options.allow ?? []).map((cidr) => ipaddr.parseCIDR(cidr));
  return {
    check(ip) {
      const address = parse(ip);
      if (allowed.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))) return;
      if (!isPublicUnicast(address)) throw new NetError('forbidden_address', `Refusing to connect to ${address.toString()}`);
    },
  };
}

function parse(ip: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (!ipaddr.isValid(ip)) throw new NetError('forbidden_address', 'Not an IP address');
  // process() unwraps IPv4-mapped IPv6 (::ffff:10.0.0.1), so the IPv4 rules apply to it.
  return ipaddr.process(ip);
}

function isPublicUnicast(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.range() !== 'unicast') return false;
  return address.kind() === 'ipv4' || address.match(GLOBAL_UNICAST_V6);
}
