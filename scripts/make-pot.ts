/**
 * Writes `plugin/languages/ml-connector.pot`, the template translators start from, with every string of the plugin's
 * PHP and of the admin UI's TypeScript in the `ml-connector` text domain. It does what `wp i18n make-pot` does for
 * the calls this project uses (WP-CLI is not installable from this project's registries):
 * `__`, `_e`, `_x`, `_n`, `_nx` and the `esc_html`/`esc_attr` variants, with `translators:` comments.
 *
 *   node scripts/make-pot.ts          write the file
 *   node scripts/make-pot.ts --check  exit 1 when the committed file is not what the sources give
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pluginVersion } from './plugin-version.ts';

export const TEXT_DOMAIN = 'ml-connector';
const ROOT = join(import.meta.dirname, '..');
export const POT_PATH = join(ROOT, 'plugin/languages/ml-connector.pot');

/** Which argument holds what, per gettext function; the text domain is always the last string argument. */
const SIGNATURES: Record<string, readonly ('msgid' | 'plural' | 'number' | 'context' | 'domain')[]> = {
  __: ['msgid', 'domain'],
  _e: ['msgid', 'domain'],
  esc_html__: ['msgid', 'domain'],
  esc_html_e: ['msgid', 'domain'],
  esc_attr__: ['msgid', 'domain'],
  esc_attr_e: ['msgid', 'domain'],
  _x: ['msgid', 'context', 'domain'],
  esc_html_x: ['msgid', 'context', 'domain'],
  esc_attr_x: ['msgid', 'context', 'domain'],
  _n: ['msgid', 'plural', 'number', 'domain'],
  _nx: ['msgid', 'plural', 'number', 'context', 'domain'],
};

export interface PotEntry {
  msgid: string;
  plural?: string;
  context?: string;
  references: string[];
  translatorComments: string[];
}

const CALL = new RegExp(`(?<![\\w$>:])(${Object.keys(SIGNATURES).join('|')})\\s*\\(`, 'g');
const TRANSLATORS = /(?:\/\*+|\/\/)\s*translators:\s*([\s\S]*?)\s*(?:\*\/|$)/gim;

/** Reads one quoted literal starting at `at` (PHP single/double, JS single/double/backtick without `${`). */
function readLiteral(source: string, at: number, php: boolean): { value: string; end: number } | undefined {
  const quote = source[at];
  if (quote !== "'" && quote !== '"' && (php || quote !== '`')) return undefined;
  const rawEscapes = php && quote === "'";
  let value = '';
  for (let i = at + 1; i < source.length; i++) {
    const char = source[i] as string;
    if (char === quote) return { value, end: i + 1 };
    if (quote === '`' && char === '$' && source[i + 1] === '{') return undefined;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = source[++i] as string;
    if (rawEscapes) value += next === "'" || next === '\\' ? next : `\\${next}`;
    else value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
  }
  return undefined;
}

const skipSpace = (source: string, at: number): number => {
  let i = at;
  while (/\s/.test(source[i] ?? '')) i++;
  return i;
};

/** A literal, or literals joined by `+` (JS) or `.` (PHP); undefined when the argument is not constant. */
function readConstantString(source: string, at: number, php: boolean): { value: string; end: number } | undefined {
  let literal = readLiteral(source, skipSpace(source, at), php);
  if (!literal) return undefined;
  let value = literal.value;
  for (;;) {
    const joiner = skipSpace(source, literal.end);
    if (source[joiner] !== (php ? '.' : '+')) return { value, end: literal.end };
    const next = readLiteral(source, skipSpace(source, joiner + 1), php);
    if (!next) return { value, end: literal.end };
    value += next.value;
    literal = next;
  }
}

/** Skips one argument that is any expression (the `_n` count), up to the comma or parenthesis that ends it. */
function skipExpression(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const char = source[i];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (char === ',' && depth === 0) return i;
  }
  return source.length;
}

/**
 * The `translators:` comment that belongs to a call: on the two lines before it or on its own line, and not already
 * followed by another gettext call (which it would belong to instead).
 */
function translatorCommentBefore(source: string, callAt: number): string | undefined {
  let windowStart = callAt;
  for (let lines = 0; lines < 3 && windowStart > 0; lines++) windowStart = source.lastIndexOf('\n', windowStart - 1);
  let window = source.slice(Math.max(0, windowStart), callAt);
  const calls = [...window.matchAll(CALL)];
  const lastCall = calls.at(-1);
  if (lastCall) window = window.slice((lastCall.index ?? 0) + lastCall[0].length);
  const comments = [...window.matchAll(TRANSLATORS)];
  return comments.at(-1)?.[1]?.replace(/\s*\n\s*\*?\s*/g, ' ');
}

export function extractStrings(source: string, file: string): PotEntry[] {
  const php = file.endsWith('.php');
  const entries: PotEntry[] = [];
  for (const call of source.matchAll(CALL)) {
    const signature = SIGNATURES[call[1] as string] ?? [];
    const fields: Partial<Record<'msgid' | 'plural' | 'context' | 'domain', string>> = {};
    let at = (call.index ?? 0) + call[0].length;
    let constant = true;
    for (const [position, role] of signature.entries()) {
      if (position > 0) {
        at = skipSpace(source, at);
        if (source[at] !== ',') break;
        at += 1;
      }
      if (role === 'number') {
        at = skipExpression(source, at);
        continue;
      }
      const argument = readConstantString(source, at, php);
      if (!argument) {
        constant = false;
        break;
      }
      fields[role] = argument.value;
      at = argument.end;
    }
    if (!constant || fields.domain !== TEXT_DOMAIN || fields.msgid === undefined) continue;
    const comment = translatorCommentBefore(source, call.index ?? 0);
    entries.push({
      msgid: fields.msgid,
      plural: fields.plural,
      context: fields.context,
      references: [file],
      translatorComments: comment ? [comment] : [],
    });
  }
  return entries;
}

function sourceFiles(directory: string, keep: (path: string) => boolean): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(keep)
    .sort();
}

const translatable = (path: string): boolean =>
  /\.(php|tsx?)$/.test(path) &&
  !/\.test\.tsx?$/.test(path) &&
  !path.endsWith('.d.ts') &&
  !path.includes('/build/') &&
  !path.includes('/node_modules/');

/** Every translatable string of the plugin and the admin UI, merged by (context, msgid) in source order. */
export function collectEntries(root = ROOT): PotEntry[] {
  const files = [
    ...sourceFiles(join(root, 'plugin'), translatable),
    ...sourceFiles(join(root, 'admin-ui/src'), translatable),
  ];
  const merged = new Map<string, PotEntry>();
  for (const file of files) {
    for (const entry of extractStrings(readFileSync(file, 'utf8'), relative(root, file))) {
      const key = `${entry.context ?? ''}\u0004${entry.msgid}`;
      const known = merged.get(key);
      if (!known) merged.set(key, entry);
      else {
        for (const reference of entry.references) {
          if (!known.references.includes(reference)) known.references.push(reference);
        }
        for (const comment of entry.translatorComments) {
          if (!known.translatorComments.includes(comment)) known.translatorComments.push(comment);
        }
        known.plural ??= entry.plural;
      }
    }
  }
  return [...merged.values()];
}

const quoted = (text: string): string => {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t');
  const lines = escaped.split('\n');
  if (lines.length === 1) return `"${escaped}"`;
  return ['""', ...lines.map((line, i) => `"${line}${i < lines.length - 1 ? '\\n' : ''}"`)].join('\n');
};

/**
 * The template's text. No creation date and references by file only (no line numbers): the file changes only when
 * the strings do, so `--check` can hold it to the sources without every edit touching it.
 */
export function renderPot(entries: PotEntry[], version = pluginVersion()): string {
  const header = [
    '# Copyright (C) ml-connector',
    '# This file is distributed under the GPL-2.0-or-later.',
    'msgid ""',
    'msgstr ""',
    `"Project-Id-Version: ml-connector ${version}\\n"`,
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    '"Language-Team: LANGUAGE <LL@li.org>\\n"',
    '"X-Domain: ml-connector\\n"',
    '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
  ].join('\n');
  const blocks = entries.map((entry) => {
    const lines = [
      ...entry.translatorComments.map((comment) => `#. translators: ${comment}`),
      `#: ${entry.references.join(' ')}`,
    ];
    const language = entry.references[0]?.endsWith('.php') ? 'php' : 'javascript';
    if (/%(\d+\$)?[sd]/.test(entry.msgid)) lines.push(`#, ${language}-format`);
    if (entry.context !== undefined) lines.push(`msgctxt ${quoted(entry.context)}`);
    lines.push(`msgid ${quoted(entry.msgid)}`);
    if (entry.plural === undefined) lines.push('msgstr ""');
    else lines.push(`msgid_plural ${quoted(entry.plural)}`, 'msgstr[0] ""', 'msgstr[1] ""');
    return lines.join('\n');
  });
  return `${[header, ...blocks].join('\n\n')}\n`;
}

if (import.meta.main) {
  const pot = renderPot(collectEntries());
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(POT_PATH, 'utf8');
    } catch {}
    if (committed !== pot) {
      console.error(`${relative(ROOT, POT_PATH)} is out of date: run npm run make-pot`);
      process.exit(1);
    }
    console.log(`${relative(ROOT, POT_PATH)} is current.`);
  } else {
    writeFileSync(POT_PATH, pot);
    console.log(`${relative(ROOT, POT_PATH)}: ${collectEntries().length} strings.`);
  }
}
