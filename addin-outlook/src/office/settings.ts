import type { SettingsStore } from '../audit/outbox.js';
import { officeAsync } from './async.js';

/** Office roaming settings (per user and add-in, 32 KB) as a SettingsStore. */
export function roamingSettings(settings: Office.RoamingSettings): SettingsStore {
  return {
    get: (name) => settings.get(name) as unknown,
    set: (name, value) => settings.set(name, value),
    save: () => officeAsync<void>((cb) => settings.saveAsync(cb)),
  };
}
