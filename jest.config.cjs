/** Unit and component tests: jsdom + fake-indexeddb, TypeScript through ts-jest. */
module.exports = {
  testEnvironment: '<rootDir>/test/jsdom-env.cjs',
  // jsdom would pick packages' browser ESM builds; jest runs CommonJS.
  testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
  // i18n-global: `t()` reads `chrome.i18n` as in the content script, answered from _locales/en.
  setupFiles: ['fake-indexeddb/auto', '<rootDir>/test/mocks/i18n-global.ts'],
  roots: ['<rootDir>/test'],
  globals: { __PODIUM_TEST__: true, __VERSION__: '0.0.0-test' },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { jsx: 'react-jsx', jsxImportSource: 'preact', module: 'commonjs', esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/)+((.*/)?shared/)?browser$': '<rootDir>/test/mocks/browser.ts',
    '\\.css$': '<rootDir>/test/mocks/css.ts',
  },
};
