#!/usr/bin/env node
/**
 * The one install step behind `npm start`, `npm test` and CI: whatever runs
 * first on a fresh machine installs what the others need too.
 *
 * - npm dependencies from the lock file, again whenever the lock changed
 *   (`npm ci` fails on this registry mirror: jest 30's optional unrs-resolver
 *   bindings are missing from it and so from the lock; `npm install` keeps to
 *   the lock and works);
 * - Debian's chromium, firefox-esr (the end-to-end tests and `npm start`
 *   drive both) and openssl (the test server's certificate).
 *
 * Uses only Node's own modules: it runs before node_modules exists.
 * Run directly (`node scripts/setup.mjs`) or import {@link ensureSetup}.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
/** Debian package per command the project runs. */
const DEBIAN = { chromium: 'chromium', 'firefox-esr': 'firefox-esr', openssl: 'openssl' };
/** Where the hash of the lock file node_modules was installed from is kept. */
const STAMP = path.join(root, 'node_modules', '.podium-lock-sha256');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status ?? r.signal}).`);
}

const has = (bin) => spawnSync('sh', ['-c', `command -v "${bin}"`], { stdio: 'ignore' }).status === 0;

function lockHash() {
  return createHash('sha256').update(fs.readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
}

function ensureNpm() {
  const want = lockHash();
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (have === want && fs.existsSync(path.join(root, 'node_modules/.bin/webpack'))) return;
  console.log('Installing npm dependencies from package-lock.json…');
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  fs.writeFileSync(STAMP, `${want}\n`);
}

function ensureDebian() {
  const missing = Object.entries(DEBIAN)
    .filter(([bin]) => !has(bin))
    .map(([, pkg]) => pkg);
  if (!missing.length) return;
  const root_ = process.getuid?.() === 0;
  if (!root_ && !has('sudo')) {
    throw new Error(`Podium needs ${missing.join(', ')}. Install them with: apt-get install ${missing.join(' ')}`);
  }
  const apt = root_ ? ['apt-get'] : ['sudo', 'apt-get'];
  console.log(`Installing ${missing.join(', ')} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(apt[0], [...apt.slice(1), 'update', '-qq'], { env });
  run(apt[0], [...apt.slice(1), 'install', '-y', '-qq', ...missing], { env });
  const still = Object.keys(DEBIAN).filter((bin) => !has(bin));
  if (still.length) throw new Error(`Installed, yet still missing: ${still.join(', ')}.`);
}

/** Installs whatever is missing; throws with a message a user can act on. */
export function ensureSetup() {
  ensureDebian();
  ensureNpm();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureSetup();
  } catch (e) {
    console.error(`\nSetup failed: ${e.message}`);
    process.exit(1);
  }
}
