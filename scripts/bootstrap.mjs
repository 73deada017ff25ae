#!/usr/bin/env node
// The README's two commands run through here on a machine that may have nothing but Node:
// it checks Node and Java, gets pnpm, installs the workspace, then starts the stack or runs
// every test. Plain JavaScript with no dependencies, because nothing is installed yet.
import { spawnSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [mode, ...rest] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const pnpmVersion = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url)),
).packageManager.split('@')[1];

function fail(message) {
  console.error(`assay: ${message}`);
  process.exit(1);
}

function ok(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
}

if (!['start', 'test'].includes(mode)) fail('usage: node scripts/bootstrap.mjs start|test');
if (Number(process.versions.node.split('.')[0]) < 20)
  fail(`Node 20+ is required (this is ${process.version})`);

const java = ok('java', ['-version']);
const javaMajor = java && Number(/version "(?:1\.)?(\d+)/.exec(java)?.[1]);
if (!javaMajor || javaMajor < 17) {
  fail(
    'DynamoDB Local needs Java 17+: install it with `sudo apt-get install -y openjdk-17-jre-headless` (or from https://adoptium.net) and run this again',
  );
}

// The browser tests drive Debian's Chromium (never a downloaded browser).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (mode === 'test' && !ok(chromium, ['--version'])) {
  fail(
    `the browser tests need Chromium at ${chromium}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH) and run this again`,
  );
}

let pnpm = ['pnpm'];
if (ok('pnpm', ['--version'])?.trim() !== pnpmVersion) {
  console.log(`Installing pnpm ${pnpmVersion}…`);
  if (
    spawnSync('npm', ['install', '-g', `pnpm@${pnpmVersion}`], { stdio: 'ignore' }).status !== 0
  ) {
    // No permission for a global install: run it through npx instead.
    pnpm = ['npx', '--yes', `pnpm@${pnpmVersion}`];
  }
}

const run = (args, options = {}) =>
  spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { stdio: 'inherit', cwd: root, ...options })
    .status ?? 1;

const installArgs = [
  'install',
  '--frozen-lockfile',
  ...(process.env.CI ? ['--reporter=append-only'] : []),
];
if (run(installArgs) !== 0) fail('installing dependencies failed (see above)');

if (mode === 'test') {
  process.exit(run(['run', 'verify']));
}

// start: hand the terminal to the stack and pass Ctrl-C through so it can stop cleanly.
const child = spawn(pnpm[0], [...pnpm.slice(1), '--silent', 'assay', 'start', ...rest], {
  stdio: 'inherit',
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
