/**
 * `release` of packages whose version is not in `[project] version` (SPEC §1 version
 * sources), through the bundled action with the real backends (`build-isolation: false`):
 * a hatch `path` package releases the version of its file, a setuptools-scm package the
 * `version` input, built exactly through the backend's override; a build that carries
 * another version is refused before anything is published. A hatch-vcs package reads only
 * the tags its `git describe --match` names, and builds the version input for real.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ActionRun } from '../../__fixtures__/action.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'

const notices = (run: ActionRun): string[] => run.annotations.filter((a) => a.level === 'notice').map((a) => a.message)

describeWithTools(
  ['git', 'build', 'twine', 'hatchling', 'setuptools', 'setuptools-scm', 'hatch-vcs'],
  'release of file- and tag-versioned packages (real backends)',
  () => {
    let world: World

    beforeEach(async () => {
      world = await startWorld({ source: '__fixtures__/repos/vcs-release' })
    })
    afterEach(() => world.close())

    const release = (component: string, inputs: Record<string, string> = {}) => world.action('release', component, { inputs })
    const onIndex = (): string[] => world.pypi.files.map((f) => f.filename).sort()
    const remoteTags = (): string[] => world.repos.git(['tag', '--list'], world.repos.bare).split('\n').filter(Boolean)

    test('hatch path: the version of the file is released, and a version input that differs is E_VERSION_NOT_UPDATED', async () => {
      const wrong = await release('hatch-path', { version: '1.3.0' })
      expect(wrong.status).not.toBe(0)
      expect(errors(wrong).join('\n')).toMatch(/E_VERSION_NOT_UPDATED .*src\/hatch_path\/__about__\.py|E_VERSION_NOT_UPDATED .*1\.2\.0/)
      expect(
        wrong.annotations.some((a) => a.level === 'error' && a.properties.file === 'pkgs/hatch-path/src/hatch_path/__about__.py')
      ).toBe(true)
      expect(onIndex()).toEqual([])

      const run = await release('hatch-path')
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({ version: '1.2.0', tags: '["hatch-path-v1.2.0"]', released: 'true' })
      expect(onIndex()).toEqual(['hatch_path-1.2.0-py3-none-any.whl', 'hatch_path-1.2.0.tar.gz'])
      expect(remoteTags()).toEqual(['hatch-path-v1.2.0'])
    })

    test('setuptools-scm: the version input is needed, and is what the backend builds', async () => {
      const missing = await release('scm')
      expect(missing.status).not.toBe(0)
      expect(errors(missing)).toEqual([
        expect.stringMatching(
          /^E_INPUT release of scm needs the `version` input: group scm takes its version from git tags \(vcs_scm \(setuptools-scm\)\)/
        )
      ])
      expect(missing.stdout).toMatch(/pyship release scm 1\.2\.0|version: 1\.2\.0/)
      expect(onIndex()).toEqual([])

      const sha = world.repos.head()
      const run = await release('scm', { version: 'v2.0.0' })
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({ version: '2.0.0', tags: '["vcs-scm-v2.0.0"]', released: 'true' })
      // without the override setuptools-scm would build 0.1.dev1+g<sha>: the index holds 2.0.0
      expect(onIndex()).toEqual(['vcs_scm-2.0.0-py3-none-any.whl', 'vcs_scm-2.0.0.tar.gz'])
      expect(remoteTags()).toEqual(['vcs-scm-v2.0.0'])
      expect(world.repos.git(['rev-parse', 'vcs-scm-v2.0.0^{commit}'], world.repos.bare)).toBe(sha)
      // the default tag_regex reads vcs-scm-v2.0.0: no notice about the tag template
      expect(notices(run).filter((n) => n.includes('would not read'))).toEqual([])
    })

    test('setuptools-scm: a tag template the backend would not read is said in a notice', async () => {
      const config = path.join(world.repos.work, 'pyproject.toml')
      writeFileSync(config, readFileSync(config, 'utf8').replace('tag = "vcs-scm-v{version}"', 'tag = "vcs-scm/{version}"'))
      world.repos.git(['commit', '-qam', 'tag template the backend does not read'])
      world.repos.git(['push', '-q', 'origin', 'main'])
      const run = await release('scm', { version: '2.0.0', 'dry-run': 'true' })
      expect(errors(run)).toEqual([])
      expect(notices(run)).toContainEqual(
        expect.stringMatching(/vcs_scm \(setuptools-scm\) would not read version 2\.0\.0 from tag vcs-scm\/2\.0\.0: .*tag_regex/)
      )
    })

    test('hatch-vcs with git describe --match: only its own tags count, and the release builds the version input', async () => {
      // another package's higher tag, and an older tag of its own
      world.repos.git(['tag', 'other-v9.0.0'])
      world.repos.git(['tag', 'hvcs-v0.3.0'])
      // with no target naming its tags, the backend's own reading decides (9.0.0 without --match)
      const groupsOnly = path.join(world.repos.work, 'groups-only.toml')
      writeFileSync(groupsOnly, '[groups.hvcs]\npackages = ["pkgs/hvcs"]\n')
      const check = await world.action('check', '', { inputs: { config: 'groups-only.toml' } })
      rmSync(groupsOnly)
      expect(errors(check)).toEqual([])
      expect(check.summary).toContain('<tr><td>hvcs</td><td>pkgs/hvcs/pyproject.toml</td><td>0.3.0 (git tags)</td>')

      const run = await release('hvcs', { version: '0.4.0' })
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({ version: '0.4.0', tags: '["hvcs-v0.4.0"]', released: 'true' })
      // hatch-vcs alone would build 0.3.1.dev1+g<sha> (or 9.0.1.dev… without --match): the index holds 0.4.0
      expect(onIndex()).toEqual(['hvcs-0.4.0-py3-none-any.whl', 'hvcs-0.4.0.tar.gz'])
      expect(remoteTags()).toContain('hvcs-v0.4.0')
    })
  }
)
