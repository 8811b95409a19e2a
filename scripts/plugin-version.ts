import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `Version:` of the plugin header in plugin/ml-connector.php: what the .pot and the release ZIP are named for. */
export function pluginVersion(root = join(import.meta.dirname, '..')): string {
  const header = readFileSync(join(root, 'plugin/ml-connector.php'), 'utf8');
  const version = /^\s*\*\s*Version:\s*(\S+)/m.exec(header)?.[1];
  if (!version) throw new Error('plugin/ml-connector.php has no Version: header');
  return version;
}
