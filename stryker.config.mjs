/**
 * Mutation testing (`npm run mutate`; not in CI: minutes per module). Stryker mutates src/
 * and runs the jest suites that import src/ directly. The e2e suites drive the ncc bundle
 * (dist/index.js), which a mutant of src/ never reaches without a rebuild per mutant, so
 * they are left out here: the promises they alone guard are listed in docs/mutation.md.
 *
 *   npm run mutate                                   # every module below (incremental)
 *   npm run mutate -- --mutate src/inputs.ts         # one module
 *   npm run mutate:score                             # per-module scores from the JSON report
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // every module under src/ but the front ends (which only wire inputs to a command and
  // report its result; the e2e suites run them through the bundle)
  mutate: ['src/**/*.ts', '!src/index.ts', '!src/main.ts', '!src/cli.ts', '!src/stdio.ts'],
  testRunner: 'jest',
  // jest runs ESM here (ts-jest useESM): the runner's child processes need the VM modules flag
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      // e2e suites run dist/index.js (never mutated); the stand-in suites test fixtures, not src/
      testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/', '/__tests__/fixtures/', '/__tests__/readme\\.test\\.ts$'],
      // ts-jest type-checks each file: mutants are type-checked by the checker below instead
      transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] }
    },
    enableFindRelatedTests: true
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // two cores shared with other work
  concurrency: 2,
  timeoutMS: 10000,
  thresholds: { high: 85, low: 70, break: null }
}
