import type { AddinConfig } from './config.js';

/** A valid config for tests; override what a test is about. */
export function testConfig(overrides: Partial<AddinConfig> = {}): AddinConfig {
  return {
    id: 'c623fba6-e8aa-4233-a956-2cbef3198fe4',
    version: '1.2.3',
    name: 'PHI Guard',
    shortName: 'PHI Guard',
    description: 'Checks email for protected health information before it is sent.',
    providerName: 'City Clinic',
    serviceUrl: 'https://phiguard.cityclinic.example',
    sendMode: 'SoftBlock',
    ...overrides,
  };
}
