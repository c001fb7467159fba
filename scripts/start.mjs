#!/usr/bin/env node
/**
 * `npm start`: the main job on a fresh machine. Installs what is missing
 * (scripts/setup.mjs: npm dependencies, Debian's chromium, firefox-esr, openssl), builds both targets,
 * then opens a browser with Podium, the sample archive and the demo pages.
 * With no display it runs headless and writes artifacts/hover-card.png.
 *
 *   npm start                 Chromium
 *   npm start -- --firefox    Firefox ESR
 *   npm start -- --headless   force headless (screenshot only)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureSetup } from './setup.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function sh(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

try {
  ensureSetup();
} catch (e) {
  console.error(`\nSetup failed: ${e.message}`);
  process.exit(1);
}

console.log('Building dist/chrome and dist/firefox…');
sh(path.join(root, 'node_modules/.bin/webpack'), ['--mode', 'production']);
sh(path.join(root, 'node_modules/.bin/tsx'), ['scripts/demo.ts', ...args]);
