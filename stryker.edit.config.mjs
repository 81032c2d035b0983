/**
 * Mutation testing of the modules that edit a user's files byte-exactly (src/pyproject/edit.ts,
 * toml-positions.ts, version-file.ts, version-source.ts, lock.ts) against the unit suites that
 * reach them: each mutant runs a few seconds of tests instead of the whole unit suite.
 *
 *   npx stryker run stryker.edit.config.mjs --mutate src/pyproject/edit.ts --concurrency 1 \
 *     --incrementalFile reports/inc-edit.json
 *   node bench/mutation-score.mjs reports/mutation-edit/mutation.json --survivors
 */
import base from './stryker.config.mjs'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'src/pyproject/edit.ts',
    'src/pyproject/toml-positions.ts',
    'src/pyproject/version-file.ts',
    'src/pyproject/version-source.ts',
    'src/pyproject/lock.ts'
  ],
  jest: {
    ...base.jest,
    config: {
      ...base.jest.config,
      // EDIT_TESTS=toml: the TOML suites only (toml-positions.ts, reached by every suite that
      // reads a TOML file, is guarded by its own, the parser's and the corpus suites)
      testMatch:
        process.env.EDIT_TESTS === 'toml'
          ? ['toml-positions', 'toml', 'toml-corpus', 'toml-edit-corpus', 'edit'].map((f) => `**/__tests__/pyproject/${f}.test.ts`)
          : [
              '**/__tests__/pyproject/**/*.test.ts',
              '**/__tests__/monorepo/**/*.test.ts',
              '**/__tests__/commands/bump.test.ts',
              '**/__tests__/config/version-files.test.ts'
            ],
      // EDIT_IGNORE=<regex>: leave a suite out (a module's score before its new suite)
      testPathIgnorePatterns: [...base.jest.config.testPathIgnorePatterns, ...(process.env.EDIT_IGNORE ? [process.env.EDIT_IGNORE] : [])]
    },
    // the narrow testMatch already names the suites: no dependency graph per mutant
    enableFindRelatedTests: false
  },
  concurrency: 1,
  // a scanner mutant that loops is known after 5 s more than the tests take
  timeoutMS: 5000,
  incrementalFile: 'reports/inc-edit-mods.json',
  // EDIT_REPORT=<name>: reports/<name>/mutation.json, one per module run
  htmlReporter: { fileName: `reports/${process.env.EDIT_REPORT ?? 'mutation-edit'}/mutation.html` },
  jsonReporter: { fileName: `reports/${process.env.EDIT_REPORT ?? 'mutation-edit'}/mutation.json` }
}
