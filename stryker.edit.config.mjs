// Mutation testing of the modules that edit a user's files byte-exactly (src/pyproject/edit.ts,
// toml-positions.ts, version-file.ts, version-source.ts, lock.ts) against the unit suites that
// reach them; stryker.narrow.mjs says what STRYKER_REPORT, STRYKER_TESTS and STRYKER_IGNORE do.
// The TOML suites alone (toml-positions.ts is reached by every suite that reads a TOML file):
//   STRYKER_TESTS='**/__tests__/pyproject/toml*.test.ts,**/__tests__/pyproject/edit.test.ts'
//
//   STRYKER_REPORT=edit npx stryker run stryker.edit.config.mjs --mutate src/pyproject/edit.ts
//   node bench/mutation-score.mjs reports/mutation-edit/mutation.json --survivors
import { narrowConfig } from './stryker.narrow.mjs'

const config = narrowConfig({
  name: 'edit-mods',
  mutate: [
    'src/pyproject/edit.ts',
    'src/pyproject/toml-positions.ts',
    'src/pyproject/version-file.ts',
    'src/pyproject/version-source.ts',
    'src/pyproject/lock.ts'
  ],
  testMatch: [
    '**/__tests__/pyproject/**/*.test.ts',
    '**/__tests__/monorepo/**/*.test.ts',
    '**/__tests__/commands/bump.test.ts',
    '**/__tests__/config/version-files.test.ts'
  ],
  // a scanner mutant that loops is known after 5 s more than the tests take
  timeoutMS: 5000
})
// the narrow testMatch already names the suites: no dependency graph per mutant
config.jest.enableFindRelatedTests = false
export default config
