/**
 * Workspace globs exactly as uv reads them: the case table in __tests__/data/uv-glob-cases.json
 * is taken from the Rust glob crate's tests and documentation, uv's workspace and path tests,
 * and the rules uv follows (issue 27). Each workspace case is written to disk and discovered.
 */
import { afterAll, afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import {
  cleanRelative,
  compilePattern,
  expandDirGlob,
  GlobPatternError,
  hasGlob,
  matches,
  normalizePath,
  patternError
} from '../../src/config/glob.js'
import { discoverMembers } from '../../src/monorepo/workspace.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { parseToml } from '../../src/pyproject/toml.js'
import { PROJECT_DIR, removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

interface WorkspaceCase {
  name: string
  root?: string
  tree: Record<string, string | null | { symlink: string }>
  members?: string[]
  problems?: string[]
  /** Problems of the members' own files (found once they are read). */
  loadProblems?: string[]
}
interface Cases {
  pattern: [string, [number, string] | null][]
  matches: [string, string, boolean][]
  normalize: [string, string][]
  workspaces: WorkspaceCase[]
}
const CASES = JSON.parse(readFileSync(path.join(PROJECT_DIR, '__tests__', 'data', 'uv-glob-cases.json'), 'utf8')) as Cases

function writeCase(c: WorkspaceCase): string {
  const dir = tempDir()
  const files: Tree = {}
  const links: [string, string][] = []
  for (const [rel, content] of Object.entries(c.tree)) {
    if (content !== null && typeof content === 'object') links.push([rel, content.symlink])
    else files[rel] = content
  }
  writeTree(dir, files)
  for (const [rel, target] of links) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    symlinkSync(target, path.join(dir, rel))
  }
  return c.root ? path.join(dir, c.root) : dir
}

describe('the glob crate: Pattern::new', () => {
  test.each(CASES.pattern)('%j → error %j', (pattern, error) => {
    const compiled = compilePattern(pattern)
    if (error === null) expect(compiled).not.toBeInstanceOf(GlobPatternError)
    else {
      expect(compiled).toBeInstanceOf(GlobPatternError)
      expect([(compiled as GlobPatternError).pos, (compiled as GlobPatternError).msg]).toEqual(error)
      expect(patternError(pattern)).toBe(`Pattern syntax error near position ${error[0]}: ${error[1]}`)
    }
  })
})

describe('the glob crate: Pattern::matches with default options', () => {
  test.each(CASES.matches)('%j matches %j: %s', (pattern, text, expected) => {
    const compiled = compilePattern(pattern)
    if (compiled instanceof GlobPatternError) throw compiled
    expect(matches(compiled, text)).toBe(expected)
  })
})

describe("uv's normalize_path", () => {
  test.each(CASES.normalize)('%j → %j', (input, expected) => {
    expect(normalizePath(input)).toBe(expected)
  })
})

/** The cases of issue 27's causes, by name (each has a planted bug in docs/promises.md). */
const CAUSES = [
  'exclude packages/* also excludes packages/a/b (* crosses /)',
  'dir/** lists the directories below dir, not dir itself',
  'a bare ** never lists the root',
  'libs/** with exclude libs/old/** keeps libs/old',
  'a symbolic link to a member directory is followed',
  '[^t]* is a class holding ^ (the crate negates with [!t])',
  '] first in a class is part of it',
  'an unclosed [ is refused when the file is read',
  '[] is refused',
  '**x is refused',
  '*** is refused',
  'a reversed range is valid and matches nothing',
  '.. in a member is resolved before matching (lexically, as uv does)',
  '.git, .venv and node_modules are entered like any directory',
  'a matched directory with files but no pyproject.toml is an error',
  'a source directory under ** is an error (each one is reported; uv stops at the first)',
  'a hidden matched directory without pyproject.toml is skipped',
  'a directory holding only git-ignored files is skipped',
  'uv exclude_package_with_normalized_glob_and_escaped_root',
  'managed = false leaves the member out',
  'a member without a [project] table is an error',
  'two members of one name are an error',
  'a member with its own workspace is an error'
]

function checkCase(c: WorkspaceCase): void {
  const root = writeCase(c)
  const doc = parseToml(readFileSync(path.join(root, 'pyproject.toml'), 'utf8'), 'pyproject.toml')
  const found = discoverMembers(root, doc)
  if (c.problems) {
    expect(found.problems.map((p) => p.message)).toEqual(c.problems)
    expect(found.problems.every((p) => p.code === 'E_CONFIG' && p.file === 'pyproject.toml' && typeof p.line === 'number')).toBe(true)
  } else if (c.loadProblems) {
    expect(found.problems).toEqual([])
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    expect(repo.problems.map((p) => p.message)).toEqual(c.loadProblems)
    expect(repo.problems.every((p) => p.code === 'E_CONFIG' && typeof p.line === 'number')).toBe(true)
  } else {
    expect(found.problems).toEqual([])
    // loadMonorepo lists the same members (and leaves out the unmanaged ones)
    const repo = loadMonorepo({ workDir: root, repoRoot: root }, '')
    expect(repo.problems).toEqual([])
    expect(repo.workspaceMembers).toEqual(c.members)
    expect([...repo.packages.keys()].sort()).toEqual([...(c.members ?? [])].sort())
  }
}

describe('uv workspace members', () => {
  afterEach(removeTempDirs)
  const byName = new Map(CASES.workspaces.map((c) => [c.name, c]))

  test.each(CAUSES)('%s', (name) => {
    const c = byName.get(name)
    expect(c).toBeDefined()
    checkCase(c as WorkspaceCase)
  })

  test.each(CASES.workspaces.filter((c) => !CAUSES.includes(c.name)).map((c) => [c.name, c] as const))('%s', (_name, c) => checkCase(c))

  test('no input throws: patterns of every metacharacter, valid or not, end in members or E_CONFIG problems', () => {
    const root = writeTree(tempDir(), {
      'a/b/pyproject.toml': '[project]\nname = "b"\n',
      'a/c/x.txt': 'x',
      '[x]/pyproject.toml': '[project]\nname = "x"\n',
      'c-a/pyproject.toml': '[project]\nname = "ca"\n'
    })
    const pieces = ['[', ']', '!', '^', '-', '*', '**', '?', 'a', 'c-a', '/', '.', '..', '\\']
    const globs = [
      ...pieces.flatMap((a) => pieces.map((b) => a + b)),
      ...pieces.flatMap((b) => pieces.map((c) => `[${b}${c}`)),
      ...pieces.map((b) => `[${b}]`)
    ]
    for (const glob of globs) {
      for (const table of [`members = [${JSON.stringify(glob)}]`, `members = ["*", "*/*"]\nexclude = [${JSON.stringify(glob)}]`]) {
        const found = discoverMembers(root, parseToml(`[tool.uv.workspace]\n${table}\n`, 'pyproject.toml'))
        expect(found.problems.filter((p) => p.code !== 'E_CONFIG')).toEqual([])
      }
    }
    expect(globs).toContain('[c-a]')
  })
})

describe('pyship packages globs use the same rules', () => {
  afterAll(removeTempDirs)
  test.each([
    ['packages/*', ['packages/a', 'packages/b']],
    ['./packages/*/', ['packages/a', 'packages/b']],
    ['libs/**', ['libs/x', 'libs/x/y']],
    ['missing/*', []]
  ])('%j → %j', (pattern, expected) => {
    const root = writeTree(tempDir(), { 'packages/a/': null, 'packages/b/': null, 'packages/f.txt': 'x', 'libs/x/y/': null })
    expect(expandDirGlob(root, pattern)).toEqual(expected)
  })

  test('an invalid pattern is a GlobPatternError, not a crash', () => {
    expect(() => expandDirGlob(tempDir(), 'packages/[')).toThrow('Pattern syntax error near position 9: invalid range pattern')
  })

  test.each([
    ['./a//b/', 'a/b'],
    ['.', '.'],
    ['', '.']
  ])('cleanRelative %j → %j', (input, expected) => {
    expect(cleanRelative(input)).toBe(expected)
  })

  test.each([
    ['packages/*', true],
    ['cli', false]
  ])('hasGlob %j → %s', (pattern, expected) => {
    expect(hasGlob(pattern)).toBe(expected)
  })
})
