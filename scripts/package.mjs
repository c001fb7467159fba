#!/usr/bin/env node
/** `npm run package`: store-ready archives of both builds with web-ext, in dist/packages/. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/packages');
fs.mkdirSync(out, { recursive: true });
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

for (const browser of ['chrome', 'firefox']) {
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/web-ext'),
    ['build', '--source-dir', `dist/${browser}`, '--artifacts-dir', out, '--filename', `podium-${version}-${browser}.zip`, '--overwrite-dest'],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`Packages written to ${path.relative(root, out)}/`);
