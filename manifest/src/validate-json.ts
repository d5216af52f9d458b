import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { UNIFIED_MANIFEST_VERSION, type UnifiedManifest } from './json.js';

const require = createRequire(import.meta.url);

/**
 * Checks a unified manifest against the schema bundled in @microsoft/app-manifest for the version
 * its `$schema` names (ours: v${UNIFIED_MANIFEST_VERSION}). The schema is read from disk and handed
 * over, because given only `$schema` the library falls back to downloading it. Returns one line per
 * problem; empty when valid.
 */
export async function validateUnifiedManifest(manifest: UnifiedManifest): Promise<string[]> {
  const version = /\/teams\/v(\d+\.\d+)\//.exec(manifest.$schema ?? '')?.[1] ?? UNIFIED_MANIFEST_VERSION;
  const schemaFile = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  return AppManifestUtils.validateAgainstSchema(manifest, schema);
}
