export const REDACTED = '[REDACTED]';

/** Field names whose values are secret whatever they hold. */
const SECRET_FIELD =
  /secret|password|passwd|token|authorization|cookie|signature|assertion|private.?key|api.?key|consumer.?key/i;

/** Shorter values would redact ordinary words; every secret the sidecar handles is far longer. */
const MIN_SECRET_LENGTH = 8;

/** Nesting deeper than this is cut rather than walked (a guard against pathological payloads). */
const MAX_DEPTH = 32;

const isSecretField = (key: string, value: unknown) => SECRET_FIELD.test(key) && value !== null && value !== '';

/** Matches any of the values, longest first, each also in its JSON-escaped form (how it appears in a log line). */
function patternOf(values: Iterable<string>): RegExp | undefined {
  const forms = new Set<string>();
  for (const value of values) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  if (forms.size === 0) return undefined;
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

/**
 * Removes secrets from anything on its way out (log lines, audit events, stored errors, API responses): the values
 * it has been told about, wherever they appear, and every field whose name says it is secret.
 */
export class Redactor {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  addSecret(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.#values.has(value)) return;
    this.#values.add(value);
    this.#pattern = patternOf(this.#values);
  }

  scrub(text: string): string {
    return this.#pattern ? text.replace(this.#pattern, REDACTED) : text;
  }

  /**
   * A deep copy with secret fields replaced and known secrets scrubbed from every string. A value found under a
   * secret field is scrubbed from the rest of the same object too: a storefront echoing a key back in a message
   * must not undo the redaction of the field that carried it.
   */
  redact<T>(value: T): T {
    const found = new Set<string>();
    collectSecretFieldValues(value, found, 0);
    const local = patternOf(found);
    const scrub = (text: string) => {
      const known = this.scrub(text);
      return local ? known.replace(local, REDACTED) : known;
    };
    return redactValue(value, scrub, 0) as T;
  }
}

function collectSecretFieldValues(value: unknown, found: Set<string>, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  for (const [key, item] of Object.entries(value)) {
    if (isSecretField(key, item) && typeof item === 'string') found.add(item);
    else collectSecretFieldValues(item, found, depth + 1);
  }
}

function redactValue(value: unknown, scrub: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, scrub, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretField(key, item) ? REDACTED : redactValue(item, scrub, depth + 1);
  }
  return copy;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
