#!/usr/bin/env node
/**
 * `npm start`: the main job on a fresh machine. Installs what is missing
 * (npm dependencies, Debian's chromium / firefox-esr), builds both targets,
 * then opens a browser with Podium, the sample archive and the demo pages.
 * With no display it runs headless and writes artifacts/hover-card.png.
 *
 *   npm start                 Chromium
 *   npm start -- --firefox    Firefox ESR
 *   npm start -- --headless   force headless (screenshot only)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const firefox = args.includes('--firefox');

function sh(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;

if (!fs.existsSync(path.join(root, 'node_modules/.bin/webpack'))) {
  console.log('Installing npm dependencies…');
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
}

const needed = [firefox ? 'firefox-esr' : 'chromium', 'openssl'].filter((b) => !has(b));
if (needed.length) {
  if (process.getuid?.() !== 0 && !has('sudo')) {
    console.error(`Podium needs ${needed.join(' and ')}. Install with: apt-get install ${needed.join(' ')}`);
    process.exit(1);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  console.log(`Installing ${needed.join(', ')} from Debian…`);
  sh(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-qq']);
  sh(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-qq', ...needed], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

console.log('Building dist/chrome and dist/firefox…');
sh(path.join(root, 'node_modules/.bin/webpack'), ['--mode', 'production']);
sh(path.join(root, 'node_modules/.bin/tsx'), ['scripts/demo.ts', ...args]);
