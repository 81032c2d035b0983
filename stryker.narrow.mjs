/**
 * A Stryker configuration that mutates a few modules against only the unit suites that reach
 * them (a few seconds per mutant instead of the whole unit suite). The narrow configurations
 * (stryker.rules/edit/version.config.mjs) are made with it; each takes, from the environment:
 *
 *   STRYKER_REPORT=<name>  reports/mutation-<name>/, reports/inc-<name>.json and its own temporary
 *                          directory, so two runs can share the worktree (default: the config's name)
 *   STRYKER_TESTS=<globs>  only these suites, comma-separated (a quick look at a few survivors)
 *   STRYKER_IGNORE=<regex> leave a suite out (a module's score before its new suite)
 */
import base from './stryker.config.mjs'

/** @returns {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export function narrowConfig({ name, mutate, testMatch, ...overrides }) {
  const report = process.env.STRYKER_REPORT ?? name
  return {
    ...base,
    mutate,
    jest: {
      ...base.jest,
      config: {
        ...base.jest.config,
        testMatch: process.env.STRYKER_TESTS?.split(',') ?? testMatch,
        testPathIgnorePatterns: [
          ...base.jest.config.testPathIgnorePatterns,
          ...(process.env.STRYKER_IGNORE ? [process.env.STRYKER_IGNORE] : [])
        ]
      }
    },
    concurrency: 1,
    tempDirName: `.stryker-tmp-${report}`,
    // another run's temporary directory is not copied into this one's sandbox
    ignorePatterns: ['.stryker-tmp-*'],
    incrementalFile: `reports/inc-${report}.json`,
    htmlReporter: { fileName: `reports/mutation-${report}/mutation.html` },
    jsonReporter: { fileName: `reports/mutation-${report}/mutation.json` },
    ...overrides
  }
}
