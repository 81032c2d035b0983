/**
 * hotfix's `version` (CLI `--from`) may be the release tag itself, and an `[independent]`
 * package's tag may hold a `/` (`integrations/openai-v1.2.0`); every other command still
 * takes a version only, and hostile values stay E_INPUT for hotfix too.
 */
import { afterEach, expect, test } from '@jest/globals'
import { PyshipError } from '../src/errors.js'
import { parseInputs } from '../src/inputs.js'
import { removeTempDirs, tempDir, writeTree } from '../__fixtures__/tree.js'

afterEach(removeTempDirs)

function versionInput(command: string, version: string): string {
  const root = writeTree(tempDir(), { '.git/': null, 'pyproject.toml': '' })
  const values: Record<string, string> = { command, component: 'acme-openai', version }
  try {
    return parseInputs((name) => values[name] ?? '', { workspace: root, cwd: root }).version
  } catch (error) {
    expect(error).toBeInstanceOf(PyshipError)
    return (error as PyshipError).code
  }
}

test.each([
  ['hotfix', 'integrations/openai-v1.2.0', 'integrations/openai-v1.2.0'],
  ['hotfix', 'cli-v2.0.0', 'cli-v2.0.0'],
  ['hotfix', '2.0.0', '2.0.0'],
  ['hotfix', '/etc/passwd', 'E_INPUT'],
  ['hotfix', 'a//b-v1', 'E_INPUT'],
  ['hotfix', 'integrations/x-v1;id', 'E_INPUT'],
  ['hotfix', 'x/$(id)', 'E_INPUT'],
  ['hotfix', `a/${'b'.repeat(200)}`, 'E_INPUT'],
  ['release', 'integrations/openai-v1.2.0', 'E_INPUT'],
  ['check', 'a/b', 'E_INPUT'],
  ['bump', '1.2.0/x', 'E_INPUT']
])('%s with version %s → %s', (command, version, expected) => {
  expect(versionInput(command, version)).toBe(expected)
})
