/**
 * PHP's behaviour where WooCommerce's bytes depend on it: `wp_json_encode` (PHP `json_encode` with default flags),
 * `rawurlencode`, `parse_str` and `wp_specialchars_decode`. Written from PHP's documented behaviour, apart from the
 * sidecar's own helpers, so a mistake in one does not cancel out in the other.
 */

/**
 * `json_encode($value)` with PHP's default flags: `/` escaped as `\/`, every non-ASCII character as `\uXXXX`
 * (lower-case hex, surrogate pairs for astral characters), no pretty printing. `&`, `<`, `>`, `'` stay as they are.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNRESERVED = /[A-Za-z0-9_.~-]/;

/** `rawurlencode`: every byte of the UTF-8 form but `A-Z a-z 0-9 - _ . ~` as `%XX` (upper-case hex). */
export function rawUrlEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `urldecode`: `+` is a space, `%XX` a byte; malformed escapes stay as they are. */
export function urlDecode(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    const hex = value.slice(i + 1, i + 3);
    if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (char === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A `parse_str` value: text, or a nested array for `name[]=…` / `name[key]=…`. */
export type PhpValue = string | PhpArray;
export interface PhpArray {
  [key: string]: PhpValue;
}

/**
 * `parse_str($query)` as PHP fills `$_GET` / `$_POST`: names and values url-decoded, spaces and dots in a top-level
 * name turned into `_`, `name[]` appended and `name[key]` keyed (one level), a repeated plain name keeping its last
 * value.
 */
export function parseStr(query: string): PhpArray {
  const result: PhpArray = {};
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = urlDecode(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : urlDecode(part.slice(equals + 1));
    const bracket = /^([^[]+)\[([^\]]*)\]/.exec(rawName);
    const base = (bracket ? (bracket[1] ?? '') : rawName).replace(/^ +/, '').replace(/[ .]/g, '_');
    if (base === '') continue;
    if (!bracket) {
      result[base] = value;
      continue;
    }
    const existing = result[base];
    const list: PhpArray = typeof existing === 'object' ? existing : {};
    const key = bracket[2] === '' ? String(Object.keys(list).length) : (bracket[2] ?? '');
    list[key] = value;
    result[base] = list;
  }
  return result;
}

/** `wp_specialchars_decode($text, ENT_QUOTES)`: the five HTML entities WordPress encodes, back to characters. */
export function specialCharsDecode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&#x0*27;/gi, "'")
    .replace(/&amp;/g, '&');
}
