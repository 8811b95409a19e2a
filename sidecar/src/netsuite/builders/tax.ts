/**
 * The storefront's tax as a SuiteTax override (netsuite-gl.md "Tax"): `taxDetailsOverride: true` and one
 * `taxDetails` line per tax the storefront charged, tied to the item line it taxes by `taxDetailsReference`.
 */
import { z } from 'zod';
import { MoneySchema, moneyNumber, RateSchema, rateNumber, toCents } from './money.ts';
import { InternalIdSchema, type RecordRef, ref, type Sublist } from './references.ts';

export const TaxLineSchema = z.object({
  /** 1-based position of the item line this tax is on; absent for tax on shipping or the whole order. */
  line: z.number().int().positive().optional(),
  taxType: z.string().min(1),
  taxCode: InternalIdSchema,
  taxBasis: MoneySchema,
  /** Percent, e.g. "8.25". */
  taxRate: RateSchema,
  taxAmount: MoneySchema,
});

export type TaxLineInput = z.input<typeof TaxLineSchema>;

export type TaxDetailBody = {
  taxDetailsReference?: string;
  taxType: string;
  taxCode: RecordRef;
  taxBasis: number;
  taxRate: number;
  taxAmount: number;
};

export type TaxOverrideBody = { taxDetailsOverride: true; taxDetails: Sublist<TaxDetailBody> };

/** The reference an item line and its tax lines share. */
export const taxReferenceOf = (line: number): string => `line-${line}`;

export function taxOverrideBody(lines: readonly z.output<typeof TaxLineSchema>[]): TaxOverrideBody {
  return {
    taxDetailsOverride: true,
    taxDetails: {
      items: lines.map((tax) => ({
        ...(tax.line === undefined ? {} : { taxDetailsReference: taxReferenceOf(tax.line) }),
        taxType: tax.taxType,
        taxCode: ref(tax.taxCode),
        taxBasis: moneyNumber(tax.taxBasis),
        taxRate: rateNumber(tax.taxRate),
        taxAmount: moneyNumber(tax.taxAmount),
      })),
    },
  };
}

export const taxCents = (lines: readonly z.output<typeof TaxLineSchema>[]): bigint =>
  lines.reduce((total, tax) => total + toCents(tax.taxAmount), 0n);

/** Item lines a tax line names must exist. */
export const taxLinesFit = (lines: readonly { line?: number | undefined }[], itemLines: number): boolean =>
  lines.every((tax) => tax.line === undefined || tax.line <= itemLines);
