import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../test/fetch-mock.ts';
import { mapping } from '../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../test/render.tsx';
import { Mappings } from './Mappings.tsx';

const mappings = [
  mapping(),
  mapping({ sku: 'TS-RED-M', netsuiteItemId: '512', source: 'lookup' }),
  mapping({ sku: 'TS-RED-L', netsuiteItemId: '513' }),
];

describe('Mappings screen', () => {
  it('lists the mappings and narrows them by the search', async () => {
    mockApi({ 'GET sku-mappings': { body: { items: mappings, nextCursor: null } } });
    renderWithStore(<Mappings />);
    expect(await screen.findByText('MUG-BLUE')).toBeTruthy();
    expect(screen.getByText('Found in NetSuite')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Search SKUs'), { target: { value: 'ts-red' } });
    expect(screen.queryByText('MUG-BLUE')).toBeNull();
    expect(screen.getByText('TS-RED-M')).toBeTruthy();
    expect(screen.getByText('TS-RED-L')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Search SKUs'), { target: { value: 'nothing-like-it' } });
    expect(screen.getByText('No mapping matches “nothing-like-it”.')).toBeTruthy();
  });

  it('says so when no SKU is mapped, and shows a failed load', async () => {
    mockApi({ 'GET sku-mappings': { body: { items: [], nextCursor: null } } });
    const { unmount } = renderWithStore(<Mappings />);
    expect(await screen.findByText(/No SKU is mapped yet/)).toBeTruthy();
    unmount();

    mockApi({
      'GET sku-mappings': {
        status: 502,
        body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } },
      },
    });
    renderWithStore(<Mappings />);
    expect(await findNotice(/The sidecar does not answer\./)).toBeTruthy();
  });

  it('validates the form before it sends anything', async () => {
    const calls = mockApi({ 'GET sku-mappings': { body: { items: mappings, nextCursor: null } } });
    renderWithStore(<Mappings />);
    await screen.findByText('MUG-BLUE');
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping' }));
    expect(screen.getByText('Enter the storefront SKU.')).toBeTruthy();
    expect(screen.getByText('Choose a NetSuite item (its internal id is digits).')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });

  it('saves a mapping picked from NetSuite and says how many held orders it released', async () => {
    const calls = mockApi({
      'GET sku-mappings': { body: { items: mappings, nextCursor: null } },
      'GET netsuite/items': {
        body: { items: [{ id: '777', itemId: 'CAP-GREEN', displayName: 'Green cap', type: 'InvtPart' }] },
      },
      'PUT sku-mappings/CAP-GREEN': {
        body: { sku: 'CAP-GREEN', netsuiteItemId: '777', connectionId: null, released: 2 },
      },
    });
    renderWithStore(<Mappings />);
    await screen.findByText('MUG-BLUE');
    fireEvent.change(screen.getByLabelText('Storefront SKU'), { target: { value: 'CAP-GREEN' } });
    fireEvent.change(screen.getByLabelText('Search NetSuite items'), { target: { value: 'cap' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    // One match is chosen at once.
    const picker = (await screen.findByLabelText('NetSuite item')) as HTMLSelectElement;
    expect(picker.value).toBe('777');
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping' }));

    expect(await findNotice('Saved: “CAP-GREEN” → #777; 2 held orders released.')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ netsuiteItemId: '777' });
    expect(screen.getByText('CAP-GREEN')).toBeTruthy();
  });
});
