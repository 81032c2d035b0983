/**
 * `[tool.pyship.release]` (SPEC §11 "One tag for many packages"): a release-level tag for
 * repositories that release every changed group at once under one tag and one GitHub Release
 * — a calendar tag (`v{date}`) or the version of one named group (`v{version}`, `group`).
 * Pure: the schema validates the table's shape, readReleaseTag its meaning.
 */
import { problem, type Location, type Problem } from '../errors.js'
import type { TomlPath } from '../pyproject/toml.js'
import { badTagName } from './independent.js'
import type { Group, Target } from './types.js'
import type { Rule } from './schema.js'

export const RELEASE_TAG_RULE: Rule = {
  type: 'table',
  required: ['tag'],
  keys: {
    tag: { type: 'string' },
    group: { type: 'string' },
    'github-latest': { type: 'boolean' }
  }
}

export interface ReleaseTag {
  /** As written: `v{date}` or `v{version}`. */
  tag: string
  /** `date`: the release commit's date (UTC) as `YYYY.MM.DD`, `.2`, `.3`… for a further release that day; `version`: the named group's version. */
  kind: 'date' | 'version'
  /** The group whose version `{version}` is (kind `version` only). */
  group?: string
  /** The tag as a version template: `{date}` read as `{version}` (`v{version}`), for reading tags back. */
  template: string
  /** Whether the release may be GitHub's "latest" (default true). */
  githubLatest: boolean
  location?: Location
}

interface RawRelease {
  tag: string
  group?: string
  'github-latest'?: boolean
}

/** The config's release-level tag, or none; its problems are E_CONFIG on the table's lines. */
export function readReleaseTag(
  raw: Record<string, unknown>,
  where: (p: TomlPath) => Location | undefined,
  groups: Record<string, Group>,
  targets: Record<string, Target>
): { release?: ReleaseTag; problems: Problem[] } {
  const table = raw.release as RawRelease | undefined
  if (!table) return { problems: [] }
  const problems: Problem[] = []
  const fail = (key: string, message: string, hint: string): void => {
    problems.push(problem('E_CONFIG', `release.${key}: ${message}`, where(['release', key]) ?? where(['release']), hint))
  }
  const { tag } = table
  const placeholders = [...tag.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1])
  const unknown = placeholders.filter((p) => p !== 'date' && p !== 'version')
  const hint = 'e.g. tag = "v{date}" (one tag a day, from the release commit\'s date) or tag = "v{version}" with group = "core".'
  if (unknown.length > 0) {
    fail('tag', `${JSON.stringify(tag)} uses ${unknown.map((p) => `{${p}}`).join(', ')}; the placeholders are {date} and {version}`, hint)
    return { problems }
  }
  const uses = (p: string): number => placeholders.filter((x) => x === p).length
  if (uses('date') + uses('version') !== 1) {
    fail('tag', `${JSON.stringify(tag)} must hold exactly one of {date} and {version}`, hint)
    return { problems }
  }
  const kind = uses('date') === 1 ? 'date' : 'version'
  const template = tag.replace('{date}', '{version}')
  const bad = badTagName(template.replace('{version}', '1.0.0'))
  if (bad) fail('tag', `${JSON.stringify(tag)} does not make a valid git tag: it ${bad}`, hint)
  if (kind === 'version' && table.group === undefined)
    fail(
      'tag',
      `${JSON.stringify(tag)} uses {version}, so group must name whose version it is`,
      'Add group = "<the group whose version names the release>".'
    )
  if (kind === 'date' && table.group !== undefined)
    fail(
      'group',
      `group = ${JSON.stringify(table.group)} has no use with ${JSON.stringify(tag)}: a {date} tag names no group's version`,
      'Remove group, or use tag = "v{version}".'
    )
  if (table.group !== undefined && kind === 'version' && !Object.hasOwn(groups, table.group))
    fail(
      'group',
      `${JSON.stringify(table.group)} is not a group of this config (${Object.keys(groups).join(', ') || 'none'})`,
      'Name one of the groups.'
    )
  // a target whose tags read as the release's would make one tag mean two releases
  for (const t of Object.values(targets)) {
    if (t.tag === template)
      fail(
        'tag',
        `${JSON.stringify(tag)} makes the same tags as target ${t.name} (tag = ${JSON.stringify(t.tag)})`,
        'Give the release-level tag its own prefix, e.g. "release-{date}".'
      )
  }
  if (problems.length > 0) return { problems }
  return {
    release: {
      tag,
      kind,
      ...(kind === 'version' ? { group: table.group } : {}),
      template,
      githubLatest: table['github-latest'] ?? true,
      location: where(['release'])
    },
    problems
  }
}
