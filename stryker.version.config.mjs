/**
 * Mutation testing of the modules that compute and write versions (pep440, bump, files,
 * bump-writer, changelog) against only the unit suites that exercise them; stryker.narrow.mjs
 * says what STRYKER_REPORT, STRYKER_TESTS and STRYKER_IGNORE do.
 *
 *   STRYKER_REPORT=pep440 npx stryker run stryker.version.config.mjs --mutate src/version/pep440.ts
 */
import { narrowConfig } from './stryker.narrow.mjs'

export default narrowConfig({
  name: 'version',
  mutate: [
    'src/version/pep440.ts',
    'src/version/bump.ts',
    'src/adapters/files.ts',
    'src/adapters/bump-writer.ts',
    'src/history/changelog.ts'
  ],
  testMatch: [
    '**/__tests__/version/**/*.test.ts',
    '**/__tests__/adapters/files.test.ts',
    '**/__tests__/adapters/bump-writer.test.ts',
    '**/__tests__/history/**/*.test.ts'
  ]
})
