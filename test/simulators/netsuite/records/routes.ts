/** The record service's HTTP surface under `/services/rest/record/v1` (spec §1.2, §3). */
import type { Context, Hono } from 'hono';
import { type RecordType, recordTypeOf } from '../record-types.ts';
import { MEDIA_TYPE, NsError, REST_PREFIX } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { listRecords } from './collection.ts';
import { lookupField } from './field-defs.ts';
import type { Validation } from './normalize.ts';
import {
  findLine,
  type RenderOptions,
  recordUrl,
  renderableFields,
  renderField,
  renderLine,
  renderRecord,
} from './render.ts';
import { createdFieldName, SCHEMAS } from './schema.ts';
import { createRecord, deleteRecord, updateRecord, type WriteOptions } from './service.ts';
import { transformRecord } from './transforms.ts';

const BASE = '/record/v1';
const MALFORMED = 'The request could not be understood by the server due to malformed syntax.';

export function registerRestRoutes(rest: Hono, sim: NetSuiteSimulator): void {
  rest.get(`${BASE}/:type`, (c) => {
    const type = recordType(c);
    const body = listRecords(
      sim,
      type,
      { limit: c.req.query('limit'), offset: c.req.query('offset'), q: c.req.query('q') },
      origin(c),
    );
    return json(c, body, MEDIA_TYPE.collection);
  });

  rest.post(`${BASE}/:type`, async (c) => {
    const type = recordType(c);
    const record = createRecord(sim, type, await readBody(c), writeOptions(c));
    return created(c, record);
  });

  rest.get(`${BASE}/:type/:id`, (c) => {
    const record = findRecord(sim, recordType(c), c.req.param('id'));
    return json(
      c,
      renderRecord(sim, record, { ...renderOptions(c), only: onlyFields(c, record.type, sim.settings.oneWorld) }),
      MEDIA_TYPE.singular,
    );
  });

  rest.patch(`${BASE}/:type/:id`, async (c) => {
    const record = findRecord(sim, recordType(c), c.req.param('id'));
    const updated = updateRecord(sim, record, await readBody(c), writeOptions(c));
    return created(c, updated);
  });

  rest.put(`${BASE}/:type/:id`, async (c) => {
    const type = recordType(c);
    const externalId = externalIdOf(c.req.param('id'));
    // Spec §3.5: upsert is by external id only; PUT on an internal id has UNCERTAIN semantics and is refused here.
    if (externalId === undefined) throw new NsError(400, 'INVALID_REQUEST', MALFORMED, { 'o:urlPath': c.req.path });
    const body = await readBody(c);
    const existing = sim.store.getByExternalId(type, externalId);
    const record = existing
      ? updateRecord(sim, existing, withoutExternalId(body), writeOptions(c))
      : createRecord(sim, type, withoutExternalId(body), writeOptions(c), externalId);
    return created(c, record);
  });

  rest.delete(`${BASE}/:type/:id`, (c) => {
    deleteRecord(sim, findRecord(sim, recordType(c), c.req.param('id')));
    return c.body(null, 204);
  });

  rest.post(`${BASE}/:type/:id/!transform/:toType`, async (c) => {
    const source = findRecord(sim, recordType(c), c.req.param('id'));
    const toType = recordTypeOf(c.req.param('toType'));
    if (!toType) throw new NsError(400, 'INVALID_REQUEST', MALFORMED, { 'o:urlPath': c.req.path });
    const record = transformRecord(sim, source, toType, await readBody(c), writeOptions(c));
    return created(c, record);
  });

  rest.get(`${BASE}/:type/:id/:sublist`, (c) => {
    const record = findRecord(sim, recordType(c), c.req.param('id'));
    return subResource(c, sim, record, c.req.param('sublist'), undefined);
  });

  rest.get(`${BASE}/:type/:id/:sublist/:key`, (c) => {
    const record = findRecord(sim, recordType(c), c.req.param('id'));
    return subResource(c, sim, record, c.req.param('sublist'), c.req.param('key'));
  });
}

function subResource(c: Context, sim: NetSuiteSimulator, record: SimRecord, name: string, key: string | undefined) {
  const found = lookupField(SCHEMAS[record.type], name, sim.settings.oneWorld);
  const def = found?.[1];
  if (!found || (def?.kind !== 'sublist' && def?.kind !== 'subrecord')) throw notFoundPath(c);
  const [fieldName] = found;
  const fields = renderableFields(sim, record);
  const url = `${recordUrl(origin(c), record.type, record.id)}/${fieldName}`;
  const options = renderOptions(c);
  if (def.kind === 'subrecord') {
    if (key !== undefined || fields[fieldName] === undefined) throw notFoundPath(c);
    return json(
      c,
      renderField(sim, def, fieldName, fields[fieldName], url, { ...options, expand: true }),
      MEDIA_TYPE.singular,
    );
  }
  if (key !== undefined) {
    const line = def.key ? findLine(fields, fieldName, key, def.key.field) : undefined;
    if (!line) throw new NsError(404, 'NONEXISTENT_ID', 'Record does not exist.');
    return json(c, renderLine(sim, def, line, url, { ...options, expand: true }), MEDIA_TYPE.singular);
  }
  const lines = ((fields[fieldName] as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).map((line) => {
    const rendered = renderLine(sim, def, line, url, options);
    return options.expand ? rendered : { links: rendered.links };
  });
  return json(
    c,
    {
      links: [{ rel: 'self', href: url }],
      count: lines.length,
      hasMore: false,
      items: lines,
      offset: 0,
      totalResults: lines.length,
    },
    MEDIA_TYPE.collection,
  );
}

function recordType(c: Context): RecordType {
  const type = recordTypeOf(c.req.param('type') ?? '');
  // An unknown record type is an unknown resource path (the same 404 the service gives for any other).
  if (!type) throw notFoundPath(c);
  return type;
}

const notFoundPath = (c: Context) => new NsError(404, 'INVALID_REQUEST', MALFORMED, { 'o:urlPath': c.req.path });

const externalIdOf = (idParam: string): string | undefined =>
  idParam.toLowerCase().startsWith('eid:') ? idParam.slice(4) : undefined;

export function findRecord(sim: NetSuiteSimulator, type: RecordType, idParam: string | undefined): SimRecord {
  const externalId = externalIdOf(idParam ?? '');
  const record =
    externalId !== undefined ? sim.store.getByExternalId(type, externalId) : sim.store.get(type, idParam ?? '');
  if (!record) throw new NsError(404, 'NONEXISTENT_ID', 'Record does not exist.');
  return record;
}

async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new NsError(400, 'INVALID_REQUEST', MALFORMED);
  }
}

function withoutExternalId(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => name.toLowerCase() !== 'externalid'));
}

function validation(c: Context, header: string, fallback: Validation): Validation {
  const value = c.req.header(header)?.trim().toLowerCase();
  return value === 'ignore' || value === 'warning' || value === 'error' ? value : fallback;
}

function writeOptions(c: Context): WriteOptions {
  const replace = (c.req.query('replace') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return {
    names: validation(c, 'X-NetSuite-PropertyNameValidation', 'warning'),
    values: validation(c, 'X-NetSuite-PropertyValueValidation', 'error'),
    replace: new Set(replace),
  };
}

const flag = (c: Context, name: string) => c.req.query(name)?.toLowerCase() === 'true';

function renderOptions(c: Context): RenderOptions {
  return { origin: origin(c), expand: flag(c, 'expandSubResources'), simpleEnums: flag(c, 'simpleEnumFormat') };
}

/** `fields=a,b` (spec §3.1): body fields only, matched like request property names; an unknown one is refused. */
function onlyFields(c: Context, type: RecordType, oneWorld: boolean): Set<string> | undefined {
  const requested = c.req.query('fields');
  if (!requested) return undefined;
  const always = ['externalId', 'lastModifiedDate', createdFieldName(type)];
  const only = new Set<string>();
  for (const name of requested
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const fixed = always.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    const found = fixed ?? (name.toLowerCase() === 'id' ? 'id' : lookupField(SCHEMAS[type], name, oneWorld)?.[0]);
    if (!found) {
      throw new NsError(
        400,
        'NONEXISTENT_FIELD',
        `Invalid field name: ${name}. The field does not exist on this record.`,
        {
          'o:errorQueryParam': 'fields',
        },
      );
    }
    only.add(found);
  }
  return only;
}

const origin = (c: Context): string => new URL(c.req.url).origin;

function json(c: Context, body: unknown, contentType: string): Response {
  return c.body(JSON.stringify(body), 200, { 'Content-Type': contentType });
}

/** 204 with the record's URL in `Location` and no body (spec §3.3). */
function created(c: Context, record: SimRecord): Response {
  return c.body(null, 204, { Location: `${origin(c)}${REST_PREFIX}${BASE}/${record.type}/${record.id}` });
}
