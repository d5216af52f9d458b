import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { ip } from './ip.js';

describe('IP_ADDRESS', () => {
  it.each([
    ['public IPv4', 'login came from 198.51.100.74 on iOS', ['198.51.100.74']],
    ['IPv6', 'from 2001:0db8:0000:0000:0000:ff00:0042:8329', ['2001:0db8:0000:0000:0000:ff00:0042:8329']],
  ])('accepts %s', (_l, text, expected) => expect(reported(ip, text)).toEqual(expected));

  it.each([
    ['octet over 255', 'from 198.51.300.74'],
    ['private RFC 1918 range', 'server 10.40.8.12 rebooted'],
    ['192.168 range', 'printer at 192.168.1.20'],
    ['loopback', 'bind 127.0.0.1'],
    ['a version number', 'upgraded to version 4.12.1.0'],
    ['five dotted parts', 'build 1.2.3.4.5'],
  ])('rejects %s', (_l, text) => expect(reported(ip, text)).toEqual([]));
});
