import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packPlugin, zipArchive } from '../../scripts/plugin-zip.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mlc-plugin-zip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Python's zipfile reads the archive: an independent reader, as WordPress's unzip would be. */
function readWithPython(path: string): { names: string[]; corrupt: string | null; header: string } {
  const script = [
    'import json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    "print(json.dumps({'names': z.namelist(), 'corrupt': z.testzip(),",
    "  'header': z.read('ml-connector/ml-connector.php').decode('utf-8') if 'ml-connector/ml-connector.php' in z.namelist() else ''}))",
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

describe('plugin ZIP: what a merchant uploads under Plugins → Add New', () => {
  it('writes an archive another reader opens, with every byte and checksum intact', () => {
    const path = join(scratch, 'two.zip');
    const big = Buffer.from('ünïcode · '.repeat(5000));
    const archive = zipArchive([
      { name: 'a/empty.txt', data: Buffer.alloc(0), modified: new Date('2026-11-23T10:11:12Z') },
      { name: 'a/ünïcode.txt', data: big, modified: new Date('2026-11-23T10:11:12Z') },
    ]);
    execFileSync('python3', ['-c', 'import sys; open(sys.argv[1], "wb").write(sys.stdin.buffer.read())', path], {
      input: archive,
    });
    const script = [
      'import json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      "print(json.dumps({'corrupt': z.testzip(), 'sizes': {i.filename: i.file_size for i in z.infolist()},",
      "  'date': list(z.getinfo('a/empty.txt').date_time)}))",
    ].join('\n');
    const read = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
    expect(read).toEqual({
      corrupt: null,
      sizes: { 'a/empty.txt': 0, 'a/ünïcode.txt': big.length },
      date: [2026, 11, 23, 10, 11, 12],
    });
  });

  it('packs plugin/ into one ml-connector/ folder with the PHP, the built admin UI and the translations template', () => {
    const { path, files } = packPlugin(join(scratch, 'ml-connector.zip'));
    const read = readWithPython(path);
    expect(read.corrupt).toBeNull();
    expect(read.names).toEqual(files.map((file) => `ml-connector/${file}`));
    expect(read.names).toEqual(
      expect.arrayContaining([
        'ml-connector/ml-connector.php',
        'ml-connector/uninstall.php',
        'ml-connector/includes/class-plugin.php',
        'ml-connector/build/index.js',
        'ml-connector/languages/ml-connector.pot',
      ]),
    );
    expect(read.header).toBe(readFileSync('plugin/ml-connector.php', 'utf8'));
  });
});
