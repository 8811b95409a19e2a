/**
 * SuiteQL's value rendering (spec §6.1): every value is a string; numbers without trailing zeros ("39.98", "2");
 * booleans "T"/"F"; dates in the account's date format "M/D/YYYY". NULL is not rendered (the column is omitted).
 */
const BOOL = 16;
const NUMERIC_TYPES = new Set([20, 21, 23, 700, 701, 1700]);
const DATE = 1082;
const DATETIME_TYPES = new Set([1114, 1184]);

export interface RenderOptions {
  /**
   * Datetimes not wrapped in TO_CHAR: NetSuite's format here is UNCERTAIN (spec §6.1, §10 item 7). Default: the date
   * alone, "3/4/2025", as the spec's examples show — so a client that forgets TO_CHAR loses the time, as it would.
   * `true`: "3/4/2025 6:22 pm" (the account's default time format, "h:mm a").
   */
  datetimeWithTime: boolean;
}

export function renderValue(raw: string | null, dataTypeID: number, options: RenderOptions): string | undefined {
  if (raw === null) return undefined;
  if (dataTypeID === BOOL) return raw === 't' ? 'T' : 'F';
  if (NUMERIC_TYPES.has(dataTypeID)) return plainNumber(raw);
  if (dataTypeID === DATE) return accountDate(raw) ?? raw;
  if (DATETIME_TYPES.has(dataTypeID)) return accountDatetime(raw, options.datetimeWithTime) ?? raw;
  return raw;
}

function plainNumber(raw: string): string {
  if (!/^-?\d+\.\d+$/.test(raw)) return raw;
  const trimmed = raw.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})/;

function accountDate(raw: string): string | undefined {
  const parts = DATE_PARTS.exec(raw);
  if (!parts) return undefined;
  const [, year, month, day] = parts;
  return `${Number(month)}/${Number(day)}/${year}`;
}

function accountDatetime(raw: string, withTime: boolean): string | undefined {
  const date = accountDate(raw);
  const time = /^\S+ (\d{2}):(\d{2})/.exec(raw);
  if (!date || !withTime || !time) return date;
  const hours = Number(time[1]);
  return `${date} ${hours % 12 || 12}:${time[2]} ${hours < 12 ? 'am' : 'pm'}`;
}
