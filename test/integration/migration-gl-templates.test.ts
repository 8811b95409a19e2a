import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { parseSettings } from '../../sidecar/src/connections/connection-settings.ts';
import { connections, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

const migration = readFileSync(
  new URL('../../sidecar/src/db/migrations/0013_gl_templates_without_item.sql', import.meta.url),
  'utf8',
);

describeOnEachDatabase('migration 0013: GL templates without an item', (database) => {
  const storeWith = async (id: string, settings: Record<string, unknown>) => {
    await database()
      .db.insert(connections)
      .values({
        id,
        platform: 'woocommerce',
        name: `Store ${id.slice(-1)}`,
        storeUrl: `https://store-${id.slice(-1)}.example`,
        netsuiteAccountId: '01900000-0000-7000-8000-00000000000a',
        settings,
      });
  };
  const settingsOf = async (id: string) =>
    (await database().db.select().from(connections).where(eq(connections.id, id)))[0]?.settings;

  it('takes the item out of stored templates, keeps everything else in order, and leaves other stores alone', async () => {
    await database()
      .db.insert(netsuiteAccounts)
      .values({ id: '01900000-0000-7000-8000-00000000000a', accountId: 'TSTDRV1', authType: 'm2m' });
    const templated = {
      masterLocationId: '1',
      glTemplates: [
        { name: 'Apparel', match: { category: 'apparel' }, revenueAccountId: '4020', itemId: '77', classId: '3' },
        { name: 'Everything else', match: {}, departmentId: '2' },
      ],
    };
    await storeWith('01900000-0000-7000-8000-000000000001', templated);
    await storeWith('01900000-0000-7000-8000-000000000002', { masterLocationId: '1', glTemplates: [] });
    await storeWith('01900000-0000-7000-8000-000000000003', { masterLocationId: '1' });

    await database().db.execute(sql.raw(migration));

    const migrated = await settingsOf('01900000-0000-7000-8000-000000000001');
    expect(migrated).toEqual({
      masterLocationId: '1',
      glTemplates: [
        { name: 'Apparel', match: { category: 'apparel' }, revenueAccountId: '4020', classId: '3' },
        { name: 'Everything else', match: {}, departmentId: '2' },
      ],
    });
    expect(() => parseSettings(migrated)).not.toThrow();
    expect(await settingsOf('01900000-0000-7000-8000-000000000002')).toEqual({
      masterLocationId: '1',
      glTemplates: [],
    });
    expect(await settingsOf('01900000-0000-7000-8000-000000000003')).toEqual({ masterLocationId: '1' });
  });
});
