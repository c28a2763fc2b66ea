// Builds the whole app with Shopify's own CLI (`shopify app build`, run from the repository root where
// shopify.app.toml is) on the Node 22 that the npm package `node` provides, then checks the customer account
// extension's bundle against Shopify's 64 KB limit for a UI extension script.
import {spawnSync} from 'node:child_process';
import {existsSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const node = path.join(here, 'node_modules/node/bin/node');
const cli = path.join(here, 'node_modules/@shopify/cli/bin/run.js');
const bundle = path.join(here, 'extensions/returns-account/dist/returns-account.js');
const LIMIT = 64 * 1024;

// A stale bundle from an earlier build must never pass for this one.
rmSync(path.dirname(bundle), {recursive: true, force: true});
const run = spawnSync(node, [cli, 'app', 'build', '--path', root, '--skip-dependencies-installation'], {
  cwd: root,
  encoding: 'utf8',
  timeout: 300_000,
  env: {...process.env, SHOPIFY_CLI_NO_ANALYTICS: '1', CI: '1', NO_COLOR: '1', FORCE_COLOR: '0'},
});
// eslint-disable-next-line no-control-regex
const printed = `${run.stdout ?? ''}${run.stderr ?? ''}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
console.log(printed);
if (run.error || run.status !== 0) {
  console.error(`shopify app build failed: ${run.error ?? `exit ${run.status}`}`);
  process.exit(1);
}
const cliSize = printed.replace(/\s+/g, ' ').match(/returns-account successfully built in \S+ \(([^)]*)\)/);
if (!cliSize || !existsSync(bundle)) {
  console.error('shopify app build did not report or write the returns-account bundle');
  process.exit(1);
}
const bytes = statSync(bundle).size;
console.log(`returns-account bundle: ${bytes} bytes (CLI: ${cliSize[1]}), limit ${LIMIT}`);
process.exit(bytes <= LIMIT ? 0 : 1);
