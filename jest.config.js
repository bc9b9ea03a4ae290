/**
 * Jest in ESM mode: the toolkit packages are ESM-only, so tests run as ES modules
 * (NODE_OPTIONS=--experimental-vm-modules, set by `npm test`) and mock with
 * `jest.unstable_mockModule`. ts-jest transpiles without type-checking
 * (isolatedModules); `npm run typecheck` is where types are checked.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // A tsconfig with source maps, so failure frames point at the line that failed.
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: './tsconfig.test.json' }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Stryker's sandboxes are copies of the tree: never tests of this one.
  testPathIgnorePatterns: ['/node_modules/', '/.stryker-tmp/'],
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  testTimeout: 30000,
  globalSetup: './tools/jest-global-setup.js',
  // Jest's transform cache, kept out of the system temp directory like every other test file.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90, branches: 82 } }
}
