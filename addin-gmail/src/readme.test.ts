import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GMAIL_SCOPES } from '../../manifest/src/apps-script.js';
import { ENTRY_POINTS } from './names.js';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('the Gmail README', () => {
  it('lists exactly the scopes appsscript.json asks for', () => {
    const listed = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(Object.keys(GMAIL_SCOPES));
  });

  it('names the entry points the bundle defines', () => {
    for (const name of Object.values(ENTRY_POINTS)) expect(readme).toContain(`\`${name}\``);
  });
});
