/**
 * `.dockerignore` by Docker's rules: the case table in __tests__/data/dockerignore-cases.json
 * is moby/patternmatcher's own tests (and Go's filepath.Match tests it carries), run through
 * `readDockerignore` + `compileDockerignore` + `dockerignoreMatches`, and through the
 * adapter that checks a Dockerfile's COPY sources.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  compileDockerignore,
  DockerignoreError,
  dockerignoreExcludes,
  dockerignoreMatches,
  readDockerignore
} from '../../src/config/dockerignore.js'
import { missingContextFiles } from '../../src/adapters/dockerfile.js'
import { PROJECT_DIR, removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

interface Cases {
  single: [string, string, boolean][]
  multi: [string[], string, boolean][]
  gomatch: [string, string, boolean, string | null][]
  readAll: { text: string; patterns: string[] }[]
}
const CASES = JSON.parse(readFileSync(path.join(PROJECT_DIR, '__tests__', 'data', 'dockerignore-cases.json'), 'utf8')) as Cases

/** What Docker answers: excluded, or "bad" when it refuses the patterns (MatchesOrParentMatches, or the walk). */
function docker(patterns: string[], file: string, walk = false): boolean | 'bad' {
  try {
    const ignore = compileDockerignore(patterns)
    return walk ? dockerignoreExcludes(ignore, file) : dockerignoreMatches(ignore, file)
  } catch (error) {
    if (error instanceof DockerignoreError) return 'bad'
    throw error
  }
}

describe('.dockerignore as moby/patternmatcher reads it', () => {
  // moby runs these through MatchesOrParentMatches and MatchesUsingParentResults (the walk): same answers
  test.each(CASES.single)('MatchesOrParentMatches [%j] %j → %s', (pattern, file, expected) => {
    expect(docker([pattern], file)).toBe(expected)
    expect(docker([pattern], file, true)).toBe(expected)
  })

  test.each(CASES.multi)('MatchesOrParentMatches %j %j → %s', (patterns, file, expected) => {
    expect(docker(readDockerignore(patterns.join('\n')), file)).toBe(expected)
    expect(docker(readDockerignore(patterns.join('\n')), file, true)).toBe(expected)
  })

  test.each(CASES.gomatch)("Go's Match %j %j → %s (%s)", (pattern, file, expected, error) => {
    expect(docker([pattern], file)).toBe(error === null ? expected : 'bad')
  })

  test.each(CASES.readAll.map((c) => [JSON.stringify(c.text), c] as const))('ReadAll %s', (_t, c) => {
    expect(readDockerignore(c.text)).toEqual(c.patterns)
  })
})

describe("Docker's rules, one by one", () => {
  test.each<[string, string, string, boolean | 'bad']>([
    ['the last matching pattern wins: a later ! re-includes', 'docs\n!docs/README.md\n', 'docs/README.md', false],
    ['a later pattern excludes again what ! re-included', '**\n!util/docker/web\nutil/docker/web/foo\n', 'util/docker/web/foo', true],
    ['a leading / is dropped', '/tests\n', 'tests/test_x.py', true],
    ['a pattern on a parent directory excludes everything below it', 'tests\n', 'tests/a/b/test_x.py', true],
    ['* stays within one path component', '*.md\n', 'docs/README.md', false],
    ['** crosses path components', '**/*.md\n', 'docs/a/README.md', true],
    ['dir/** does not match dir itself', 'abc/**\n', 'abc', false],
    ['patterns are cleaned like filepath.Clean', './x/../y//\n', 'y/z', true],
    ['# starts a comment only in the first column', ' #x\n', '#x', true],
    ['a pattern Go calls malformed makes Docker refuse the file', '[]a]\n', 'x', 'bad'],
    ['a reversed range is refused when it is used', '[Local-Only]/\n', 'x', 'bad'],
    ['after a chunk before a * fails, Go does not check the rest of the pattern', 't/a*/[]a]\n', 't/a1/]', true],
    ['] first in a class is literal, as in Go regular expressions', 't/x*[]a]\n', 't/x1]', true]
  ])('%s', (_rule, ignore, file, expected) => {
    expect(docker(readDockerignore(ignore), file)).toBe(expected)
    expect(docker(readDockerignore(ignore), file, true)).toBe(expected)
  })

  // found by scripts/dockerignore-differential.mjs against docker build: the context is walked from the top
  test.each<[string, string, string, boolean]>([
    ['an excluded directory is not entered unless an exception starts with its path', 't/[ab]\n!t/**/*.py\n', 't/a/x.py', true],
    ['an exception that starts with the directory path re-includes inside it', 't/a\n!t/a/x.py\n', 't/a/x.py', false],
    ['an exception matching a parent only counts where it was evaluated', 't/*/*\n!?\n', 't/b/x.py', true],
    ['a pattern skipped for a parent is not carried to its children', '**\n!t/\\[x]\n[^a]*\n', 't/[x]/c-d/x.py', false]
  ])('%s', (_rule, ignore, file, expected) => {
    expect(docker(readDockerignore(ignore), file, true)).toBe(expected)
  })
})

describe('COPY sources against .dockerignore', () => {
  afterEach(removeTempDirs)
  test.each([
    ['src/app.py', '*\n!src\n', []],
    ['src/app.py', 'src/\n', ['src/app.py (Dockerfile line 2: excluded by .dockerignore)']],
    ['docs/README.md', 'docs\n!docs/README.md\n', []],
    ['app.py', '**\n!app.py\n', []],
    ['app.py', '/app.py\n', ['app.py (Dockerfile line 2: excluded by .dockerignore)']],
    ['app.py', '[\n', ['.dockerignore (docker build refuses it: syntax error in pattern: [)']],
    ['app.py', 'app.py\n!app.py\nother/*.md/*/[\n', ['.dockerignore (docker build refuses it: syntax error in pattern: other/*.md/*/[)']],
    ['app.py', 'x*/[]a]\n', []]
  ])('COPY %s with %j → %j', (source, ignore, expected) => {
    const context = writeTree(tempDir(), { Dockerfile: `FROM python:3.12\nCOPY ${source} /app/\n`, [source]: 'x', '.dockerignore': ignore })
    expect(missingContextFiles(context, path.join(context, 'Dockerfile'))).toEqual(expected)
  })
})
