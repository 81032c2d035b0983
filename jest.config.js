import { spawnSync } from 'node:child_process'
import vm from 'node:vm'

/**
 * pyship's tests are ES modules; jest runs them through node's VM modules, which exist only
 * with `--experimental-vm-modules` (jest 30 has no config option for it; before node 24.9 there
 * is no other way). `npm test` sets it in NODE_OPTIONS; a bare `npx jest <file>` runs itself
 * again with it (and its workers inherit it), so one test file runs the same way both ways.
 */
const jestCli = /(^|[/\\])jest(\.js)?$/.test(process.argv[1] ?? '')
if (jestCli && typeof vm.SourceTextModule !== 'function') {
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() }
  const run = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env })
  if (run.error) {
    process.stderr.write(
      `jest.config.js: could not run jest again with --experimental-vm-modules (${run.error.message}); run NODE_OPTIONS=--experimental-vm-modules npx jest …\n`
    )
    process.exit(1)
  }
  process.exit(run.status ?? (run.signal === 'SIGINT' ? 130 : 143))
}

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // a Stryker sandbox (.stryker-tmp, or .stryker-tmp-<report> of a narrow run) left by an interrupted mutation run holds a copy of every test
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/\\.stryker-tmp'],
  modulePathIgnorePatterns: ['<rootDir>/\\.stryker-tmp'],
  testTimeout: 60000,
  verbose: false
}
