/**
 * Mutation testing of the planners' rule modules against their own unit tests only
 * (src/monorepo/check-rules, src/monorepo/bump-rules, src/input-rules); stryker.narrow.mjs says
 * what STRYKER_REPORT, STRYKER_TESTS and STRYKER_IGNORE do.
 *
 *   npx stryker run stryker.rules.config.mjs --mutate 'src/monorepo/check-rules/**'
 */
import { narrowConfig } from './stryker.narrow.mjs'

export default narrowConfig({
  name: 'rules',
  mutate: ['src/monorepo/check-rules/**/*.ts', 'src/monorepo/bump-rules/**/*.ts', 'src/input-rules/**/*.ts'],
  testMatch: [
    '**/__tests__/monorepo/check-rules/**/*.test.ts',
    '**/__tests__/monorepo/bump-rules/**/*.test.ts',
    '**/__tests__/input-rules/**/*.test.ts'
  ]
})
