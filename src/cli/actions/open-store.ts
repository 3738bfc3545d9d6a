import { loadSettings } from '../../config/load-settings.js';
import { BarStore } from '../../venues/history/bar-store.js';
import type { SettingsFlags } from '../settings-options.js';

/** Opens the bar store named by the settings (`data.store_path`), runs `body`, closes it. */
export async function withBarStore<T>(flags: SettingsFlags, body: (store: BarStore, path: string) => Promise<T>): Promise<T> {
  const path = loadSettings({ file: flags.config, set: flags.set }).settings.data.store_path;
  const store = await BarStore.open(path);
  try {
    return await body(store, path);
  } finally {
    store.close();
  }
}
