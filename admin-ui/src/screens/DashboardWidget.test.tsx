import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../test/fetch-mock.ts';
import { heldOrder } from '../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../test/render.tsx';
import { DashboardWidget, unmappedSkus } from './DashboardWidget.tsx';

const id = (n: number) => `0190a000-0000-7000-8000-00000000000${n}`;
const entries = [
  heldOrder({ id: id(1), skus: ['TS-RED-M'] }),
  heldOrder({ id: id(2), skus: ['TS-RED-M', 'MUG-BLUE'] }),
  heldOrder({ id: id(3), code: 'UNMAPPED_SHIPPING_METHOD', skus: [], shippingMethods: ['flat_rate'] }),
];

describe('Dashboard widget', () => {
  it('counts held orders per unmapped SKU, most first, leaving other holds out', () => {
    expect(unmappedSkus(entries)).toEqual([
      { sku: 'TS-RED-M', orders: 2 },
      { sku: 'MUG-BLUE', orders: 1 },
    ]);
  });

  it('maps a SKU in place and drops it once its orders are released', async () => {
    let queue = entries;
    mockApi({
      'GET review-queue': () => ({ body: { items: queue, nextCursor: null } }),
      'GET netsuite/items': {
        body: { items: [{ id: '512', itemId: 'MUG-BLUE', displayName: null, type: 'InvtPart' }] },
      },
      'PUT sku-mappings/MUG-BLUE': () => {
        queue = entries.filter((entry) => entry.id !== id(2));
        return { body: { sku: 'MUG-BLUE', netsuiteItemId: '512', connectionId: null, released: 1 } };
      },
    });
    renderWithStore(<DashboardWidget reviewQueueUrl="admin.php?page=ml-connector" />);
    expect(await screen.findByText(/2 held orders/)).toBeTruthy();

    const searches = screen.getAllByRole('button', { name: 'Search' });
    fireEvent.click(searches[1] as HTMLElement);
    await screen.findByLabelText('NetSuite item');
    fireEvent.click(screen.getByRole('button', { name: 'Map “MUG-BLUE”' }));
    expect(await findNotice('SKU “MUG-BLUE” mapped to NetSuite item #512; 1 held order released.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('MUG-BLUE', { selector: 'strong' })).toBeNull());
    expect(screen.getByText(/1 held order$/)).toBeTruthy();
  });

  it('says so when no order waits for a mapping', async () => {
    mockApi({ 'GET review-queue': { body: { items: [entries[2]], nextCursor: null } } });
    renderWithStore(<DashboardWidget reviewQueueUrl="admin.php?page=ml-connector" />);
    expect(await screen.findByText('No order waits for a SKU mapping.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
  });
});
