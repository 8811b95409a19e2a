/**
 * Packs the WordPress plugin as merchants install it (Plugins → Add New → Upload): `dist/ml-connector-<version>.zip`
 * holding one `ml-connector/` folder with the PHP, the built admin UI and the translations. `npm run plugin:zip`
 * builds the admin UI first. The ZIP is written here (Node's zlib deflates and checksums) so packaging needs no
 * `zip` program on the machine.
 *
 *   node scripts/plugin-zip.ts [output.zip]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { pluginVersion } from './plugin-version.ts';

const ROOT = join(import.meta.dirname, '..');
const PLUGIN = join(ROOT, 'plugin');
const FOLDER = 'ml-connector';

/** What ships: everything under plugin/ (PHP, build/, languages/, README.md), nothing hidden. */
function pluginFiles(): string[] {
  return readdirSync(PLUGIN, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => relative(PLUGIN, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** MS-DOS date and time, as ZIP stores them (2-second resolution, local fields read as given). */
function dosDateTime(date: Date): { time: number; day: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

interface ZipEntry {
  name: string;
  data: Buffer;
  modified: Date;
}

/** A ZIP archive (PKWARE APPNOTE 6.3: local headers, deflated data, central directory, end record). */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const checksum = crc32(entry.data);
    const { time, day } = dosDateTime(entry.modified);
    const UTF8_NAMES = 0x0800;
    const DEFLATE = 8;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directoryBytes, end]);
}

/** Writes the archive and returns its path and the files it holds; refuses to pack a plugin without its admin UI. */
export function packPlugin(output = join(ROOT, 'dist', `${FOLDER}-${pluginVersion()}.zip`)): {
  path: string;
  files: string[];
} {
  const files = pluginFiles();
  if (!files.some((file) => file.startsWith('build/'))) {
    throw new Error('plugin/build/ is missing: run npm run build:admin-ui first (npm run plugin:zip does)');
  }
  const entries = files.map((file) => ({
    name: `${FOLDER}/${file}`,
    data: readFileSync(join(PLUGIN, file)),
    modified: statSync(join(PLUGIN, file)).mtime,
  }));
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, zipArchive(entries));
  return { path: output, files };
}

if (import.meta.main) {
  const { path, files } = packPlugin(process.argv[2]);
  console.log(`${relative(process.cwd(), path)}: ${files.length} files in ${FOLDER}/`);
}
