import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, mockApi } from '../../../test/fetch-mock.ts';
import { connection, connectionSettings } from '../../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import { ConnectionSettings } from './ConnectionSettings.tsx';

const shop = connection();
const list = (items = [shop]) => ({ body: { items, nextCursor: null } });

/** Answers a PATCH with the connection as the sidecar would: the named settings replaced. */
const patched = (call: Call) => ({
  body: { ...shop, settings: { ...shop.settings, ...(call.body as { settings: object }).settings } },
});

const region = (name: string) => screen.findByRole('region', { name });
const patches = (calls: Call[]) => calls.filter((call) => call.method === 'PATCH');

describe('Connection settings (Mappings)', () => {
  it('saves the subsidiary alone with PATCH connections/{id} { settings }', async () => {
    const calls = mockApi({ 'GET connections': list(), [`PATCH connections/${shop.id}`]: patched });
    renderWithStore(<ConnectionSettings />);
    const section = await region('Subsidiary');
    fireEvent.change(within(section).getByLabelText('Subsidiary id'), { target: { value: ' 7 ' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save' }));

    expect(await findNotice('Saved.')).toBeTruthy();
    const [call] = patches(calls);
    expect(call?.url.pathname).toBe(`/wp-json/ml-connector/v1/connections/${shop.id}`);
    expect(call?.body).toEqual({ settings: { subsidiaryId: '7' } });
  });

  it('blocks bad ids and a lower-case country inline, and sends nothing', async () => {
    const calls = mockApi({ 'GET connections': list(), [`PATCH connections/${shop.id}`]: patched });
    renderWithStore(<ConnectionSettings />);
    const section = await region('Location routing');
    fireEvent.change(within(section).getByLabelText('Master location id'), { target: { value: 'main' } });
    fireEvent.change(within(section).getByLabelText('Country'), { target: { value: 'ca' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save' }));

    expect(within(section).getByText('A NetSuite internal id: digits only.')).toBeTruthy();
    expect(within(section).getByText('An ISO 3166-1 country code, two upper-case letters (US, DE).')).toBeTruthy();
    expect(within(section).getByText('Nothing was saved: correct the fields marked below.')).toBeTruthy();
    expect(patches(calls)).toHaveLength(0);

    const subsidiary = await region('Subsidiary');
    fireEvent.change(within(subsidiary).getByLabelText('Subsidiary id'), { target: { value: '12a' } });
    fireEvent.click(within(subsidiary).getByRole('button', { name: 'Save' }));
    expect(within(subsidiary).getByText('A NetSuite internal id: digits only.')).toBeTruthy();
    expect(patches(calls)).toHaveLength(0);
  });

  it('saves the location rules in their order after one is added and moved up', async () => {
    const calls = mockApi({ 'GET connections': list(), [`PATCH connections/${shop.id}`]: patched });
    renderWithStore(<ConnectionSettings />);
    const section = await region('Location routing');
    fireEvent.click(within(section).getByRole('button', { name: 'Add a rule' }));
    const countries = within(section).getAllByLabelText('Country');
    fireEvent.change(countries[1] as HTMLElement, { target: { value: 'US' } });
    fireEvent.change(within(section).getAllByLabelText('State (optional)')[1] as HTMLElement, {
      target: { value: 'NY' },
    });
    fireEvent.change(within(section).getAllByLabelText('Location id')[1] as HTMLElement, { target: { value: '5' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Move up: rule 2' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Save' }));

    await findNotice('Saved.');
    expect(patches(calls)[0]?.body).toEqual({
      settings: {
        masterLocationId: '1',
        locationRules: [
          { country: 'US', state: 'NY', locationId: '5' },
          { country: 'CA', locationId: '3' },
        ],
      },
    });
  });

  it('saves shipping methods with a `*` row, and payment methods as { accountId }', async () => {
    const calls = mockApi({ 'GET connections': list(), [`PATCH connections/${shop.id}`]: patched });
    renderWithStore(<ConnectionSettings />);
    const shipping = await region('Shipping methods');
    fireEvent.click(within(shipping).getByRole('button', { name: 'Add a shipping method' }));
    fireEvent.change(within(shipping).getAllByLabelText('Shipping method id')[1] as HTMLElement, {
      target: { value: '*' },
    });
    fireEvent.change(within(shipping).getAllByLabelText('NetSuite item id')[1] as HTMLElement, {
      target: { value: '42' },
    });
    fireEvent.click(within(shipping).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    expect(patches(calls)[0]?.body).toEqual({ settings: { shippingItems: { flat_rate: '12', '*': '42' } } });

    const payment = await region('Payment methods');
    fireEvent.click(within(payment).getByRole('button', { name: 'Add a payment method' }));
    fireEvent.change(within(payment).getByLabelText('Payment method'), { target: { value: 'stripe' } });
    fireEvent.change(within(payment).getByLabelText('Deposit account id'), { target: { value: '220' } });
    fireEvent.click(within(payment).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(2));
    expect(patches(calls)[1]?.body).toEqual({ settings: { paymentMethods: { stripe: { accountId: '220' } } } });
  });

  it('refuses a key listed twice, and an empty GL template name', async () => {
    const calls = mockApi({ 'GET connections': list(), [`PATCH connections/${shop.id}`]: patched });
    renderWithStore(<ConnectionSettings />);
    const shipping = await region('Shipping methods');
    fireEvent.click(within(shipping).getByRole('button', { name: 'Add a shipping method' }));
    fireEvent.change(within(shipping).getAllByLabelText('Shipping method id')[1] as HTMLElement, {
      target: { value: 'flat_rate' },
    });
    fireEvent.change(within(shipping).getAllByLabelText('NetSuite item id')[1] as HTMLElement, {
      target: { value: '13' },
    });
    fireEvent.click(within(shipping).getByRole('button', { name: 'Save' }));
    expect(within(shipping).getByText('Listed twice: each key once.')).toBeTruthy();

    const gl = await region('GL templates');
    fireEvent.click(within(gl).getByRole('button', { name: 'Add a template' }));
    fireEvent.change(within(gl).getByLabelText('Revenue account id'), { target: { value: '4000' } });
    fireEvent.click(within(gl).getByRole('button', { name: 'Save' }));
    expect(within(gl).getByText('Required.')).toBeTruthy();
    expect(patches(calls)).toHaveLength(0);

    fireEvent.change(within(gl).getByLabelText('Name'), { target: { value: 'Apparel' } });
    fireEvent.change(within(gl).getByLabelText('Product category'), { target: { value: 'clothing' } });
    fireEvent.click(within(gl).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    expect(patches(calls)[0]?.body).toEqual({
      settings: { glTemplates: [{ name: 'Apparel', match: { category: 'clothing' }, revenueAccountId: '4000' }] },
    });
  });

  it('sends tax mode with the tax codes, order items as null when empty, and shows the sidecar’s 400', async () => {
    const calls = mockApi({
      'GET connections': list(),
      [`PATCH connections/${shop.id}`]: (call) =>
        'discountItemId' in (call.body as { settings: object }).settings
          ? patched(call)
          : {
              status: 400,
              body: { error: { code: 'INVALID_SETTINGS', message: 'settings.taxCodes.5: a NetSuite internal id' } },
            },
    });
    renderWithStore(<ConnectionSettings />);
    const tax = await region('Tax');
    fireEvent.change(within(tax).getByLabelText('Tax amounts'), { target: { value: 'netsuite' } });
    fireEvent.click(within(tax).getByRole('button', { name: 'Save' }));
    expect(await findNotice('settings.taxCodes.5: a NetSuite internal id')).toBeTruthy();
    expect(patches(calls)[0]?.body).toEqual({ settings: { taxMode: 'netsuite', taxCodes: {} } });

    const items = await region('Order items');
    fireEvent.change(within(items).getByLabelText('Discount item id'), { target: { value: '88' } });
    fireEvent.click(within(items).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(2));
    expect(patches(calls)[1]?.body).toEqual({
      settings: { discountItemId: '88', feeItemId: null, refundItemId: null },
    });
  });

  it('picks the store when there are several, and says so when there is none', async () => {
    const other = connection({
      id: '0190a000-0000-7000-8000-0000000000c2',
      name: 'Outlet',
      storeUrl: 'https://outlet.test',
      settings: connectionSettings({ subsidiaryId: '9' }),
    });
    mockApi({ 'GET connections': list([shop, other]) });
    const { unmount } = renderWithStore(<ConnectionSettings />);
    const subsidiary = () => screen.getByLabelText('Subsidiary id') as HTMLInputElement;
    await region('Subsidiary');
    expect(subsidiary().value).toBe('');
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: other.id } });
    expect(subsidiary().value).toBe('9');
    unmount();

    mockApi({ 'GET connections': list([]) });
    renderWithStore(<ConnectionSettings />);
    expect(await screen.findByText(/No store is connected yet/)).toBeTruthy();
  });
});
