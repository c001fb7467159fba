/**
 * Builds Podium once and writes a loadable extension per browser:
 * dist/chrome (service worker) and dist/firefox (event page). The code is the
 * same for both; only the manifest is patched per browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import webpack from 'webpack';
import { MARK_STYLES } from './src/shared/content-settings';
import { markCss, markCssFile } from './src/shared/mark-styles';

type Browser = 'chrome' | 'firefox';
const ROOT = __dirname;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** One manifest.json in the repo; each browser gets only the keys it understands. */
export function manifestFor(browser: Browser): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Record<string, any>;
  manifest.version = pkg.version;
  if (browser === 'chrome') {
    // Chrome warns on background.scripts in MV3 and ignores the gecko keys.
    manifest.background = { service_worker: manifest.background.service_worker };
    delete manifest.browser_specific_settings;
  } else {
    // Firefox MV3 runs background.scripts as an event page; service_worker is ignored with a lint warning.
    manifest.background = { scripts: manifest.background.scripts };
    // Firefox always structured-clones extension messages and does not know the key.
    delete manifest.message_serialization;
  }
  return manifest;
}

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst);
    else fs.copyFileSync(src, dst);
  }
}

/** Writes the static files and the per-browser manifests after each build. */
class ExtensionLayoutPlugin {
  constructor(private readonly browsers: Browser[]) {}
  apply(compiler: webpack.Compiler): void {
    compiler.hooks.afterEmit.tap('ExtensionLayoutPlugin', () => {
      const out = compiler.options.output.path as string;
      copyDir(path.join(ROOT, 'icons'), path.join(out, 'icons'));
      for (const f of fs.readdirSync(path.join(out, 'icons'))) if (f.endsWith('.svg')) fs.rmSync(path.join(out, 'icons', f));
      // The manifest's __MSG_…__ names and browser.i18n read these.
      copyDir(path.join(ROOT, '_locales'), path.join(out, '_locales'));
      for (const page of ['popup.html']) fs.copyFileSync(path.join(ROOT, 'src/popup', page), path.join(out, page));
      // The import page, and pdf.js's worker for the PDF path (the import page passes its URL as workerSrc).
      fs.copyFileSync(path.join(ROOT, 'src/import/import.html'), path.join(out, 'import.html'));
      fs.copyFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), path.join(out, 'pdf.worker.min.mjs'));
      // The marks' CSS the worker declares to the browser (src/background/sites/mark-styles.ts), one file per style;
      // Chromium's on the root element only (it inherits highlight styles, and a universal rule slows every style pass).
      const writeMarkCss = (dir: string, browser: Browser) => {
        for (const style of MARK_STYLES) fs.writeFileSync(path.join(dir, markCssFile(style)), markCss(style, { rootOnly: browser === 'chrome' }));
      };
      const [first, ...rest] = this.browsers;
      writeMarkCss(out, first!);
      fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifestFor(first!), null, 2));
      for (const other of rest) {
        const dir = path.join(ROOT, 'dist', other);
        fs.rmSync(dir, { recursive: true, force: true });
        copyDir(out, dir);
        fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifestFor(other), null, 2));
        writeMarkCss(dir, other);
      }
    });
  }
}

// `--env readable`: a production build left unminified, so CPU profiles name functions (scripts/bench/import-profile.ts).
export default (env: { browser?: Browser; readable?: boolean } = {}, argv: { mode?: 'production' | 'development' } = {}): webpack.Configuration => {
  const browsers: Browser[] = env.browser ? [env.browser] : ['chrome', 'firefox'];
  const mode = argv.mode ?? 'production';
  return {
    mode,
    context: ROOT,
    devtool: mode === 'production' ? false : 'cheap-source-map',
    entry: {
      // The worker's chunks load with importScripts: Chrome's service worker has no document (src/background/lazy-chunk.ts).
      background: { import: './src/background/index.ts', chunkLoading: 'import-scripts' },
      content: './src/content/index.ts',
      // The hover card's code, injected into a page's isolated world when first needed (src/content/card/card-module.ts).
      card: './src/content/card/card-entry.ts',
      popup: './src/popup/index.tsx',
      import: './src/import/index.tsx',
    },
    output: {
      path: path.join(ROOT, 'dist', browsers[0]!),
      filename: '[name].js',
      // The worker's chunks keep a fixed name: Firefox's event page adds them by URL (src/background/lazy-chunk.ts).
      chunkFilename: (data) => (data.chunk?.name?.startsWith('worker-') ? '[name].js' : 'chunks/[name].[contenthash:8].js'),
      clean: true,
      // Extension pages and the worker may load chunks; the content script stays a single classic script.
      publicPath: '/',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
    module: {
      rules: [
        { test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true } },
        // Styles are injected into shadow roots and extension pages as text.
        { test: /\.css$/, type: 'asset/source' },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ __PODIUM_TEST__: JSON.stringify(false), __VERSION__: JSON.stringify(pkg.version) }),
      new ExtensionLayoutPlugin(browsers),
      // V8's explicit compile hint: almost all of the content script runs as a page with names starts, so V8
      // compiles its functions with the script instead of pre-parsing each and parsing it again on its first call
      // (an ordinary page in Chromium: compiling 3.7 -> 2.9 ms by V8's own log, Podium's tasks 14.5 -> 13.6 ms
      // of CPU, A/B). Added after minification, which drops comments; other engines read a comment.
      new webpack.BannerPlugin({
        banner: '//# allFunctionsCalledOnLoad',
        raw: true,
        include: /^content\.js$/,
        stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT,
      }),
    ],
    optimization: {
      splitChunks: false,
      minimize: mode === 'production' && !env.readable,
    },
    // No `Function('return this')` global shim: web-ext lint flags it as eval.
    node: { global: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
