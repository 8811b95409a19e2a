import { NetSuiteError } from './errors.ts';
import { jsonOf, type NetSuiteRequest, type NetSuiteResponse, type NetSuiteTransport } from './transport.ts';

/** A record as the record service returns it (spec §3.4): ids are strings, references `{id, refName}`. */
export type NetSuiteRecord = { id?: string; externalId?: string } & Record<string, unknown>;

/** A body to write; creates and transforms must carry `externalId`. */
export type RecordBody = Record<string, unknown>;

export interface WriteResult {
  /** The internal id of the record written. */
  id: string;
  /** The write had been done before (an earlier attempt whose answer was lost): nothing was written this time. */
  alreadyDone: boolean;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface GetOptions extends CallOptions {
  /** Inline sublists and subrecords instead of links (spec §3.4). */
  expandSubResources?: boolean;
  /** Only these body fields. */
  fields?: readonly string[];
}

export interface WriteOptions extends CallOptions {
  /** Sublists whose lines the body replaces instead of merging (spec §3.7), e.g. `['item']`. */
  replace?: readonly string[];
}

const RECORD_ROOT = '/services/rest/record/v1';

/** Spec §3.1: unknown body field names fail the write instead of being ignored, so a typo cannot lose data. */
const WRITE_HEADERS = { 'x-netsuite-propertynamevalidation': 'error' };

const RECORD_TYPE = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Spec §3.5: external ids of letters, digits, `_` and `-` (anything else breaks the `eid:` URL form). */
const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;
const INTERNAL_ID = /^\d+$/;

export function assertExternalId(externalId: unknown): asserts externalId is string {
  if (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId)) {
    throw new TypeError(`NetSuite externalId ${JSON.stringify(externalId)} must be letters, digits, "_" or "-".`);
  }
}

/** The `eid:` reference to a record by its external id, usable wherever an internal id is. */
export function eid(externalId: string): string {
  assertExternalId(externalId);
  return `eid:${externalId}`;
}

function recordPath(type: string, ref?: string): string {
  if (!RECORD_TYPE.test(type)) throw new TypeError(`"${type}" is not a NetSuite record type.`);
  if (ref === undefined) return `${RECORD_ROOT}/${type}`;
  if (!INTERNAL_ID.test(ref) && !(ref.startsWith('eid:') && EXTERNAL_ID.test(ref.slice(4)))) {
    throw new TypeError(`"${ref}" is neither a NetSuite internal id nor an eid: reference.`);
  }
  return `${RECORD_ROOT}/${type}/${ref}`;
}

function replaceQuery(options: WriteOptions): NetSuiteRequest['query'] {
  return options.replace?.length ? { replace: options.replace.join(',') } : {};
}

/** Spec §3.3: the new record's internal id is the last path segment of `Location`. */
export function idFromLocation(response: NetSuiteResponse): string | undefined {
  return response.headers.get('location')?.match(/(\d+)$/)?.[1];
}

/**
 * The record service (spec §3): create, read, update, upsert, delete, transform. Creates and transforms are not
 * idempotent, so each must carry an externalId: when the answer to one is lost, the record is looked up by it
 * before anything is sent again, and NetSuite refusing a duplicate externalId means "already done".
 */
export class RecordService {
  readonly #transport: NetSuiteTransport;

  constructor(transport: NetSuiteTransport) {
    this.#transport = transport;
  }

  async create(type: string, body: RecordBody, options: WriteOptions = {}): Promise<WriteResult> {
    const { externalId } = body;
    assertExternalId(externalId);
    const request: NetSuiteRequest = {
      method: 'POST',
      path: recordPath(type),
      query: replaceQuery(options),
      json: body,
      headers: WRITE_HEADERS,
      externalId,
      signal: options.signal,
    };
    return this.#writeOnce(request, type, externalId, options);
  }

  /**
   * A new `toType` record from an existing one (spec §3.9): sales order → fulfillment, invoice, cash sale; invoice →
   * credit memo. Records made this way cannot be upserted, so the body carries the externalId that makes a lost
   * answer recoverable.
   */
  async transform(
    fromType: string,
    fromId: string,
    toType: string,
    body: RecordBody,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    const { externalId } = body;
    assertExternalId(externalId);
    if (!RECORD_TYPE.test(toType)) throw new TypeError(`"${toType}" is not a NetSuite record type.`);
    const request: NetSuiteRequest = {
      method: 'POST',
      path: `${recordPath(fromType, fromId)}/!transform/${toType}`,
      query: replaceQuery(options),
      json: body,
      headers: WRITE_HEADERS,
      externalId,
      signal: options.signal,
    };
    return this.#writeOnce(request, toType, externalId, options);
  }

  /** Throws NETSUITE_NOT_FOUND when there is no such record. */
  async get(type: string, id: string, options: GetOptions = {}): Promise<NetSuiteRecord> {
    const path = recordPath(type, id);
    const response = await this.#transport.request({
      method: 'GET',
      path,
      query: {
        expandSubResources: options.expandSubResources ? 'true' : undefined,
        fields: options.fields?.length ? options.fields.join(',') : undefined,
      },
      externalId: id.startsWith('eid:') ? id.slice(4) : undefined,
      signal: options.signal,
    });
    return jsonOf<NetSuiteRecord>(response, `GET ${path}`);
  }

  /** The record with this externalId, or undefined when there is none. */
  async getByExternalId(
    type: string,
    externalId: string,
    options: GetOptions = {},
  ): Promise<NetSuiteRecord | undefined> {
    try {
      return await this.get(type, eid(externalId), options);
    } catch (error) {
      if (error instanceof NetSuiteError && error.code === 'NETSUITE_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** Changes the fields sent; `null` clears one; sublists merge unless `replace` names them (spec §3.5, §3.7). */
  async patch(type: string, id: string, body: RecordBody, options: WriteOptions = {}): Promise<void> {
    await this.#transport.request({
      method: 'PATCH',
      path: recordPath(type, id),
      query: replaceQuery(options),
      json: body,
      headers: WRITE_HEADERS,
      externalId: id.startsWith('eid:') ? id.slice(4) : undefined,
      signal: options.signal,
    });
  }

  /** Creates or updates the record with this externalId (`PUT …/eid:`, spec §3.5): safe to repeat. */
  async upsert(
    type: string,
    externalId: string,
    body: RecordBody,
    options: WriteOptions = {},
  ): Promise<{ id: string }> {
    if (body.externalId !== undefined && body.externalId !== externalId) {
      throw new TypeError(`The body's externalId "${String(body.externalId)}" differs from "${externalId}".`);
    }
    const response = await this.#transport.request({
      method: 'PUT',
      path: recordPath(type, eid(externalId)),
      query: replaceQuery(options),
      json: body,
      headers: WRITE_HEADERS,
      externalId,
      signal: options.signal,
    });
    // NetSuite's Location on an upsert is not documented (spec §10.6): without it, the record tells its id.
    return { id: idFromLocation(response) ?? (await this.#requireId(type, externalId, options)) };
  }

  /** True when deleted; false when there was no such record (also what a repeated delete finds). */
  async delete(type: string, id: string, options: CallOptions = {}): Promise<boolean> {
    try {
      await this.#transport.request({
        method: 'DELETE',
        path: recordPath(type, id),
        externalId: id.startsWith('eid:') ? id.slice(4) : undefined,
        signal: options.signal,
      });
      return true;
    } catch (error) {
      if (error instanceof NetSuiteError && error.code === 'NETSUITE_NOT_FOUND') return false;
      throw error;
    }
  }

  async #writeOnce(
    request: NetSuiteRequest,
    type: string,
    externalId: string,
    options: CallOptions,
  ): Promise<WriteResult> {
    const outcome = await this.#transport.write(request, () => this.#idOf(type, externalId, options));
    if ('existing' in outcome) return { id: outcome.existing, alreadyDone: true };
    const id = idFromLocation(outcome.response) ?? (await this.#requireId(type, externalId, options));
    return { id, alreadyDone: false };
  }

  async #idOf(type: string, externalId: string, options: CallOptions): Promise<string | undefined> {
    const record = await this.getByExternalId(type, externalId, { signal: options.signal });
    if (record === undefined) return undefined;
    const id = typeof record.id === 'number' ? String(record.id) : record.id;
    if (typeof id !== 'string' || !INTERNAL_ID.test(id)) {
      throw new NetSuiteError({
        code: 'NETSUITE_BAD_RESPONSE',
        request: `GET ${recordPath(type, eid(externalId))}`,
        details: [{ detail: `The record has no internal id: ${JSON.stringify(record.id)}.` }],
        transient: false,
      });
    }
    return id;
  }

  async #requireId(type: string, externalId: string, options: CallOptions): Promise<string> {
    const id = await this.#idOf(type, externalId, options);
    if (id !== undefined) return id;
    throw new NetSuiteError({
      code: 'NETSUITE_BAD_RESPONSE',
      request: `GET ${recordPath(type, eid(externalId))}`,
      details: [{ detail: `NetSuite reported the write done, but no ${type} has externalId ${externalId}.` }],
      transient: true,
    });
  }
}
