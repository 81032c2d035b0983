/**
 * The action's own release (.github/workflows/release.yml): the notes come from CHANGELOG.md
 * only when the tag, package.json and the changelog agree, and the major tag users write
 * (`pyship/pyship@v1`) moves to the highest stable release of its major — never to a
 * pre-release, never back to an older line. The workflow's own step runs here against a real
 * git origin.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../__fixtures__/action.js'
// @ts-expect-error a plain ES module script without types
import { changelogSection, majorTag, notes } from '../scripts/action-release.mjs'

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '- next',
  '',
  '## [1.1.0] - 2027-01-10',
  '### Fixed',
  '- b',
  '',
  '## [1.0.0] - 2027-01-02',
  '- a',
  ''
].join('\n')

describe('release notes', () => {
  test.each([
    ['v1.1.0', '1.1.0', '### Fixed\n- b'],
    ['v1.0.0', '1.0.0', '- a']
  ])('%s: its section of CHANGELOG.md', (tag, packageVersion, body) => {
    expect(notes(tag, { changelog: CHANGELOG, packageVersion })).toBe(body)
  })

  test.each([
    ['1.1.0', '1.1.0', /is not a release tag/],
    ['v1.1', '1.1.0', /is not a release tag/],
    ['v1.1.0;rm', '1.1.0', /is not a release tag/],
    ['v1.1.0', '1.0.0', /package\.json says 1\.0\.0, the tag v1\.1\.0/],
    ['v1.2.0', '1.2.0', /CHANGELOG\.md has no section "## \[1\.2\.0\]"/],
    ['v1.2.0-rc.1', '1.2.0-rc.1', /no section "## \[1\.2\.0-rc\.1\]"/]
  ])('%s with package.json %s is refused', (tag, packageVersion, message) => {
    expect(() => notes(tag, { changelog: CHANGELOG, packageVersion })).toThrow(message)
  })

  test('a section ends at the next heading of its level, and an empty one is absent', () => {
    expect(changelogSection('## [2.0.0]\n\n## [1.0.0]\n- a\n', '2.0.0')).toBeNull()
    expect(changelogSection('## [1.0.0]\n- a\n### Added\n- b\n## [0.9.0]\n- c', '1.0.0')).toBe('- a\n### Added\n- b')
    expect(changelogSection('## [1.0.10]\n- x\n', '1.0.1')).toBeNull()
  })

  test("this repository's CHANGELOG.md has an Unreleased section", () => {
    expect(changelogSection(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), 'Unreleased')).toMatch(/^### /)
  })
})

describe('the major tag', () => {
  test.each([
    ['v1.0.0', [], 'v1'],
    ['v1.1.0', ['v1.0.0'], 'v1'],
    ['v1.0.1', ['v1.0.0', 'v1.1.0'], null],
    ['v1.1.1', ['v1.0.0', 'v1.1.0', 'v2.0.0'], 'v1'],
    ['v1.10.0', ['v1.9.0', 'v1.2.0'], 'v1'],
    ['v1.2.0-rc.1', ['v1.1.0'], null],
    ['v1.1.0', ['v1.2.0-rc.1'], 'v1'],
    ['v2.0.0', ['v1.5.0', 'v1'], 'v2'],
    ['v0.3.0', ['v0.2.0'], 'v0'],
    ['not-a-tag', [], null]
  ])('%s after %j → %s', (tag, tags, expected) => {
    expect(majorTag(tag, tags)).toBe(expected)
  })
})

describe("the workflow's step against a real origin", () => {
  const made: string[] = []
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))
  const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    jobs: { release: { steps: { name?: string; run?: string }[] } }
  }
  const step = workflow.jobs.release.steps.find((s) => s.name === 'move the major tag')?.run ?? ''

  test('v1 follows the highest stable v1.x.y; a hotfix of an older line and a pre-release leave it', () => {
    expect(step).toContain('scripts/action-release.mjs major')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-action-release-'))
    made.push(dir)
    const bare = path.join(dir, 'origin.git')
    const work = path.join(dir, 'work')
    const git = (args: string[], cwd = work): string =>
      execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).trim()
    git(['init', '-q', '--bare', bare], dir)
    git(['init', '-q', '-b', 'main', work], dir)
    git(['config', 'user.email', 't@example.com'])
    git(['config', 'user.name', 't'])
    git(['remote', 'add', 'origin', bare])
    const commits: Record<string, string> = {}
    /** A release: a commit, its annotated tag pushed, then the workflow's step as the runner runs it. */
    const release = (tag: string): void => {
      git(['commit', '-q', '--allow-empty', '-m', tag])
      commits[tag] = git(['rev-parse', 'HEAD'])
      git(['tag', '-a', tag, '-m', tag])
      git(['push', '-q', 'origin', `HEAD:refs/heads/${git(['branch', '--show-current'])}`, `refs/tags/${tag}`])
      const script = step.replaceAll('scripts/action-release.mjs', path.join(ROOT, 'scripts/action-release.mjs'))
      const run = spawnSync('bash', ['-e', '-c', script], { cwd: work, encoding: 'utf8', env: { ...process.env, TAG: tag } })
      expect({ tag, status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ tag, status: 0, stderr: '' })
    }
    const onOrigin = (tag: string): string | null => {
      const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], { cwd: bare, encoding: 'utf8' })
      return r.status === 0 ? r.stdout.trim() : null
    }
    release('v1.0.0')
    expect(onOrigin('v1')).toBe(commits['v1.0.0'])
    release('v1.1.0')
    expect(onOrigin('v1')).toBe(commits['v1.1.0'])
    release('v1.2.0-rc.1')
    expect(onOrigin('v1')).toBe(commits['v1.1.0'])
    git(['checkout', '-q', '-b', 'hotfix', commits['v1.0.0']])
    release('v1.0.1')
    expect(onOrigin('v1')).toBe(commits['v1.1.0'])
    git(['checkout', '-q', 'main'])
    release('v2.0.0')
    expect([onOrigin('v1'), onOrigin('v2')]).toEqual([commits['v1.1.0'], commits['v2.0.0']])
  })
})
