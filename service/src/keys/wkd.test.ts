import { beforeAll, describe, expect, it } from '@jest/globals';
import { FIXTURE_NOW as now, keyRing, openPgpFixture, type OpenPgpFixture } from './testing.js';
import { lookupWkd, wkdHash, wkdUrls, zBase32, type WkdNet } from './wkd.js';

type DnsStatus = 'ok' | 'nxdomain' | 'nodata';

/** A WKD world in memory: which names resolve and what each URL serves. Records every request. */
function fakeNet(dns: Record<string, DnsStatus>, pages: Record<string, { status: number; body?: Buffer | Uint8Array }>) {
  const requested: string[] = [];
  const net: WkdNet = {
    httpsGet: async (url) => {
      requested.push(url);
      const page = pages[url] ?? { status: 404 };
      return { status: page.status, headers: {}, body: Buffer.from(page.body ?? []) };
    },
    dns: {
      addresses: async (name) => {
        const status = dns[name] ?? 'nxdomain';
        return { status, records: status === 'ok' ? ['192.0.2.10'] : [], ttlSeconds: 300, authenticated: false };
      },
    },
  };
  return { net, requested };
}

const signal = new AbortController().signal;

describe('WKD hashing', () => {
  it('matches the draft’s test vector (only A–Z are lower-cased)', () => {
    expect(wkdHash('Joe.Doe')).toBe('iy9q119eutrkn8s1mk4r39qejnbu3n5q');
    expect(wkdHash('joe.doe')).toBe('iy9q119eutrkn8s1mk4r39qejnbu3n5q');
    expect(wkdHash('JÖE.doe')).not.toBe(wkdHash('jöe.doe'));
  });

  it('z-base-32 encodes 5 bits per character with the human-oriented alphabet', () => {
    expect(zBase32(new Uint8Array([0]))).toBe('yy');
    expect(zBase32(new Uint8Array([0xff]))).toBe('9h');
    expect(zBase32(new Uint8Array(20)).length).toBe(32);
  });

  it('builds the advanced and direct URLs with the original local part as `l`', () => {
    expect(wkdUrls('Joe.Doe@Example.ORG')).toEqual({
      advanced: 'https://openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe',
      direct: 'https://example.org/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe',
    });
    expect(wkdUrls('a+b@example.org').advanced).toContain('?l=a%2Bb');
  });

  it('refuses what is not an address', () => {
    expect(() => wkdUrls('no-at-sign')).toThrow(expect.objectContaining({ code: 'invalid_address' }));
    expect(() => wkdUrls('@example.org')).toThrow(expect.objectContaining({ code: 'invalid_address' }));
  });
});

describe('lookupWkd', () => {
  let joe: OpenPgpFixture;
  let other: OpenPgpFixture;
  let expiredJoe: OpenPgpFixture;
  beforeAll(async () => {
    [joe, other, expiredJoe] = await Promise.all([
      openPgpFixture(['Joe.Doe@example.org']),
      openPgpFixture(['someone.else@example.org']),
      openPgpFixture(['joe.doe@example.org'], { date: new Date('2024-01-01T00:00:00Z'), keyExpirationTime: 86_400 }),
    ]);
  });
  const { advanced, direct } = wkdUrls('Joe.Doe@example.org');

  it('uses the advanced method when openpgpkey.<domain> exists, and only it', async () => {
    const { net, requested } = fakeNet({ 'openpgpkey.example.org': 'ok' }, { [advanced]: { status: 200, body: joe.binary }, [direct]: { status: 200, body: other.binary } });
    const result = await lookupWkd('Joe.Doe@example.org', { net, signal, now });
    expect(result).toMatchObject({ status: 'found', method: 'advanced', key: { fingerprint: joe.fingerprint, usableForEncryption: true } });
    expect(requested).toEqual([advanced]);
  });

  it('a 404 from the advanced method means no key, without trying the direct method', async () => {
    const { net, requested } = fakeNet({ 'openpgpkey.example.org': 'ok' }, { [direct]: { status: 200, body: joe.binary } });
    expect(await lookupWkd('Joe.Doe@example.org', { net, signal, now })).toEqual({ status: 'none' });
    expect(requested).toEqual([advanced]);
  });

  it.each<DnsStatus>(['nxdomain', 'nodata'])('falls back to the direct method when the subdomain is absent (%s)', async (status) => {
    const { net, requested } = fakeNet({ 'openpgpkey.example.org': status }, { [direct]: { status: 200, body: joe.binary } });
    expect(await lookupWkd('Joe.Doe@example.org', { net, signal, now })).toMatchObject({ status: 'found', method: 'direct' });
    expect(requested).toEqual([direct]);
  });

  it('no subdomain and a 404 on the domain means no key', async () => {
    const { net } = fakeNet({}, {});
    expect(await lookupWkd('Joe.Doe@example.org', { net, signal, now })).toEqual({ status: 'none' });
  });

  it('keeps only keys with a user ID for the address, preferring a usable one', async () => {
    const { net } = fakeNet({}, { [direct]: { status: 200, body: keyRing(other, expiredJoe, joe) } });
    const result = await lookupWkd('Joe.Doe@EXAMPLE.org', { net, signal, now });
    expect(result).toMatchObject({ status: 'found', key: { fingerprint: joe.fingerprint } });
  });

  it('an expired key is still reported, for the caller to judge', async () => {
    const { net } = fakeNet({}, { [direct]: { status: 200, body: expiredJoe.binary } });
    expect(await lookupWkd('Joe.Doe@example.org', { net, signal, now })).toMatchObject({
      status: 'found',
      key: { usableForEncryption: false, problems: ['expired'] },
    });
  });

  it('a key for another address is no key', async () => {
    const { net } = fakeNet({}, { [direct]: { status: 200, body: other.binary } });
    expect(await lookupWkd('Joe.Doe@example.org', { net, signal, now })).toEqual({ status: 'none' });
  });

  it('accepts an armored answer too', async () => {
    const { net } = fakeNet({}, { [direct]: { status: 200, body: Buffer.from(joe.armored) } });
    expect(await lookupWkd('Joe.Doe@example.org', { net, signal, now })).toMatchObject({ status: 'found' });
  });

  it('server errors and garbage answers throw coded errors (the caller reports unknown)', async () => {
    const failing = fakeNet({}, { [direct]: { status: 503 } });
    await expect(lookupWkd('Joe.Doe@example.org', { net: failing.net, signal, now })).rejects.toMatchObject({ name: 'WkdError', code: 'http_status' });
    const garbage = fakeNet({}, { [direct]: { status: 200, body: Buffer.from('<html>hello</html>') } });
    await expect(lookupWkd('Joe.Doe@example.org', { net: garbage.net, signal, now })).rejects.toMatchObject({ name: 'WkdError', code: 'bad_response' });
  });

  it('network failures propagate', async () => {
    const { net } = fakeNet({}, {});
    const broken: WkdNet = { ...net, dns: { addresses: async () => Promise.reject(new Error('SERVFAIL')) } };
    await expect(lookupWkd('Joe.Doe@example.org', { net: broken, signal, now })).rejects.toThrow('SERVFAIL');
  });

  it('passes the caller’s signal and a response size cap to the network', async () => {
    const seen: Array<{ signal: AbortSignal; maxBytes?: number }> = [];
    const { net } = fakeNet({}, {});
    const spy: WkdNet = { ...net, httpsGet: async (url, options) => (seen.push(options), net.httpsGet(url, options)) };
    await lookupWkd('Joe.Doe@example.org', { net: spy, signal, now, maxBytes: 1000 });
    expect(seen).toEqual([{ signal, maxBytes: 1000 }]);
  });
});
