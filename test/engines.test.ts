// The project runs on Node 20, 22 and 24 (package.json engines): every installed package must too.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const root = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
/** The oldest release of each line we support. */
const LINES = ['20.19.0', '22.12.0', '24.0.0'];

describe('Node.js versions', () => {
  it('every locked package accepts the oldest supported release of each line', () => {
    const refusing = Object.entries(lock.packages).flatMap(([path, meta]) => {
      const range = Array.isArray(meta.engines) ? undefined : meta.engines?.node;
      if (path === '' || range === undefined) return [];
      return LINES.filter((version) => !semver.satisfies(version, range)).map((version) => `${path}@${meta.version} needs node ${range}, not ${version}`);
    });
    expect(refusing).toEqual([]);
  });

  it('package.json engines covers exactly those lines', () => {
    const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    for (const version of LINES) expect(semver.satisfies(version, engines.node)).toBe(true);
    expect(semver.satisfies('25.0.0', engines.node)).toBe(false);
  });
});
