/** GL templates: which template a product's categories pick, and the journal moves a bill's or refund's lines call for. */
import { describe, expect, it } from 'vitest';
import type { Money } from '../../sidecar/src/canonical/money.ts';
import { reclassExternalId, reclassMoves } from '../../sidecar/src/flows/gl-reclass.ts';
import { type GlTemplate, templateFor } from '../../sidecar/src/flows/gl-templates.ts';

const apparel: GlTemplate = {
  name: 'Apparel',
  match: { category: 'Apparel' },
  revenueAccountId: '40',
  departmentId: '3',
};
const gifts: GlTemplate = { name: 'Gift cards', match: { category: 'gift-cards' }, revenueAccountId: '41' };
const everything: GlTemplate = { name: 'Web', match: {}, classId: '9' };

const money = (text: string) => text as Money;

describe('templateFor', () => {
  it('matches a category by slug or name, case aside; the first fitting template wins; no category fits all', () => {
    const templates = [apparel, gifts, everything];
    expect(templateFor(new Set(['apparel', 't-shirts']), templates)).toBe(apparel);
    expect(templateFor(new Set(['gift cards', 'gift-cards']), templates)).toBe(gifts);
    expect(templateFor(new Set(['kitchen']), templates)).toBe(everything);
    expect(templateFor(new Set(['kitchen']), [apparel, gifts])).toBeUndefined();
  });
});

describe('reclassMoves', () => {
  const templates = new Map([
    ['55', apparel],
    ['56', apparel],
    ['57', everything],
  ]);
  const income = new Map([
    ['55', '30'],
    ['56', '30'],
    ['57', '30'],
    ['58', '30'],
  ]);

  it("adds up a bill's lines per accounts and segments, leaving lines without a revenue account where they are", () => {
    const lines = [
      { itemId: '55', amount: money('24.00'), location: '2' },
      { itemId: '56', amount: money('0.10'), location: '2' },
      { itemId: '55', amount: money('12.00'), location: '4' },
      { itemId: '57', amount: money('8.00'), location: '2' },
      { itemId: '58', amount: money('5.00'), location: '2' },
    ];
    expect(reclassMoves(lines, templates, income, false)).toEqual([
      { fromAccount: '30', toAccount: '40', amount: '24.10', department: '3', location: '2' },
      { fromAccount: '30', toAccount: '40', amount: '12.00', department: '3', location: '4' },
    ]);
  });

  it('moves a refund back, and nothing when the template names the account the item already posts to', () => {
    const lines = [{ itemId: '55', amount: money('12.00') }];
    expect(reclassMoves(lines, templates, income, true)).toEqual([
      { fromAccount: '40', toAccount: '30', amount: '12.00', department: '3' },
    ]);
    expect(reclassMoves(lines, templates, new Map([['55', '40']]), false)).toEqual([]);
  });
});

describe('reclassExternalId', () => {
  it("names the journal after the connector's record, and none for another's", () => {
    expect(reclassExternalId('WOO_', 'WOO_INV_12_1')).toBe('WOO_RECLASS_INV_12_1');
    expect(reclassExternalId('WOO_', 'WOO_REFUND_34')).toBe('WOO_RECLASS_REFUND_34');
    expect(reclassExternalId('WOO_', 'PHONE_INV_1')).toBeUndefined();
  });
});
