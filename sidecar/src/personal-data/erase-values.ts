/**
 * The pure part of erasure: a stored WooCommerce body, an audit event's details or a job's payload → the same with
 * the person's data replaced by a marker. Ids, money, SKUs, statuses and dates stay, so the accounting trail still
 * reads ("order 727, 40.70 USD, processing"). No I/O here.
 */

/** What an erased value reads as, wherever it was. */
export const ERASED = '[erased]';

/** Nesting deeper than this is cut rather than walked (a guard against pathological payloads). */
const MAX_DEPTH = 32;

/**
 * Who is erased: their email addresses and the names found on their records. Emails match case-insensitively
 * anywhere in a text; names match as whole words, case-sensitively (they are proper nouns: "Ada" is erased, the
 * state code "AL" is not when the person is "Al").
 */
export interface Subject {
  emails: ReadonlySet<string>;
  names: ReadonlySet<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Erases the subject's emails and names from a text: one pattern per kind, longest first (a full name before its parts). */
export function subjectMatcher(subject: Subject): (text: string) => string {
  const emails = [...subject.emails].filter((email) => email.length > 0).sort((a, b) => b.length - a.length);
  const names = [...subject.names].filter((name) => name.length >= 2).sort((a, b) => b.length - a.length);
  const emailPattern = emails.length > 0 ? new RegExp(emails.map(escapeRegExp).join('|'), 'giu') : undefined;
  const namePattern =
    names.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
      : undefined;
  return (text) => {
    // A job's or record's id is never the person: a name like "Abba" must not eat a UUID's letters.
    if (UUID.test(text)) return text;
    let result = emailPattern ? text.replace(emailPattern, ERASED) : text;
    if (namePattern) result = result.replace(namePattern, ERASED);
    return result;
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A non-empty string becomes the marker; empty strings, nulls and numbers carry nothing and stay. */
const erasedValue = (value: unknown): unknown => (typeof value === 'string' && value !== '' ? ERASED : value);

/** Every string in a value scrubbed of the subject's email and names; keys and non-strings untouched. */
function scrubStrings(value: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return ERASED;
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubStrings(item, scrub, depth + 1)]));
}

// ── WooCommerce bodies ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * An order's billing and shipping lose who and where; state and country stay (the tax jurisdiction the accounting
 * trail needs, and too coarse to point at anyone).
 */
const ORDER_ADDRESS_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'postcode',
  'email',
  'phone',
];
const ORDER_FIELDS = ['customer_note', 'customer_ip_address', 'customer_user_agent'];
/** A customer record is nothing but the person: every field except its id, dates, role and flags. */
const CUSTOMER_FIELDS = ['email', 'first_name', 'last_name', 'username', 'avatar_url'];

function eraseFields(record: Record<string, unknown>, fields: readonly string[]): void {
  for (const field of fields) if (field in record) record[field] = erasedValue(record[field]);
}

function eraseAddress(record: Record<string, unknown>, key: string, fields: readonly string[] | 'all'): void {
  const address = record[key];
  if (!isPlainObject(address)) return;
  eraseFields(address, fields === 'all' ? Object.keys(address) : fields);
}

/** Meta data values can hold anything a plugin put there (a gift message, a VAT number): all of it goes. */
function eraseMetaValues(record: Record<string, unknown>): void {
  const meta = record.meta_data;
  if (!Array.isArray(meta)) return;
  for (const entry of meta) {
    if (!isPlainObject(entry)) continue;
    for (const field of ['value', 'display_value']) {
      if (field in entry) entry[field] = typeof entry[field] === 'string' ? erasedValue(entry[field]) : ERASED;
    }
  }
}

/** A WooCommerce order or customer body with the person's fields erased; other topics only scrubbed. */
export function eraseWooBody(topic: string, body: unknown, subject: Subject): unknown {
  const copy = structuredClone(body);
  if (isPlainObject(copy) && topic.startsWith('customer.')) {
    eraseFields(copy, CUSTOMER_FIELDS);
    eraseAddress(copy, 'billing', 'all');
    eraseAddress(copy, 'shipping', 'all');
    eraseMetaValues(copy);
  } else if (isPlainObject(copy) && topic.startsWith('order.')) {
    eraseFields(copy, ORDER_FIELDS);
    eraseAddress(copy, 'billing', ORDER_ADDRESS_FIELDS);
    eraseAddress(copy, 'shipping', ORDER_ADDRESS_FIELDS);
  }
  return scrubStrings(copy, subjectMatcher(subject));
}

/** The rewritten body text, or undefined when erasure changes nothing in it. */
export function eraseDeliveryBody(topic: string, body: string, subject: Subject): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const scrubbed = subjectMatcher(subject)(body);
    return scrubbed === body ? undefined : scrubbed;
  }
  const erased = eraseWooBody(topic, parsed, subject);
  const text = JSON.stringify(erased);
  return text === JSON.stringify(parsed) ? undefined : text;
}

// ── what the sidecar wrote about them (audit details, job payloads and errors) ──────────────────────────────────

/**
 * Field names that hold a person's data in what the sidecar writes down: WooCommerce's and NetSuite's spellings
 * (`first_name`, `firstName`, `addr1`, `addressee`, `zip`, …), compared without case, `_` or `-`. `name` is not one:
 * it names products and fees.
 */
const PERSONAL_KEYS = new Set([
  'firstname',
  'lastname',
  'middlename',
  'fullname',
  'email',
  'altemail',
  'phone',
  'altphone',
  'mobilephone',
  'homephone',
  'addrphone',
  'fax',
  'address1',
  'address2',
  'addr1',
  'addr2',
  'addr3',
  'addressee',
  'attention',
  'addrtext',
  'city',
  'postcode',
  'zip',
  'company',
  'companyname',
  'customernote',
  'customeripaddress',
  'customeruseragent',
  'username',
  'avatarurl',
  'entityid',
]);

const normaliseKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

function erasePersonal(value: unknown, scrub: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return ERASED;
  if (Array.isArray(value)) return value.map((item) => erasePersonal(item, scrub, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      PERSONAL_KEYS.has(normaliseKey(key)) && typeof item === 'string'
        ? erasedValue(item)
        : erasePersonal(item, scrub, depth + 1),
    ]),
  );
}

/**
 * Details the sidecar recorded about a record of the person (a NetSuite body sent, an error echoed back): personal
 * fields erased by name, the person's email and names erased from every other text. Undefined: nothing changed.
 */
export function eraseRecorded<T>(value: T, subject: Subject): T | undefined {
  if (value === null || value === undefined) return undefined;
  const erased = erasePersonal(value, subjectMatcher(subject), 0);
  return JSON.stringify(erased) === JSON.stringify(value) ? undefined : (erased as T);
}

/** A free text (an audit message) with the person's email and names erased; undefined when none appear. */
export function eraseText(text: string, subject: Subject): string | undefined {
  const scrubbed = subjectMatcher(subject)(text);
  return scrubbed === text ? undefined : scrubbed;
}

/** True when a stored value was erased: flows must not send it anywhere as if it were the person's data. */
export const isErased = (value: unknown): boolean => value === ERASED;
