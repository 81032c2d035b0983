/**
 * What reads the git history (`bump auto`, `bump --all`, `release --all`, `changed-since`) says
 * when there is none to read: outside a git repository, or in one with no commit yet — each
 * E_INPUT with its own words and hint, never a git error; one commit is enough to read.
 */
import { afterEach, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { PyshipError } from '../../src/errors.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { changedGroups, readHistory } from '../../src/release/history.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const TREE = {
  'pyproject.toml': '[tool.uv.workspace]\nmembers = ["a"]\n\n[tool.pyship.groups.core]\npackages = ["a"]\n',
  'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n'
}
const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8'
  })

async function whatChanged(state: 'no repository' | 'no commit' | 'one commit'): Promise<string> {
  // a directory of its own under the system's temporary directory: no repository above it
  const root = writeTree(tempDir(), TREE)
  if (state !== 'no repository') git(root, ['init', '-q'])
  if (state === 'one commit') {
    git(root, ['add', '-A'])
    git(root, ['commit', '-q', '-m', 'first'])
  }
  const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
  try {
    const changes = await changedGroups(repo, await readHistory(root))
    return changes.map((c) => `${c.group} changed: ${c.changed}`).join('; ')
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    return `${error.code} ${error.message} | ${error.hint}`
  }
}

test.each([
  [
    'no repository',
    'E_INPUT telling what changed reads the git history, and this directory is not in a git repository | Run it in a git checkout (actions/checkout with `fetch-depth: 0`), or give the version explicitly.'
  ],
  [
    'no commit',
    'E_INPUT telling what changed reads the git history, and this repository has no commit yet | Commit the packages first (their first release is the version their files carry), or give the version explicitly.'
  ],
  ['one commit', 'core changed: true']
] as const)('%s: %s', async (state, said) => {
  expect(await whatChanged(state)).toBe(said)
})
