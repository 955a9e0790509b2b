/** Unit tests: beside the code, no database. */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/seed'],
  testMatch: ['**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testEnvironment: 'node',
};
