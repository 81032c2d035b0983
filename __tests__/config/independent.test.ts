/**
 * `[independent]` (SPEC §1 "Many independent packages"): every matched package becomes its
 * own group and target named by its project name, on real config files read from temp
 * trees; every refusal is an E_CONFIG naming file, line and key.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, type Problem } from '../../src/errors.js'
import { badTagName, expandIndependent, fillTemplate, independentTagProblem } from '../../src/config/independent.js'
import { findTarget, loadConfig, resolveComponent, type Config } from '../../src/config/load.js'
import { readToml } from '../../src/pyproject/toml.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const pyproject = (name: string, version = '1.0.0'): string => `[project]\nname = "${name}"\nversion = "${version}"\n`

/** Three integrations (project names differ from their directories) and a core package. */
const repo: Tree = {
  'core/pyproject.toml': pyproject('acme-core', '2.0.0'),
  'integrations/openai/pyproject.toml': pyproject('acme-openai'),
  'integrations/ollama/pyproject.toml': pyproject('acme-ollama', '0.3.0'),
  'integrations/slack_bot/pyproject.toml': pyproject('Acme_Slack.Bot', '0.1.0')
}

function load(files: Tree): Config {
  const root = writeTree(tempDir(), files)
  const rootFile = path.join(root, 'pyproject.toml')
  return loadConfig({ workDir: root, repoRoot: root }, '', existsSync(rootFile) ? readToml(rootFile, 'pyproject.toml') : null)
}

/** The problems of a config that does not load: code, file:line and message. */
function problems(files: Tree): { code: string; at: string; message: string }[] {
  try {
    load(files)
  } catch (error) {
    expect(error).toBeInstanceOf(PyshipError)
    const e = error as PyshipError
    const all: Problem[] = [{ code: e.code, message: e.message, hint: e.hint, ...e.location }, ...e.others]
    return all.map((p) => ({ code: p.code, at: `${p.file}:${p.line}`, message: p.message }))
  }
  throw new Error('expected loadConfig to throw')
}

const summary = (config: Config): Record<string, string> =>
  Object.fromEntries(Object.values(config.targets).map((t) => [t.name, `${t.group} ${t.packages.join(',')} ${t.tag}`]))

describe('every matched package becomes its own group and target', () => {
  test.each([
    [
      'tag over {dir}',
      '[independent]\npackages = ["integrations/*"]\nkind = "pypi"\ntag = "integrations/{dir}-v{version}"\n',
      {
        'acme-ollama': 'acme-ollama integrations/ollama integrations/ollama-v{version}',
        'acme-openai': 'acme-openai integrations/openai integrations/openai-v{version}',
        'Acme_Slack.Bot': 'Acme_Slack.Bot integrations/slack_bot integrations/slack_bot-v{version}'
      }
    ],
    [
      'tag over {name}, kind and tag left to their defaults',
      '[independent]\npackages = ["integrations/*"]\n',
      {
        'acme-ollama': 'acme-ollama integrations/ollama acme-ollama-v{version}',
        'acme-openai': 'acme-openai integrations/openai acme-openai-v{version}',
        'Acme_Slack.Bot': 'Acme_Slack.Bot integrations/slack_bot Acme_Slack.Bot-v{version}'
      }
    ],
    [
      'literal directories and a glob naming one twice',
      '[independent]\npackages = ["integrations/openai", "integrations/o*"]\ntag = "{name}@{version}"\n',
      {
        'acme-openai': 'acme-openai integrations/openai acme-openai@{version}',
        'acme-ollama': 'acme-ollama integrations/ollama acme-ollama@{version}'
      }
    ],
    [
      'next to explicit groups: a glob leaves a grouped package to its group',
      '[groups.core]\npackages = ["core"]\n[targets.core]\ngroup = "core"\nkind = "pypi"\n[independent]\npackages = ["*", "integrations/*"]\ntag = "{dir}-v{version}"\n',
      {
        core: 'core core core-v{version}',
        'acme-ollama': 'acme-ollama integrations/ollama ollama-v{version}',
        'acme-openai': 'acme-openai integrations/openai openai-v{version}',
        'Acme_Slack.Bot': 'Acme_Slack.Bot integrations/slack_bot slack_bot-v{version}'
      }
    ]
  ])('%s', (_what, config, targets) => {
    const loaded = load({ ...repo, '.github/pyship.toml': config })
    expect(summary(loaded)).toEqual(targets)
    for (const t of Object.values(loaded.targets)) expect(loaded.groups[t.group].packages).toEqual(t.packages)
  })

  test('the same keys under [tool.pyship.independent] in the root pyproject.toml', () => {
    const loaded = load({
      ...repo,
      'pyproject.toml': '[tool.pyship.independent]\npackages = ["integrations/o*"]\ntag = "{dir}/v{version}"\n'
    })
    expect(summary(loaded)).toEqual({
      'acme-ollama': 'acme-ollama integrations/ollama ollama/v{version}',
      'acme-openai': 'acme-openai integrations/openai openai/v{version}'
    })
    expect(loaded.targets['acme-openai'].location).toEqual({ file: 'pyproject.toml', line: 1, column: 1 })
  })

  test('the other target keys apply to each package ({name} and {dir} filled in smoke and changelog)', () => {
    const loaded = load({
      ...repo,
      '.github/pyship.toml':
        '[independent]\npackages = ["integrations/o*"]\ntests = "optional"\nsmoke = ["python", "-c", "import {dir}", "{name}"]\nchangelog = "docs/{dir}.md"\ngithub-latest = false\n'
    })
    expect(loaded.targets['acme-ollama']).toEqual({
      name: 'acme-ollama',
      group: 'acme-ollama',
      kind: 'pypi',
      packages: ['integrations/ollama'],
      tag: 'acme-ollama-v{version}',
      tests: 'optional',
      smoke: ['python', '-c', 'import ollama', 'acme-ollama'],
      changelog: 'docs/ollama.md',
      githubLatest: false,
      images: [],
      location: { file: '.github/pyship.toml', line: 1, column: 1 }
    })
    expect(loaded.groups['acme-ollama']).toEqual({
      name: 'acme-ollama',
      packages: ['integrations/ollama'],
      versionFiles: [],
      location: { file: '.github/pyship.toml', line: 1, column: 1 }
    })
  })

  test.each([
    ['acme-openai', 'acme-openai'],
    ['Acme_OpenAI', 'acme-openai'],
    ['acme.slack-bot', 'Acme_Slack.Bot'],
    ['acme-slack-bot', 'Acme_Slack.Bot']
  ])('component %s names the target %s (PEP 503 normal form)', (component, target) => {
    const loaded = load({ ...repo, '.github/pyship.toml': '[independent]\npackages = ["integrations/*"]\n' })
    expect(resolveComponent(loaded, component)).toEqual({ groups: [target], targets: [target] })
    expect(findTarget(loaded, component)?.name).toBe(target) // hotfix's lookup
  })
})

describe('refusals: E_CONFIG on the file and line of the key', () => {
  test.each([
    [
      'a directory named both in a group and in independent.packages',
      '[groups.ai]\npackages = ["integrations/openai"]\n\n[independent]\npackages = ["integrations/ollama", "integrations/openai"]\n',
      '.github/pyship.toml:5',
      'independent.packages[1] = "integrations/openai": package integrations/openai is already in group ai; a package in a group is not also independent'
    ],
    [
      'a project named like an explicit target',
      '[groups.platform]\npackages = ["core"]\n[targets.acme-openai]\ngroup = "platform"\nkind = "pypi"\n\n[independent]\npackages = ["integrations/*"]\n',
      '.github/pyship.toml:8',
      'independent.packages[0] = "integrations/*": package integrations/openai is named "acme-openai", the name of target acme-openai'
    ],
    [
      'a project named like an explicit group, in another spelling',
      '[groups.acme_ollama]\npackages = ["core"]\n\n[independent]\npackages = ["integrations/*"]\n',
      '.github/pyship.toml:5',
      'independent.packages[0] = "integrations/*": package integrations/ollama is named "acme-ollama", the name of group acme_ollama'
    ],
    [
      'a tag template without {version}',
      '[independent]\npackages = ["integrations/*"]\ntag = "integrations/{dir}"\n',
      '.github/pyship.toml:3',
      'independent.tag = "integrations/{dir}" must contain {version}'
    ],
    [
      'a tag template with a placeholder it does not know',
      '[independent]\npackages = ["integrations/*"]\ntag = "{nmae}-v{version}"\n',
      '.github/pyship.toml:3',
      'independent.tag = "{nmae}-v{version}" uses {nmae}; the placeholders are {name}, {dir} and {version}'
    ],
    [
      'a tag template that gives every package the same tag',
      '[independent]\npackages = ["integrations/*"]\ntag = "v{version}"\n',
      '.github/pyship.toml:3',
      'independent.tag = "v{version}" must contain {name} or {dir}'
    ],
    [
      'a tag that is not a git tag name',
      '[independent]\npackages = ["integrations/*"]\ntag = "{dir} v{version}"\n',
      '.github/pyship.toml:3',
      'independent.tag = "{dir} v{version}" gives package integrations/ollama the tag "ollama v{version}", which holds a space'
    ],
    [
      'a tag an explicit target already has',
      '[groups.core]\npackages = ["core"]\n[targets.core]\ngroup = "core"\nkind = "pypi"\ntag = "openai-v{version}"\n\n[independent]\npackages = ["integrations/*"]\ntag = "{dir}-v{version}"\n',
      '.github/pyship.toml:10',
      'independent.tag = "{dir}-v{version}" gives package integrations/openai the tag "openai-v{version}", which is already the tag of target core'
    ],
    [
      'a docker kind (images need a target of their own)',
      '[independent]\npackages = ["integrations/*"]\nkind = "docker"\n',
      '.github/pyship.toml:3',
      'independent.kind must be one of "pypi", not "docker"'
    ],
    [
      'a mistyped key',
      '[independent]\npackages = ["integrations/*"]\ntets = "skip"\n',
      '.github/pyship.toml:3',
      'unknown key independent.tets (did you mean "tests"?)'
    ],
    [
      'no packages',
      '[independent]\ntag = "{name}-v{version}"\n',
      '.github/pyship.toml:1',
      'independent is missing the required key "packages"'
    ],
    [
      'a glob that matches nothing',
      '[independent]\npackages = ["plugins/*"]\n',
      '.github/pyship.toml:2',
      'independent.packages[0] = "plugins/*" matches no directory with a pyproject.toml'
    ]
  ])('%s', (_what, config, at, message) => {
    const found = problems({ ...repo, '.github/pyship.toml': config })
    expect(found[0]).toEqual({ code: 'E_CONFIG', at, message: expect.stringContaining(message) })
  })

  test('two packages with one project name (PEP 503) → E_CONFIG on the entry', () => {
    const found = problems({
      ...repo,
      'integrations/twin/pyproject.toml': pyproject('ACME.openai'),
      '.github/pyship.toml': '[independent]\npackages = ["integrations/*"]\n'
    })
    expect(found).toEqual([
      {
        code: 'E_CONFIG',
        at: '.github/pyship.toml:2',
        message: expect.stringContaining('packages integrations/openai and integrations/twin have the same project name "ACME.openai"')
      }
    ])
  })

  test('a matched package without [project] name → E_CONFIG on its pyproject.toml', () => {
    const found = problems({
      ...repo,
      'integrations/nameless/pyproject.toml': '[project]\nversion = "1.0.0"\n',
      '.github/pyship.toml': '[independent]\npackages = ["integrations/*"]\n'
    })
    expect(found).toEqual([
      {
        code: 'E_CONFIG',
        at: 'integrations/nameless/pyproject.toml:1',
        message: expect.stringContaining('matches integrations/nameless, which has no [project] name')
      }
    ])
  })
})

describe('the pure parts', () => {
  test.each([
    ['integrations/{dir}-v{version}', 'acme-openai', 'integrations/openai', 'integrations/openai-v{version}'],
    ['{name}-v{version}', 'acme-openai', 'integrations/openai', 'acme-openai-v{version}'],
    ['{dir}/{name}/{version}', 'x', 'a/b/c', 'c/x/{version}'],
    ['{dir}-{dir}-v{version}', 'x', 'solo', 'solo-solo-v{version}']
  ])('fillTemplate(%s, %s, %s) = %s', (template, name, dir, tag) => {
    expect(fillTemplate(template, name, dir)).toBe(tag)
  })

  test.each([
    ['{name}-v{version}', null],
    ['integrations/{dir}-v{version}', null],
    ['{name}', 'must contain {version}'],
    ['v{version}', 'must contain {name} or {dir}'],
    ['{package}-v{version}', 'uses {package}'],
    ['{name}-v{Version}', 'uses {Version}']
  ])('independentTagProblem(%s)', (template, wrong) => {
    const found = independentTagProblem(template)
    if (wrong === null) expect(found).toBeNull()
    else expect(found).toContain(wrong)
  })

  test.each([
    ['integrations/openai-v1.2.0', null],
    ['acme_slack.bot-v1.0.0', null],
    ['a b-v1', 'space'],
    ['x..y-v1', '".."'],
    ['/x-v1', 'starts or ends with "/"'],
    ['x//y-v1', '"//"'],
    ['x/.y-v1', 'starts with "."'],
    ['x.lock/v1', 'ends with ".lock"'],
    ['x~1', '~'],
    ['x-v1.', 'ends with "."']
  ])('badTagName(%s)', (tag, wrong) => {
    const found = badTagName(tag)
    if (wrong === null) expect(found).toBeNull()
    else expect(found).toContain(wrong)
  })

  test('a directory a glob and a literal entry both match counts as named: a group holding it makes it an error', () => {
    const group = { name: 'ai', packages: ['integrations/openai'], versionFiles: [] }
    const { problems: found, targets } = expandIndependent(
      { packages: ['integrations/*', 'integrations/openai'] },
      [
        { dir: 'integrations/openai', entry: 0, glob: true, name: 'acme-openai', file: { file: 'integrations/openai/pyproject.toml' } },
        { dir: 'integrations/openai', entry: 1, glob: false, name: 'acme-openai', file: { file: 'integrations/openai/pyproject.toml' } }
      ],
      { groups: { ai: group }, targets: {} },
      (p) => ({ file: 'cfg.toml', line: p.length })
    )
    expect(targets).toEqual({})
    expect(found.map((p) => p.message)).toEqual([
      'independent.packages[1] = "integrations/openai": package integrations/openai is already in group ai; a package in a group is not also independent'
    ])
  })
})
