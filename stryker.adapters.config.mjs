/**
 * Mutation testing of the service adapters — the modules that publish (pypi, legacy-upload,
 * registry), tag and lock (git), make releases (github) and build (docker), and the HTTP layer
 * they share — against the unit suites that reach them: the adapters' own suites (local
 * stand-ins of PyPI, GitHub and a registry on 127.0.0.1, real git) and the release steps'.
 * stryker.narrow.mjs says what STRYKER_REPORT, STRYKER_TESTS and STRYKER_IGNORE do.
 *
 *   STRYKER_REPORT=github npx stryker run stryker.adapters.config.mjs --mutate src/adapters/github.ts
 */
import { narrowConfig } from './stryker.narrow.mjs'

export default narrowConfig({
  name: 'adapters',
  mutate: [
    'src/adapters/pypi.ts',
    'src/adapters/legacy-upload.ts',
    'src/adapters/github.ts',
    'src/adapters/registry.ts',
    'src/adapters/git.ts',
    'src/adapters/docker.ts',
    'src/adapters/http.ts'
  ],
  testMatch: ['**/__tests__/adapters/**/*.test.ts', '**/__tests__/release/**/*.test.ts', '**/__tests__/commands/rollback.test.ts']
})
