/**
 * The bundle on the committed case tables of issue 27: the uv workspace cases through `check`
 * (E_CONFIG worded as uv's error where uv refuses the workspace; never E_INTERNAL), and a share
 * of the generated bump corpus through `pyship bump` (the same bytes, or the same refusal with
 * nothing written) — what the unit tests check on the sources, checked on what ships.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../../__fixtures__/action.js'
import { PROJECT_DIR, removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

interface WorkspaceCase {
  name: string
  root?: string
  tree: Record<string, string | null | { symlink: string }>
  members?: string[]
  problems?: string[]
  loadProblems?: string[]
}
const GLOB = JSON.parse(readFileSync(path.join(PROJECT_DIR, '__tests__', 'data', 'uv-glob-cases.json'), 'utf8')) as {
  workspaces: WorkspaceCase[]
}
interface BumpCase {
  name: string
  version: string
  files: Record<string, string>
  expected?: Record<string, string>
  refusal?: string[]
}
const CORPUS = JSON.parse(readFileSync(path.join(PROJECT_DIR, '__tests__', 'data', 'bump-corpus.json'), 'utf8')) as { cases: BumpCase[] }

function writeCase(c: WorkspaceCase): string {
  const dir = tempDir()
  const files: Tree = {}
  for (const [rel, content] of Object.entries(c.tree)) {
    if (content !== null && typeof content === 'object') {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
      symlinkSync(content.symlink, path.join(dir, rel))
    } else files[rel] = content
  }
  writeTree(dir, files)
  return c.root ? path.join(dir, c.root) : dir
}

describe('the bundle on uv workspace cases', () => {
  test.each(GLOB.workspaces.map((c) => [c.name, c] as const))('check: %s', (_name, c) => {
    const run = runCli(['check'], { cwd: writeCase(c) })
    const out = run.stdout + run.stderr
    expect(out).not.toContain('E_INTERNAL')
    const refused = c.problems ?? c.loadProblems
    if (refused) {
      expect(run.status).toBe(1)
      for (const message of refused) expect(out).toContain(message)
    } else {
      expect(out).not.toMatch(/missing a `pyproject.toml`|Pattern syntax error|invalid type/)
      // a workspace with members passes; one without any has nothing to check
      if ((c.members ?? []).length > 0) expect(run.status).toBe(0)
      else expect(out).toContain('no Python packages found')
    }
  })
})

describe('the bundle on the generated bump corpus', () => {
  const share = CORPUS.cases.filter((_c, i) => i % 8 === 0)
  test.each(share.map((c) => [c.name, c] as const))('bump: %s', (_name, c) => {
    const root = writeTree(tempDir(), c.files)
    const run = runCli(['bump', 'core', c.version], { cwd: root, env: { PATH: path.dirname(process.execPath) } })
    const read = (f: string): string => readFileSync(path.join(root, f), 'utf8')
    if (c.refusal) {
      expect(run.status).toBe(1)
      expect(run.stdout + run.stderr).toContain('E_PIN_EXCLUDES')
      for (const [f, text] of Object.entries(c.files)) expect(read(f)).toBe(text)
    } else {
      expect(run.status).toBe(0)
      for (const [f, text] of Object.entries(c.files)) expect(read(f)).toBe(c.expected?.[f] ?? text)
    }
  })
})
