// The apps as the warehouse knows them: stored from every app list Apple returns (so notes, lag
// lines and a lake published from this warehouse name apps, not numbers), and read back as the
// app list where no key is asked for (a lake opened read-only).
import type { App } from '../../shared/ascTypes';
import type { Logger } from '../logging/logger';
import type { MetadataStore } from '../warehouse';

/** Every app with rows (orchard.vintages) or a stored name (orchard.apps); a never-named app is "App <id>". */
export async function appsInWarehouse(metadata: Pick<MetadataStore, 'read'>): Promise<App[]> {
  const rows = await metadata.read(
    `SELECT k.app_id, a.name, a.bundle_id, a.sku, a.primary_locale
     FROM (SELECT app_id FROM orchard.vintages UNION SELECT app_id FROM orchard.apps) AS k
     LEFT JOIN orchard.apps AS a ON a.app_id = k.app_id`,
  );
  return rows
    .map((r) => {
      const id = String(r.app_id);
      const name = typeof r.name === 'string' && r.name.trim() !== '' ? r.name : `App ${id}`;
      return { id, name, bundleId: String(r.bundle_id ?? ''), sku: String(r.sku ?? ''), ...(typeof r.primary_locale === 'string' ? { primaryLocale: r.primary_locale } : {}) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Best effort: a read-only or busy warehouse keeps the names it had; the list itself is never held up. */
export async function rememberApps(metadata: Pick<MetadataStore, 'upsertApps'>, apps: readonly App[], logger: Logger): Promise<void> {
  try {
    await metadata.upsertApps(apps.map((a) => ({ appId: a.id, name: a.name, bundleId: a.bundleId, sku: a.sku, ...(a.primaryLocale ? { primaryLocale: a.primaryLocale } : {}) })));
  } catch (error) {
    logger.warn('apps.notStored', { error: error instanceof Error ? error.message : String(error) });
  }
}
