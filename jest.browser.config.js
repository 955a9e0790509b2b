/**
 * Browser tests: the built page (web/dist) served by the real app on a free port, driven by
 * playwright-core in Debian's Chromium, against a throwaway Neo4j of their own.
 */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
};
