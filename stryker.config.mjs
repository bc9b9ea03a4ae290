/**
 * Mutation testing (`npm run mutate`, Stryker on Node 24): mutates the pure decision modules and
 * the input parsers, and runs only their unit tests against each mutant. See CONTRIBUTING.md,
 * "Mutation testing".
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    'src/decide/**/*.ts',
    'src/base/docker-path.ts',
    'src/cloud/retry.ts',
    'src/config/parsers.ts',
    'src/config/value-parsers.ts'
  ],
  testRunner: 'jest',
  jest: {
    configFile: 'jest.config.js',
    // Overrides of jest.config.js: only the unit tests of the mutated modules, and none of the
    // whole-suite settings (the Node 24 global setup, the coverage floor).
    config: {
      testMatch: [
        '<rootDir>/__tests__/decide/**/*.test.ts',
        '<rootDir>/__tests__/cloud/retry.test.ts',
        '<rootDir>/__tests__/config/**/*.test.ts'
      ],
      // The sandbox itself lies under .stryker-tmp/, which jest.config.js ignores.
      testPathIgnorePatterns: ['/node_modules/'],
      globalSetup: null,
      coverageThreshold: null
    },
    // Each mutant loads only the test files that import its source file (jest --findRelatedTests),
    // and of those runs only the tests that cover it (perTest).
    enableFindRelatedTests: true
  },
  coverageAnalysis: 'perTest',
  checkers: [],
  ignoreStatic: true,
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  ignorePatterns: ['node_modules/.cache', 'tools/node24', 'dist', '.build', 'coverage', 'reports'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true
}
