import { describe, expect, it } from '@jest/globals';
import { parsePolicy, type Policy } from '@phiguard/core';
import { createCapabilityCache, type CapabilityFetchers, type Fetched } from './capability-cache.js';
import { lookupRecipients, type LookupSources, type RegistryKeys } from './lookup.js';
import type { ConsentStatus } from '../consent/schema.js';
import type { KeyCapability, TransportCapability } from './schema.js';

const policyOf = (input: object = {}): Policy => {
  const result = parsePolicy({
    organisation: { name: 'Northside Cardiology', domains: ['northside-cardiology.com'], partnerDomains: ['quest-labs.com'] },
    protection: { accepted: ['smime', 'pgp', 'tls', 'portal'] },
    ...input,
  });
  if (!result.ok) throw new Error('bad test policy');
  return result.policy;
};

const NOW = new Date('2026-11-25T10:00:00Z');
const checkedAt = NOW.toISOString();

function transport(level: TransportCapability['level']): Fetched<TransportCapability> {
  return { value: { level, mx: ['mx.example.net'], starttls: level !== 'none', mtaSts: null, dane: false, checkedAt }, ttlSeconds: 300 };
}

interface World {
  keys?: Record<string, RegistryKeys>;
  consents?: Record<string, ConsentStatus>;
  sent?: Record<string, number>;
  known?: string[];
  wkd?: Record<string, KeyCapability>;
  transports?: Record<string, TransportCapability['level']>;
  /** Domains whose transport lookup never answers. */
  hang?: string[];
}

function setup(world: World = {}) {
  const calls = { wkd: [] as string[], transport: [] as string[] };
  const sources: LookupSources = {
    registryKeys: async (addresses) => new Map(addresses.filter((a) => world.keys?.[a]).map((a) => [a, world.keys![a]!])),
    consents: async (addresses) => new Map(addresses.filter((a) => world.consents?.[a]).map((a) => [a, world.consents![a]!])),
    previousSends: async (_sender, addresses) => new Map(addresses.map((a) => [a, world.sent?.[a] ?? 0])),
    knownCorrespondents: async () => world.known ?? [],
  };
  const fetchers: CapabilityFetchers = {
    wkd: async (address) => {
      calls.wkd.push(address);
      return { value: world.wkd?.[address] ?? { status: 'none', checkedAt }, ttlSeconds: 3600 };
    },
    transport: async (domain, signal) => {
      calls.transport.push(domain);
      if (world.hang?.includes(domain)) await new Promise((_, reject) => signal.addEventListener('abort', reject));
      return transport(world.transports?.[domain] ?? 'opportunistic');
    },
  };
  const cache = createCapabilityCache({ fetchers, fetchTimeoutMs: 200, now: () => NOW });
  const lookup = (recipients: Array<{ address: string; name?: string }>, policy = policyOf(), deadlineMs = 1500) =>
    lookupRecipients({ recipients }, 'dr.lee@northside-cardiology.com', { policy, sources, cache, deadlineMs, now: () => NOW });
  return { lookup, calls };
}

describe('recipient lookup', () => {
  it('classifies recipients and recommends what the policy asks for each', async () => {
    const { lookup } = setup({
      keys: { 'results@quest-labs.com': { smime: { fingerprint: 'AB12', expires: '2027-06-01T00:00:00.000Z' } } },
      transports: { 'mercy.example': 'enforced' },
      sent: { 'intake@mercy.example': 4 },
    });
    const { recipients } = await lookup([
      { address: 'nurse@northside-cardiology.com' },
      { address: 'results@quest-labs.com' },
      { address: 'intake@mercy.example' },
    ]);
    expect(recipients.map((r) => [r.address, r.classification, r.recommendation.method, r.recommendation.action])).toEqual([
      ['nurse@northside-cardiology.com', 'internal', null, 'allow'],
      ['results@quest-labs.com', 'partner', 'smime', 'encrypt'],
      ['intake@mercy.example', 'external', 'tls', 'allow'],
    ]);
    expect(recipients[1]!.capabilities.smime).toEqual({ status: 'available', source: 'registry', fingerprint: 'AB12', expires: '2027-06-01T00:00:00.000Z', checkedAt });
    expect(recipients[1]!.recipient).toMatchObject({ smime: true, tls: 'opportunistic', lookup: 'ok' });
  });

  it('finds OpenPGP keys in the Web Key Directory for outside recipients without one on file', async () => {
    const wkdKey: KeyCapability = { status: 'available', source: 'wkd', fingerprint: 'C0FFEE', checkedAt };
    const { lookup, calls } = setup({ wkd: { 'ana@privacy.example': wkdKey }, keys: { 'bo@privacy.example': { openpgp: { fingerprint: 'BEEF' } } } });
    const { recipients } = await lookup([{ address: 'ana@privacy.example' }, { address: 'bo@privacy.example' }, { address: 'cy@northside-cardiology.com' }]);
    expect(calls.wkd).toEqual(['ana@privacy.example']);
    expect(recipients[0]!.capabilities.openpgp).toEqual(wkdKey);
    expect(recipients[0]!.recommendation.method).toBe('pgp');
    expect(recipients[1]!.capabilities.openpgp.source).toBe('registry');
  });

  it('warns about a lookalike of the organisation or a partner, and blocks by default', async () => {
    const { lookup } = setup({ sent: { 'sarah.lee@northside-cardio1ogy.com': 0 } });
    const [r] = (await lookup([{ address: 'sarah.lee@northside-cardio1ogy.com', name: 'Dr. Sarah Lee' }])).recipients;
    expect(r!.warnings).toContainEqual({ code: 'lookalike_domain', of: 'northside-cardiology.com', how: 'homoglyph' });
    expect(r!.recipient.lookalikeOf).toBe('northside-cardiology.com');
    expect(r!.recommendation.action).toBe('block');
  });

  it('learns lookalike targets from known correspondents and stays quiet on them and on free mail', async () => {
    const { lookup } = setup({ known: ['mercy-hospital.org'], sent: { 'a@mercy-hospital.org': 9, 'maria@gmail.com': 2 } });
    const { recipients } = await lookup([{ address: 'a@mercy-hospitall.org' }, { address: 'a@mercy-hospital.org' }, { address: 'maria@gmail.com' }]);
    expect(recipients.map((r) => r.warnings.map((w) => w.code))).toEqual([['lookalike_domain', 'first_time_recipient'], [], []]);
  });

  it("flags first-time outside recipients from the sender's history, never colleagues or partners", async () => {
    const { lookup } = setup({ sent: { 'old@else.example': 3 } });
    const { recipients } = await lookup([
      { address: 'new@else.example' },
      { address: 'old@else.example' },
      { address: 'new@quest-labs.com' },
      { address: 'new@northside-cardiology.com' },
    ]);
    expect(recipients.map((r) => r.recipient.firstTime ?? false)).toEqual([true, false, false, false]);
  });

  it('notices a display name that is someone else, and a free-mail address using a partner name', async () => {
    const { lookup } = setup({ sent: { 'jdoe@else.example': 1, 'quest.labs.results@gmail.com': 1 } });
    const { recipients } = await lookup([
      { address: 'jdoe@else.example', name: 'Maria Gonzalez' },
      { address: 'quest.labs.results@gmail.com', name: 'Quest Labs' },
    ]);
    expect(recipients[0]!.warnings).toEqual([{ code: 'display_name_mismatch' }]);
    expect(recipients[1]!.warnings).toEqual([{ code: 'free_mail_organisation_name', of: 'quest-labs.com' }]);
    expect(recipients[1]!.recipient.warnings).toEqual(['free_mail_organisation_name']);
  });

  it('marks patients with consent on file and honours their request only where the policy does', async () => {
    const world: World = {
      consents: {
        'maria@gmail.com': { state: 'granted', allowUnencrypted: true },
        'jo@yahoo.com': { state: 'revoked', allowUnencrypted: false },
      },
      sent: { 'maria@gmail.com': 5, 'jo@yahoo.com': 5 },
      transports: { 'gmail.com': 'opportunistic', 'yahoo.com': 'opportunistic' },
    };
    const { lookup } = setup(world);
    const [maria, jo] = (await lookup([{ address: 'maria@gmail.com' }, { address: 'jo@yahoo.com' }])).recipients;
    expect(maria).toMatchObject({ patient: true, recipient: { consent: true, allowUnencrypted: true }, recommendation: { method: 'portal' } });
    expect(jo).toMatchObject({ patient: true, warnings: [{ code: 'consent_revoked' }], recipient: { consent: 'revoked' } });
    const honouring = policyOf({ protection: { accepted: ['portal'], patientRequestLiftsEncryption: true } });
    const [again] = (await lookup([{ address: 'maria@gmail.com' }], honouring)).recipients;
    expect(again!.recommendation).toEqual({ action: 'allow', needsProtection: false, method: null });
  });

  it('answers at the deadline with unknown transport for a domain that does not answer, and caches what does', async () => {
    const { lookup, calls } = setup({ hang: ['slow.example'], transports: { 'fast.example': 'enforced' } });
    const { recipients } = await lookup([{ address: 'a@slow.example' }, { address: 'b@fast.example' }], policyOf(), 100);
    expect(recipients[0]!.capabilities.transport.level).toBe('unknown');
    expect(recipients[0]!.recipient.tls).toBe('unknown');
    expect(recipients[1]!.capabilities.transport.level).toBe('enforced');
    await lookup([{ address: 'c@fast.example' }]);
    expect(calls.transport.filter((d) => d === 'fast.example')).toHaveLength(1);
  });

  it('answers each address once, lower-cased, in request order', async () => {
    const { lookup } = setup();
    const { recipients } = await lookup([{ address: 'B@Else.example' }, { address: 'a@else.example' }, { address: 'b@else.example' }]);
    expect(recipients.map((r) => r.address)).toEqual(['b@else.example', 'a@else.example']);
  });
});
