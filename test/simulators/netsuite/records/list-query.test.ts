import { describe, expect, it } from 'vitest';
import { NsError } from '../responses.ts';
import type { SimRecord } from '../store.ts';
import { parseFilter } from './list-query.ts';

const customer = (id: string, fields: Record<string, unknown>, externalId?: string): SimRecord => ({
  type: 'customer',
  id,
  externalId,
  fields,
  createdAt: Date.UTC(2025, 2, 4, 12),
  lastModified: Date.UTC(2025, 2, 4, 18, 22, 11),
});

const records = [
  customer('1', { email: 'barbara@example.com', isPerson: true, firstName: 'Barbara', subsidiary: { id: '2' } }, 'A-1'),
  customer('2', { email: 'bob@example.com', isPerson: false, companyName: 'Bob Inc', creditLimit: '100' }),
  customer('3', { email: 'carol@shop.test', isPerson: true, creditLimit: '250.5' }, 'A|3'),
];

const ids = (q: string, oneWorld = true) =>
  records.filter(parseFilter('customer', q, oneWorld)).map((record) => record.id);

describe('q filter expressions (spec §3.6)', () => {
  it('string operators ignore case and accept bare or quoted values', () => {
    expect(ids('email START_WITH B')).toEqual(['1', '2']);
    expect(ids('email END_WITH "shop.test"')).toEqual(['3']);
    expect(ids('email CONTAIN_NOT example')).toEqual(['3']);
    expect(ids('externalId IS "A|3"')).toEqual(['3']);
    expect(ids('externalId EMPTY')).toEqual(['2']);
    expect(ids('externalId EMPTY_NOT')).toEqual(['1', '3']);
  });

  it('numbers, booleans and references', () => {
    expect(ids('creditLimit GREATER 100')).toEqual(['3']);
    expect(ids('creditLimit BETWEEN [100, 200]')).toEqual(['2']);
    expect(ids('id ANY_OF [1, 3]')).toEqual(['1', '3']);
    expect(ids('id ANY_OF_NOT [1, 3]')).toEqual(['2']);
    expect(ids('isPerson IS true')).toEqual(['1', '3']);
    expect(ids('subsidiary ANY_OF [2]')).toEqual(['1']);
  });

  it('dates in N/query formats, at day precision', () => {
    expect(ids('lastModifiedDate ON "3/4/2025"')).toEqual(['1', '2', '3']);
    expect(ids('lastModifiedDate ON_OR_AFTER "2025-03-05"')).toEqual([]);
    expect(ids('lastModifiedDate BEFORE "3/5/2025" AND email START_WITH c')).toEqual(['3']);
  });

  it('AND binds tighter than OR, parentheses override', () => {
    expect(ids('email START_WITH b AND isPerson IS false OR id ANY_OF [3]')).toEqual(['2', '3']);
    expect(ids('email START_WITH b AND (isPerson IS false OR id ANY_OF [1])')).toEqual(['1', '2']);
  });

  it('refuses unknown fields, wrong operators and syntax errors as INVALID_PARAMETER on q', () => {
    for (const q of ['shoeSize IS 9', 'email GREATER 3', 'email IS', '(email IS x', 'subsidiary ANY_OF [2] extra']) {
      const attempt = () => ids(q);
      expect(attempt).toThrow(NsError);
      try {
        attempt();
      } catch (error) {
        expect((error as NsError).details[0]).toMatchObject({
          'o:errorCode': 'INVALID_PARAMETER',
          'o:errorQueryParam': 'q',
        });
      }
    }
    expect(() => ids('subsidiary ANY_OF [2]', false)).toThrow(NsError);
  });
});
