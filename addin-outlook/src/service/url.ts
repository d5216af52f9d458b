/**
 * The service's origin. The built files carry this placeholder and the service fills in its own
 * public URL when it serves them, so one build works for every deployment.
 */
export const SERVICE_URL_PLACEHOLDER = '__PHIGUARD_SERVICE_URL__';

export function serviceUrl(): string | undefined {
  const url: string = SERVICE_URL_PLACEHOLDER;
  return url.startsWith('https://') || url.startsWith('http://') ? url.replace(/\/+$/, '') : undefined;
}
