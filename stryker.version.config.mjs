/**
 * Mutation testing of the modules that compute and write versions (pep440, bump, files,
 * bump-writer, changelog) against only the unit suites that exercise them:
 *
 *   npx stryker run stryker.version.config.mjs --mutate src/version/pep440.ts --concurrency 1 \
 *     --incrementalFile reports/inc-pep440.json
 */
import base from './stryker.config.mjs'

// STRYKER_REPORT=bump: reports/mutation-bump/ and its own temporary directory, so that two runs can share the worktree
const report = process.env.STRYKER_REPORT ?? 'version'
// STRYKER_TESTS='**/__tests__/version/pep440.test.ts': only these suites (a quick look at a few survivors)
const only = process.env.STRYKER_TESTS?.split(',')

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'src/version/pep440.ts',
    'src/version/bump.ts',
    'src/adapters/files.ts',
    'src/adapters/bump-writer.ts',
    'src/history/changelog.ts'
  ],
  jest: {
    ...base.jest,
    config: {
      ...base.jest.config,
      testMatch: only ?? [
        '**/__tests__/version/**/*.test.ts',
        '**/__tests__/adapters/files.test.ts',
        '**/__tests__/adapters/bump-writer.test.ts',
        '**/__tests__/history/**/*.test.ts'
      ]
    }
  },
  concurrency: 1,
  tempDirName: `.stryker-tmp-${report}`,
  // (another run's temporary directory is not copied into this one's sandbox)
  ignorePatterns: ['.stryker-tmp-*'],
  htmlReporter: { fileName: `reports/mutation-${report}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation-${report}/mutation.json` }
}
