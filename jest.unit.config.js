/** Unit tests: beside the code (the API's, the seed's and the page's), no database. */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/seed', '<rootDir>/web/src'],
  testMatch: ['**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    // Preact ships as ES modules only; the page's specs load it through its words (i18n.ts).
    '^.+\\.mjs$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!preact/)'],
  testEnvironment: 'node',
};
