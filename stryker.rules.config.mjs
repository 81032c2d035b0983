/**
 * Mutation testing of the planners' rule modules against their own unit tests only
 * (src/monorepo/check-rules, src/monorepo/bump-rules, src/input-rules): each mutant runs a few
 * seconds of table-driven tests instead of the whole check and bump suites.
 *
 *   npx stryker run stryker.rules.config.mjs --mutate 'src/monorepo/check-rules/**' --concurrency 1
 */
import base from './stryker.config.mjs'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['src/monorepo/check-rules/**/*.ts', 'src/monorepo/bump-rules/**/*.ts', 'src/input-rules/**/*.ts'],
  jest: {
    ...base.jest,
    config: {
      ...base.jest.config,
      testMatch: [
        '**/__tests__/monorepo/check-rules/**/*.test.ts',
        '**/__tests__/monorepo/bump-rules/**/*.test.ts',
        '**/__tests__/input-rules/**/*.test.ts'
      ]
    }
  },
  incrementalFile: 'reports/stryker-rules-incremental.json',
  htmlReporter: { fileName: 'reports/mutation-rules/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation-rules/mutation.json' }
}
