// Runs Shopify's theme checker (the theme-app-extension rules, chosen from shopify.extension.toml) offline.
import path from 'node:path';
import { check } from '@shopify/theme-check-node';

const dir = path.resolve(process.argv[2] ?? 'extensions/returns-drawer');
const offenses = await check(dir);
for (const o of offenses) {
  console.log(`${['error', 'warning', 'info'][o.severity] ?? o.severity} ${o.check} ${o.uri}:${(o.start?.line ?? 0) + 1} ${o.message}`);
}
console.log(`theme-check: ${offenses.length} offenses in ${dir}`);
process.exit(offenses.length === 0 ? 0 : 1);
