/**
 * Mutation testing (`npm run mutate`, Stryker on Node 24): mutates the decisions and the input
 * parsers, never the report's words, and runs only their table-driven unit tests against each
 * mutant. See CONTRIBUTING.md, "Mutation testing".
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
    // Overrides of jest.config.js: the unit tests of the mutated modules (each mutant pays for
    // loading every test file that imports its module, so the readers' tests of config/ stay
    // out), and none of the whole-suite settings (the Node 24 global setup, the coverage floor).
    // The fast-check properties of the retention plan run in `npm test`: against a mutant they
    // run hundreds of cases each, and the plan's table kills what they would.
    config: {
      roots: ['<rootDir>/src', '<rootDir>/__tests__'],
      testMatch: [
        '<rootDir>/__tests__/decide/**/*.test.ts',
        '<rootDir>/__tests__/cloud/retry.test.ts',
        '<rootDir>/__tests__/config/parsers.test.ts',
        '<rootDir>/__tests__/config/value-parsers.test.ts',
        '<rootDir>/__tests__/config/keep-tags.test.ts',
        '<rootDir>/__tests__/config/read-me.test.ts'
      ],
      // The sandbox itself lies under .stryker-tmp/, which jest.config.js ignores.
      testPathIgnorePatterns: ['/node_modules/', '\\.properties\\.test\\.ts$'],
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
