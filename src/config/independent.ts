/**
 * `[tool.pyship.independent]` (SPEC §1 "Many independent packages"), pure: every package
 * its `packages` globs match becomes its own group and its own target, both named by the
 * package's project name, its tag the table's template with `{name}` and `{dir}` filled in.
 * The other keys (`tests`, `smoke`, `changelog`, `github-latest`) apply to each.
 *
 * With explicit groups: a package an explicit group holds stays in that group. A glob that
 * also matches it leaves it out silently (the glob says "every other package here"); an
 * entry that names its directory literally is an E_CONFIG (the config says two things).
 */
import { problem, type Location, type Problem } from '../errors.js'
import { normalizeName } from '../pyproject/requirement.js'
import type { TomlPath } from '../pyproject/toml.js'
import type { Group, Target, TestMode } from './types.js'

/** The placeholders an independent tag template may use. */
export const INDEPENDENT_PLACEHOLDERS = ['name', 'dir', 'version'] as const

export const DEFAULT_INDEPENDENT_TAG = '{name}-v{version}'

/** What is wrong with an independent tag template, or null (used by the schema). */
export function independentTagProblem(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1])
    .filter((p) => !(INDEPENDENT_PLACEHOLDERS as readonly string[]).includes(p))
  if (unknown.length > 0) return `uses ${unknown.map((p) => `{${p}}`).join(', ')}; the placeholders are {name}, {dir} and {version}`
  if (!template.includes('{version}')) return 'must contain {version}, e.g. "{name}-v{version}"'
  if (!template.includes('{name}') && !template.includes('{dir}'))
    return 'must contain {name} or {dir}: without them every package would get the same tag'
  return null
}

/** Why `tag` is not a valid git tag name (git check-ref-format), or null. */
export function badTagName(tag: string): string | null {
  if (tag === '' || tag === '@') return 'is empty'
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(tag)) return 'holds a space, a control character or one of ~ ^ : ? * [ \\'
  if (tag.includes('..') || tag.includes('@{') || tag.includes('//')) return 'holds "..", "@{" or "//"'
  if (tag.startsWith('/') || tag.endsWith('/') || tag.endsWith('.')) return 'starts or ends with "/" or ends with "."'
  if (tag.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')))
    return 'has a part that starts with "." or ends with ".lock"'
  return null
}

/** The config's `independent` table, as validated by the schema. */
export interface IndependentTable {
  packages: string[]
  kind?: 'pypi'
  tag?: string
  tests?: TestMode
  smoke?: string[]
  changelog?: string
  'changelog-write'?: boolean
  'github-latest'?: boolean
}

/** A package directory one of the table's `packages` entries matched. */
export interface IndependentMatch {
  /** Relative to the working directory. */
  dir: string
  /** The index of the `packages` entry that matched it. */
  entry: number
  /** Whether that entry is a glob (else it names the directory). */
  glob: boolean
  /** Its `[project] name`, or null when it has none. */
  name: string | null
  /** Its pyproject.toml (the `[project]` table when there is one). */
  file: Location
}

export interface Expanded {
  groups: Record<string, Group>
  targets: Record<string, Target>
  problems: Problem[]
}

/** Fill `{name}` and `{dir}` (the directory's last part) of a template; `{version}` stays. */
export function fillTemplate(template: string, name: string, dir: string): string {
  return template.replaceAll('{name}', name).replaceAll('{dir}', dir.split('/').pop() ?? dir)
}

/**
 * The groups and targets `table` makes of `matches`, next to the explicit `groups` and
 * `targets` (already resolved). `where` locates a key of the config.
 */
export function expandIndependent(
  table: IndependentTable,
  matches: readonly IndependentMatch[],
  explicit: { groups: Record<string, Group>; targets: Record<string, Target> },
  where: (p: TomlPath) => Location | undefined
): Expanded {
  const problems: Problem[] = []
  const groups: Record<string, Group> = Object.create(null)
  const targets: Record<string, Target> = Object.create(null)
  const at = (entry: number): TomlPath => ['independent', 'packages', entry]
  const shown = (entry: number): string => `independent.packages[${entry}] = ${JSON.stringify(table.packages[entry])}`
  const fail = (entry: number, message: string, hint?: string): void => {
    problems.push(problem('E_CONFIG', message, where(at(entry)), hint))
  }

  const ownerOf = new Map<string, string>()
  for (const g of Object.values(explicit.groups)) for (const dir of g.packages) if (!ownerOf.has(dir)) ownerOf.set(dir, g.name)
  // explicit names by their PEP 503 form: a component is looked up that way too
  const taken = new Map<string, string>()
  for (const t of Object.values(explicit.targets)) taken.set(normalizeName(t.name), `target ${t.name}`)
  for (const g of Object.values(explicit.groups)) if (!taken.has(normalizeName(g.name))) taken.set(normalizeName(g.name), `group ${g.name}`)
  const tags = new Map<string, string>()
  for (const t of Object.values(explicit.targets)) tags.set(t.tag, `target ${t.name}`)

  const template = table.tag ?? DEFAULT_INDEPENDENT_TAG
  // a directory named literally by an entry counts as named, whichever entry came first
  const seen = new Map<string, IndependentMatch>()
  for (const m of matches) {
    const before = seen.get(m.dir)
    if (!before || (before.glob && !m.glob)) seen.set(m.dir, m)
  }
  const mine = new Map<string, string>()
  for (const m of seen.values()) {
    const group = ownerOf.get(m.dir)
    if (group !== undefined) {
      if (!m.glob) {
        fail(
          m.entry,
          `${shown(m.entry)}: package ${m.dir} is already in group ${group}; a package in a group is not also independent`,
          `Remove ${m.dir} from independent.packages or from groups.${group}.packages. (A glob in independent.packages that matches it leaves it to its group.)`
        )
      }
      continue
    }
    if (m.name === null) {
      problems.push(
        problem(
          'E_CONFIG',
          `${m.file.file}: ${shown(m.entry)} matches ${m.dir}, which has no [project] name; an independent package is named by its project name`,
          m.file,
          'Give the package a `[project] name`, or leave its directory out of independent.packages.'
        )
      )
      continue
    }
    const key = normalizeName(m.name)
    const clash = taken.get(key)
    if (clash) {
      fail(
        m.entry,
        `${shown(m.entry)}: package ${m.dir} is named ${JSON.stringify(m.name)}, the name of ${clash}; every independent package becomes a target and a group of its project's name`,
        `Rename ${clash}, or put ${m.dir} in an explicit group (a package in a group is not also independent).`
      )
      continue
    }
    const twin = mine.get(key)
    if (twin) {
      fail(
        m.entry,
        `${shown(m.entry)}: packages ${twin} and ${m.dir} have the same project name ${JSON.stringify(m.name)}; every independent package becomes a target of its project's name`,
        'Rename one of the projects, or leave one directory out of independent.packages.'
      )
      continue
    }
    mine.set(key, m.dir)
    const tag = fillTemplate(template, m.name, m.dir)
    const badTag = badTagName(tag.replaceAll('{version}', '1.0.0'))
    const sameTag = tags.get(tag)
    if (badTag || sameTag) {
      problems.push(
        problem(
          'E_CONFIG',
          `independent.tag = ${JSON.stringify(template)} gives package ${m.dir} the tag ${JSON.stringify(tag)}, which ${badTag ?? `is already the tag of ${sameTag}`}`,
          where(['independent', 'tag']) ?? where(['independent']),
          'Use {name} or {dir} in independent.tag so that every package gets a tag of its own, made of letters, digits, ".", "-", "_" and "/".'
        )
      )
      continue
    }
    tags.set(tag, `package ${m.dir}`)
    groups[m.name] = { name: m.name, packages: [m.dir], versionFiles: [], location: where(['independent']) }
    targets[m.name] = {
      name: m.name,
      group: m.name,
      kind: table.kind ?? 'pypi',
      packages: [m.dir],
      tag,
      tests: table.tests ?? 'required',
      smoke: table.smoke?.map((arg) => fillTemplate(arg, m.name as string, m.dir)),
      changelog: table.changelog === undefined ? undefined : fillTemplate(table.changelog, m.name, m.dir),
      ...(table['changelog-write'] === false ? { changelogWrite: false } : {}),
      githubLatest: table['github-latest'] ?? true,
      images: [],
      location: where(['independent'])
    }
  }
  return { groups, targets, problems }
}
