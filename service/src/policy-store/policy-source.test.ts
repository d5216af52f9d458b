import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '@phiguard/core';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import { storeTargets } from '../store/testing.js';
import { createPolicySource, DEFAULT_POLICY_REFRESH_MS, policySeed, type PolicySource } from './policy-source.js';
import { createPolicyStore, type CurrentPolicy, type PolicyStore } from './policy-store.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const ADMIN = 'admin@clinic.example.org';
const FILE_POLICY = policy({ organisation: { name: 'From the file', domains: ['clinic.example.org'] } });
const CLINIC = { organisation: { name: 'Saved by an admin', domains: ['clinic.example.org'] } };

function policy(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error('bad test policy');
  return result.policy;
}

describe('policySeed', () => {
  it('names where the start-up policy came from: none or the built-in default is "default", anything else the file', () => {
    expect(policySeed(undefined)).toEqual({ source: 'default', policy: DEFAULT_POLICY });
    expect(policySeed(DEFAULT_POLICY)).toEqual({ source: 'default', policy: DEFAULT_POLICY });
    expect(policySeed(FILE_POLICY)).toEqual({ source: 'file', policy: FILE_POLICY });
  });

  it('other replicas apply a save within 5 s by default (the lag the README documents)', () => {
    expect(DEFAULT_POLICY_REFRESH_MS).toBeLessThanOrEqual(5_000);
  });
});

describe('policy source over the store', () => {
  let t: TestAuditLog;
  let replicaA: PolicySource;
  let replicaB: PolicySource;
  beforeEach(async () => {
    t = await openTestAuditLog(sqlite);
    const open = () =>
      createPolicySource({ policies: createPolicyStore({ store: t.db.store, auditLog: t.log, now: t.clock.now }), seed: policySeed(FILE_POLICY) });
    [replicaA, replicaB] = [open(), open()];
  });
  afterEach(async () => {
    replicaA.stop();
    replicaB.stop();
    await t.dispose();
  });

  it('the file applies, as version 0, until a version is stored', async () => {
    expect(replicaA.current()).toEqual({ source: 'file', version: 0, policy: FILE_POLICY });
    expect(await replicaA.refresh()).toEqual({ source: 'file', version: 0, policy: FILE_POLICY });
  });

  it('a save applies at once on the replica that made it, and on another at its next refresh', async () => {
    const result = await replicaA.policies.save(CLINIC, ADMIN);
    if (!result.ok) throw new Error('not saved');
    replicaA.accept(result.saved);
    expect(replicaA.current()).toMatchObject({ source: 'store', version: 1, policy: { organisation: { name: 'Saved by an admin' } } });
    expect(replicaB.current().source).toBe('file');
    expect(await replicaB.refresh()).toEqual(replicaA.current());
    expect(replicaB.current().version).toBe(1);
  });

  it('once started, picks up versions saved elsewhere on its own', async () => {
    const source = createPolicySource({ policies: replicaA.policies, seed: policySeed(FILE_POLICY), refreshMs: 10 });
    source.start();
    try {
      await replicaB.policies.save(CLINIC, ADMIN);
      await until(() => source.current().version === 1);
      expect(source.current().policy.organisation.name).toBe('Saved by an admin');
    } finally {
      source.stop();
    }
  });
});

describe('policy source refresh failures and races', () => {
  const saved = (version: number): CurrentPolicy => ({
    version,
    input: CLINIC,
    policy: policy(CLINIC),
    createdAt: '2026-03-01T12:00:00.000Z',
    createdBy: ADMIN,
  });

  it('a failed scheduled refresh is reported and the policy in force stays', async () => {
    const errors: unknown[] = [];
    const failing: PolicyStore = { ...unusedStore(), latestVersion: () => Promise.reject(new Error('connection refused')) };
    const source = createPolicySource({ policies: failing, seed: policySeed(FILE_POLICY), refreshMs: 5, onError: (error) => errors.push(error) });
    source.accept(saved(3));
    source.start();
    try {
      await until(() => errors.length >= 2);
      expect(source.current().version).toBe(3);
    } finally {
      source.stop();
    }
  });

  it('a refresh that read the database before a save finished does not undo the save', async () => {
    let answer!: (version: number) => void;
    const slow: PolicyStore = {
      ...unusedStore(),
      latestVersion: () => new Promise((resolve) => (answer = resolve)),
      current: async () => saved(1),
    };
    const source = createPolicySource({ policies: slow, seed: policySeed(FILE_POLICY) });
    const stale = source.refresh();
    source.accept(saved(2));
    answer(1);
    await stale;
    expect(source.current().version).toBe(2);
  });
});

function unusedStore(): PolicyStore {
  const unused = () => Promise.reject(new Error('not used in this test'));
  return { current: unused, latestVersion: unused, save: unused, history: unused, version: unused, revert: unused };
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
