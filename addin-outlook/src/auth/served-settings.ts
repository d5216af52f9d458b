import type { NaaSettings } from './naa.js';

/** Filled in by the service when it serves the add-in (from `auth.microsoft`), like the service URL. */
export const MS_CLIENT_ID_PLACEHOLDER = '__PHIGUARD_MS_CLIENT_ID__';
export const MS_SCOPE_PLACEHOLDER = '__PHIGUARD_MS_SCOPE__';

/** The nested app authentication settings, when the service was configured with them. */
export function servedNaaSettings(): NaaSettings | undefined {
  const clientId: string = MS_CLIENT_ID_PLACEHOLDER;
  const scope: string = MS_SCOPE_PLACEHOLDER;
  return clientId.startsWith('__') || scope.startsWith('__') || clientId === '' || scope === '' ? undefined : { clientId, scope };
}
