/**
 * Applies a normalised patch to a record's fields: body fields overwrite (null clears), subrecords merge field by
 * field, sublists merge or replace by the table of spec §3.7.
 */

import type { FieldDef, Fields, LineKey } from './field-defs.ts';
import type { Patch, SublistPatch } from './normalize.ts';

export type Line = Record<string, unknown>;

export interface MergeOptions {
  /** Sublists named in `?replace=`, lower-cased. */
  replace: ReadonlySet<string>;
  /**
   * Per sublist, the field request lines are matched on instead of the sublist's key: a transform's pre-generated
   * lines are addressed by `orderLine` (spec §3.9).
   */
  matchOn?: Readonly<Record<string, string>>;
}

/** Writes `patch` into `target` (a copy the caller owns). */
export function mergeInto(schema: Fields, target: Record<string, unknown>, patch: Patch, options: MergeOptions): void {
  for (const [name, value] of Object.entries(patch)) {
    const def = schema[name];
    if (def?.kind === 'sublist') {
      const lines = Array.isArray((target[name] as SublistPatch | undefined)?.items)
        ? ((target[name] as { items: Line[] }).items as Line[])
        : [];
      const replace = options.replace.has(name.toLowerCase());
      const items =
        value === null ? [] : mergeLines(def, lines, (value as SublistPatch).items, replace, options.matchOn?.[name]);
      target[name] = { items };
    } else if (value === null) {
      delete target[name];
    } else if (def?.kind === 'subrecord') {
      target[name] = mergeSubrecord(def, target[name], value as Patch);
    } else {
      target[name] = value;
    }
  }
}

function mergeSubrecord(def: Extract<FieldDef, { kind: 'subrecord' }>, current: unknown, patch: Patch): Line {
  const merged: Line = isLine(current) ? { ...current } : {};
  mergeInto(def.fields, merged, patch, { replace: new Set() });
  return merged;
}

export function mergeLines(
  def: Extract<FieldDef, { kind: 'sublist' }>,
  existing: Line[],
  requested: Patch[] | null,
  replace: boolean,
  matchOn?: string,
): Line[] {
  if (requested === null) return [];
  const key = def.key;
  if (!key) return replace ? requested.map(cleanLine) : [...existing.map(copy), ...requested.map(cleanLine)];

  const kept = new Map<Line, Line>();
  const added: Line[] = [];
  for (const request of requested) {
    const match = existing.find((line) => sameLine(line, request, key, matchOn));
    if (match) {
      kept.set(match, mergeLine(def.line, kept.get(match) ?? copy(match), request, key));
    } else {
      added.push(newLine(def.line, request, key));
    }
  }
  const survivors = existing.flatMap((line) => {
    const merged = kept.get(line);
    if (merged) return [merged];
    return replace ? [] : [copy(line)];
  });
  if (key.kind === 'assigned') assignKeys(key.field, existing, survivors, added);
  return [...survivors, ...added];
}

function sameLine(line: Line, request: Patch, key: LineKey, matchOn: string | undefined): boolean {
  if (matchOn && request[matchOn] !== undefined) return line[matchOn] === request[matchOn];
  const wanted = request[key.field];
  if (wanted === undefined || wanted === null) return false;
  if (key.kind === 'reference') return refId(line[key.field]) === refId(wanted);
  return line[key.field] === wanted;
}

function mergeLine(schema: Fields, line: Line, request: Patch, key: LineKey): Line {
  const patch = { ...request };
  if (key.kind === 'assigned') delete patch[key.field];
  // NetSuite recalculates an item line's amount when its rate or quantity changes and the amount is not given.
  if ('amount' in schema && ('quantity' in patch || 'rate' in patch) && !('amount' in patch)) delete line.amount;
  mergeInto(schema, line, patch, { replace: new Set() });
  return line;
}

function newLine(schema: Fields, request: Patch, key: LineKey): Line {
  const line: Line = {};
  const patch = { ...request };
  // A line's number is the record's to give (spec §3.7: `line` is read-only).
  if (key.kind === 'assigned') delete patch[key.field];
  mergeInto(schema, line, patch, { replace: new Set() });
  return line;
}

/** New lines continue after the highest key the sublist had or has. */
function assignKeys(field: string, existing: Line[], survivors: Line[], added: Line[]): void {
  let highest = 0;
  for (const line of [...existing, ...survivors]) {
    const value = line[field];
    if (typeof value === 'number' && value > highest) highest = value;
  }
  for (const line of added) line[field] = ++highest;
}

function cleanLine(request: Patch): Line {
  const line: Line = {};
  for (const [name, value] of Object.entries(request)) if (value !== null) line[name] = value;
  return line;
}

const copy = (line: Line): Line => structuredClone(line);

const isLine = (value: unknown): value is Line => typeof value === 'object' && value !== null && !Array.isArray(value);

export function refId(value: unknown): string | undefined {
  if (isLine(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/** The lines of a sublist in normal form (empty when absent). */
export function linesOf(fields: Record<string, unknown>, sublist: string): Line[] {
  const value = fields[sublist];
  if (isLine(value) && Array.isArray(value.items)) return value.items as Line[];
  return [];
}
