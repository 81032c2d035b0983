/**
 * The config keys (SPEC §1) as data, and one validator that reports every unknown
 * key and wrong type with its file:line:column.
 */
import { problem, type Problem } from '../errors.js'
import { isTable, locate, type TomlDocument, type TomlPath } from '../pyproject/toml.js'
import { pythonRegex } from '../pyproject/version-file.js'
import { parseImageName } from './image-names.js'
import { tagTemplateProblem } from '../version/docker-tags.js'
import { independentTagProblem } from './independent.js'
import { PACKAGE_SETTINGS_RULE } from './package-settings.js'
import { WAIVER_RULE } from './waivers.js'
import { RELEASE_TAG_RULE } from './release-tag.js'

export type Rule =
  | { type: 'string'; pattern?: RegExp; patternText?: string; check?: (value: string) => string | null }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'string-list' }
  | { type: 'table'; keys: Record<string, Rule>; required?: readonly string[] }
  | { type: 'map'; of: Rule; names?: RegExp }
  | { type: 'list'; of: Rule }

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

const image: Rule = {
  type: 'table',
  required: ['name'],
  keys: {
    name: {
      type: 'string',
      pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
      patternText: 'lower-case letters, digits, ".", "_", "-" and "/"'
    },
    context: { type: 'string' },
    dockerfile: { type: 'string' },
    'build-args': { type: 'string-list' },
    target: { type: 'string' },
    platforms: { type: 'string-list' },
    // SPEC §1: a repository on any registry, and tag templates (validated together in config/image-tags.ts)
    repository: {
      type: 'string',
      check: (value) => {
        const name = parseImageName(value)
        return typeof name === 'string' ? name : null
      }
    },
    tags: { type: 'list', of: { type: 'string', check: (value) => tagTemplateProblem(value) } }
  }
}

export const PINS_MODES = ['admit', 'follow'] as const
export const VERSION_FILE_COUNTS = ['one', 'all'] as const
export const VERSION_FILE_FORMATS = ['pep440', 'semver'] as const

/** A `version-files` entry: a file (relative to the working directory) and where in it the version is. */
const versionFile: Rule = {
  type: 'table',
  required: ['path', 'pattern'],
  keys: {
    count: { type: 'enum', values: VERSION_FILE_COUNTS },
    format: { type: 'enum', values: VERSION_FILE_FORMATS },
    path: {
      type: 'string',
      pattern: /^(?!\/)(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/,
      patternText: 'a file path relative to the working directory, without ".."'
    },
    pattern: {
      type: 'string',
      check: (value) => {
        try {
          pythonRegex(value)
          return null
        } catch (error) {
          return `must be a regular expression with a (?P<version>…) group around the version: ${(error as Error).message}`
        }
      }
    }
  }
}

export const TARGET_KINDS = ['pypi', 'docker'] as const
export const TEST_MODES = ['required', 'optional', 'skip'] as const

export const CONFIG_RULE: Rule = {
  type: 'table',
  keys: {
    // SPEC §11 next version below 1.0.0: release-please's keys (history/next-version.ts)
    'bump-minor-pre-major': { type: 'boolean' },
    'bump-patch-for-minor-pre-major': { type: 'boolean' },
    // SPEC §11: which commit types release, under which changelog heading (release-please's key; history/sections.ts)
    'changelog-sections': {
      type: 'list',
      of: {
        type: 'table',
        required: ['type', 'section'],
        keys: {
          type: { type: 'string', pattern: /^[A-Za-z][\w-]*$/, patternText: 'a commit type such as "docs"' },
          section: { type: 'string', pattern: /^[^\r\n]+$/, patternText: 'a heading on one line' },
          hidden: { type: 'boolean' }
        }
      }
    },
    'broken-suffix': {
      type: 'string',
      pattern: /^[-._A-Za-z0-9]{1,32}$/,
      patternText: 'a Docker tag suffix such as "-broken" (letters, digits, ".", "_", "-")'
    },
    // SPEC §1 "What belongs to the monorepo" (config/exclude.ts, config/package-settings.ts, config/waivers.ts)
    exclude: { type: 'string-list' },
    packages: PACKAGE_SETTINGS_RULE,
    waivers: { type: 'list', of: WAIVER_RULE },
    // SPEC §11 "One tag for many packages" (config/release-tag.ts)
    release: RELEASE_TAG_RULE,
    groups: {
      type: 'map',
      names: NAME,
      of: {
        type: 'table',
        required: ['packages'],
        keys: {
          packages: { type: 'string-list' },
          'version-files': { type: 'list', of: versionFile },
          pins: { type: 'enum', values: PINS_MODES }
        }
      }
    },
    independent: {
      type: 'table',
      required: ['packages'],
      keys: {
        packages: { type: 'string-list' },
        kind: { type: 'enum', values: ['pypi'] },
        tag: { type: 'string', check: independentTagProblem },
        tests: { type: 'enum', values: TEST_MODES },
        smoke: { type: 'string-list' },
        changelog: { type: 'string' },
        'changelog-write': { type: 'boolean' },
        'github-latest': { type: 'boolean' }
      }
    },
    targets: {
      type: 'map',
      names: NAME,
      of: {
        type: 'table',
        required: ['group', 'kind'],
        keys: {
          group: { type: 'string' },
          kind: { type: 'enum', values: TARGET_KINDS },
          packages: { type: 'string-list' },
          tag: { type: 'string', pattern: /\{version\}/, patternText: 'a template containing {version}, e.g. "cli-v{version}"' },
          tests: { type: 'enum', values: TEST_MODES },
          smoke: { type: 'string-list' },
          changelog: { type: 'string' },
          'changelog-write': { type: 'boolean' },
          'github-latest': { type: 'boolean' },
          images: { type: 'list', of: image }
        }
      }
    }
  }
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (isTable(value)) return 'a table'
  if (value instanceof Date) return 'a date'
  return `a ${typeof value}`
}

/** Edit distance counting a swap of two neighbours as one edit (`chekc` → `check`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/** The option closest to a mistyped word, when it is close enough to be what was meant. */
export function closest(word: string, options: readonly string[]): string | undefined {
  return options
    .map((o) => ({ o, d: distance(word, o) }))
    .filter(({ d }) => d <= Math.max(1, Math.floor(word.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.o
}

export function suggest(word: string, options: readonly string[]): string {
  const best = closest(word, options)
  return best ? ` (did you mean "${best}"?)` : ''
}

/**
 * Validate `value` (found at `base` in `doc`) against `rule`. Returns every problem;
 * key paths in messages are shown relative to the config root (`targets.cli.tests`).
 */
export function validate(doc: TomlDocument, base: TomlPath, value: unknown, rule: Rule = CONFIG_RULE): Problem[] {
  const problems: Problem[] = []
  const show = (p: TomlPath): string => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || '(root)'
  const report = (p: TomlPath, message: string): void => {
    problems.push(problem('E_CONFIG', `${doc.file}: ${message}`, locate(doc, [...base, ...p])))
  }
  const visit = (v: unknown, r: Rule, p: TomlPath): void => {
    switch (r.type) {
      case 'string':
        if (typeof v !== 'string') return report(p, `${show(p)} must be a string, not ${typeName(v)}`)
        if (r.pattern && !r.pattern.test(v)) report(p, `${show(p)} = ${JSON.stringify(v)} must be ${r.patternText}`)
        else if (r.check) {
          const wrong = r.check(v)
          if (wrong) report(p, `${show(p)} = ${JSON.stringify(v)} ${wrong}`)
        }
        return
      case 'enum':
        if (typeof v !== 'string' || !r.values.includes(v)) {
          report(
            p,
            `${show(p)} must be one of ${r.values.map((x) => `"${x}"`).join(', ')}, not ${typeof v === 'string' ? JSON.stringify(v) : typeName(v)}`
          )
        }
        return
      case 'boolean':
        if (typeof v !== 'boolean') report(p, `${show(p)} must be true or false, not ${typeName(v)}`)
        return
      case 'string-list':
        if (!Array.isArray(v)) return report(p, `${show(p)} must be an array of strings, not ${typeName(v)}`)
        v.forEach((item, i) => {
          if (typeof item !== 'string') report([...p, i], `${show([...p, i])} must be a string, not ${typeName(item)}`)
        })
        return
      case 'list':
        if (!Array.isArray(v)) return report(p, `${show(p)} must be an array, not ${typeName(v)}`)
        v.forEach((item, i) => visit(item, r.of, [...p, i]))
        return
      case 'map':
        if (!isTable(v)) return report(p, `${show(p)} must be a table, not ${typeName(v)}`)
        for (const [name, item] of Object.entries(v)) {
          if (r.names && !r.names.test(name)) report([...p, name], `${show([...p, name])}: the name must match [A-Za-z0-9][A-Za-z0-9._-]*`)
          visit(item, r.of, [...p, name])
        }
        return
      case 'table': {
        if (!isTable(v)) return report(p, `${show(p)} must be a table, not ${typeName(v)}`)
        const known = Object.keys(r.keys)
        for (const [key, item] of Object.entries(v)) {
          const sub = r.keys[key]
          if (!sub) report([...p, key], `unknown key ${show([...p, key])}${suggest(key, known)}; allowed here: ${known.join(', ')}`)
          else visit(item, sub, [...p, key])
        }
        for (const key of r.required ?? []) {
          if (!(key in v)) report(p, `${show(p)} is missing the required key "${key}"`)
        }
      }
    }
  }
  visit(value, rule, [])
  return problems
}
