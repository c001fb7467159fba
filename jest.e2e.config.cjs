/** End-to-end tests: the built extension in real Chromium and Firefox ESR. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
  },
  testTimeout: 120_000,
  maxWorkers: 1,
};
