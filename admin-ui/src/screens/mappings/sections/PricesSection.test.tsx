import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, mockApi } from '../../../../test/fetch-mock.ts';
import { connection, connectionSettings } from '../../../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../../../test/render.tsx';
import { ConnectionSettings } from '../ConnectionSettings.tsx';

const shop = connection();
const list = (items = [shop]) => ({ body: { items, nextCursor: null } });
const patched = (call: Call) => ({
  body: { ...shop, settings: { ...shop.settings, ...(call.body as { settings: object }).settings } },
});
const patches = (calls: Call[]) => calls.filter((call) => call.method === 'PATCH');

describe('Connection settings: Prices', () => {
  it('is empty by default, and saves the price level and currency with PATCH connections/{id} { settings }', async () => {
    const calls = mockApi({ 'GET connections': list(), [`PATCH connections/${shop.id}`]: patched });
    const screen = renderWithStore(<ConnectionSettings />);
    const section = await screen.findByRole('region', { name: 'Prices' });
    const level = within(section).getByLabelText('Price level') as HTMLInputElement;
    expect(level.value).toBe('');
    fireEvent.change(level, { target: { value: ' 1 ' } });
    fireEvent.change(within(section).getByLabelText('Price currency id'), { target: { value: '2' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save' }));

    expect(await findNotice('Saved.')).toBeTruthy();
    expect(patches(calls).map((call) => call.body)).toEqual([
      { settings: { priceLevelId: '1', priceCurrencyId: '2' } },
    ]);
  });

  it('turns prices off again with an empty level, and blocks a level that is not an internal id', async () => {
    const priced = connection({ settings: connectionSettings({ priceLevelId: '3' }) });
    const calls = mockApi({ 'GET connections': list([priced]), [`PATCH connections/${shop.id}`]: patched });
    const screen = renderWithStore(<ConnectionSettings />);
    const section = await screen.findByRole('region', { name: 'Prices' });
    const level = within(section).getByLabelText('Price level') as HTMLInputElement;
    expect(level.value).toBe('3');

    fireEvent.change(level, { target: { value: 'Base Price' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save' }));
    expect(within(section).getByText('A NetSuite internal id: digits only.')).toBeTruthy();
    expect(patches(calls)).toHaveLength(0);

    fireEvent.change(level, { target: { value: '' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save' }));
    expect(await findNotice('Saved.')).toBeTruthy();
    expect(patches(calls).map((call) => call.body)).toEqual([
      { settings: { priceLevelId: null, priceCurrencyId: null } },
    ]);
  });
});
