/**
 * Docker tags of a PEP 440 version, pure: tag templates (`{version}`, `{major}.{minor}`,
 * `latest`, `{version}-nonroot`…), which variant a tag in a repository belongs to, and
 * the highest-stable rule of the moving tags (SPEC §1, §4).
 */
import { compareVersions, normalizeVersion, parseVersion } from './pep440.js'
import type { Latest } from '../inputs.js'
import { BROKEN_SUFFIX } from '../config/defaults.js'

/** A PEP 440 version as a Docker tag: `+local` becomes `-local`. */
export function dockerVersionTag(version: string): string {
  return version.replace('+', '-')
}

/** The PEP 440 version a Docker tag stands for, or null (`latest`, `2.0`, other tags). */
export function tagVersion(tag: string): string | null {
  if (!/^\d+(\.\d+){2,}/.test(tag)) return null
  return normalizeVersion(tag.replace(/-(?=[a-z0-9.]+$)/i, '+')) ?? normalizeVersion(tag)
}

/** An image's tags when the config names none (SPEC §1). */
export const DEFAULT_IMAGE_TAGS: readonly string[] = ['{version}', '{major}.{minor}', 'latest']

export const TAG_PLACEHOLDERS = ['version', 'major', 'minor', 'patch'] as const
const PLACEHOLDER = /\{(version|major|minor|patch)\}/g
const PART = /\{(major|minor|patch)\}/

/** What is wrong with one tag template (`{version}-nonroot`, `{major}.{minor}`, `latest`), or null. */
export function tagTemplateProblem(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).find((n) => !(TAG_PLACEHOLDERS as readonly string[]).includes(n))
  if (unknown !== undefined) return `has the unknown placeholder {${unknown}}: the placeholders are {version}, {major}, {minor} and {patch}`
  const literal = template.replace(PLACEHOLDER, '')
  if (template === '') return 'is empty'
  if (/[{}]/.test(literal)) return 'has a brace that opens no placeholder'
  if (!/^[A-Za-z0-9_.-]*$/.test(literal)) return 'may hold only letters, digits, "_", "." and "-" around its placeholders (a Docker tag)'
  if (/^[.-]/.test(template)) return 'must not start with "." or "-" (a Docker tag)'
  if ((template.match(/\{version\}/g) ?? []).length > 1) return 'has {version} twice'
  if (template.length > 100) return 'is too long for a Docker tag (128 characters with the version)'
  return null
}

/** The one template of a list that carries `{version}` (validated by the config). */
export const versionTemplate = (templates: readonly string[]): string => templates.find((t) => t.includes('{version}')) ?? '{version}'

/** A tag template for a version: `{version}` (PEP 440 `+local` → `-local`), `{major}`, `{minor}`, `{patch}`. */
export function renderTag(template: string, version: string): string {
  const [major = 0, minor = 0, patch = 0] = parseVersion(version)?.release ?? []
  const parts: Record<string, string> = {
    version: dockerVersionTag(version),
    major: String(major),
    minor: String(minor),
    patch: String(patch)
  }
  return template.replace(PLACEHOLDER, (_, name: string) => parts[name])
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The version a tag made from a version template stands for, or null (another variant's tag, a moving tag). */
export function versionOfTag(template: string, tag: string): string | null {
  const source = template
    .split(/(\{(?:version|major|minor|patch)\})/)
    .map((part) => (part === '{version}' ? '(.+)' : PART.test(part) ? '\\d+' : escape(part)))
    .join('')
  const m = new RegExp(`^${source}$`).exec(tag)
  return m ? tagVersion(m[1]) : null
}

const literalLength = (template: string): number => template.replace(PLACEHOLDER, '').length

/**
 * The version tags of one variant's good images (tag → version): tags its version
 * template reads, unless another variant of the repository reads them more exactly
 * (`2.0.0-nonroot` is `{version}-nonroot`'s, not `{version}`'s local version
 * `2.0.0+nonroot`); never a broken marker (`2.0.0-broken`) or a tag marked broken by one.
 */
export function variantVersions(
  existing: string[],
  template: string,
  siblings: readonly string[] = [],
  brokenSuffix = BROKEN_SUFFIX
): Map<string, string> {
  const set = new Set(existing)
  const good = new Map<string, string>()
  const mine = literalLength(template)
  for (const tag of existing) {
    if (tag.endsWith(brokenSuffix) || set.has(`${tag}${brokenSuffix}`)) continue
    const v = versionOfTag(template, tag)
    if (!v) continue
    if (siblings.some((s) => s !== template && literalLength(s) > mine && versionOfTag(s, tag) !== null)) continue
    good.set(tag, v)
  }
  return good
}

/** Version tags of good images: not a broken marker (`2.0.0-broken`), and not marked broken by one. */
export function goodVersionTags(existing: string[], brokenSuffix = BROKEN_SUFFIX): Map<string, string> {
  return variantVersions(existing, '{version}', [], brokenSuffix)
}

export const stable = (v: string): boolean => !(parseVersion(v)?.isPrerelease ?? true)

/**
 * The versions among `pool` that share `version`'s moving tag `template` (`{major}.{minor}`:
 * the same minor line; `latest`: every one).
 */
export function sameMovingTag(template: string, version: string, pool: string[]): string[] {
  const tag = renderTag(template, version)
  const epoch = parseVersion(version)?.epoch ?? 0
  return pool.filter((o) => renderTag(template, o) === tag && (!PART.test(template) || (parseVersion(o)?.epoch ?? 0) === epoch))
}

/** The image's tags and the repository's other version templates (its variants). */
export interface TagTemplates {
  templates: readonly string[]
  siblings: readonly string[]
}

/**
 * The tags this version gets, given the tags already in the repository: the version tag
 * always; each moving tag when this is the highest stable version of this variant that
 * shares it (`{major}.{minor}`: of that minor line; `latest`, `latest-nonroot`: of the
 * variant). A moving tag without placeholders is a "latest": `latest: true`/`false` force it.
 */
export function imageTags(
  version: string,
  existing: string[],
  latest: Latest,
  brokenSuffix = BROKEN_SUFFIX,
  tags: TagTemplates = { templates: DEFAULT_IMAGE_TAGS, siblings: [] }
): string[] {
  const own = versionTemplate(tags.templates)
  const out = [renderTag(own, version)]
  if (!parseVersion(version)) return out
  const others = [...variantVersions(existing, own, tags.siblings, brokenSuffix).values()].filter(stable)
  for (const template of tags.templates) {
    if (template === own) continue
    const fixed = !PART.test(template)
    if (fixed && latest !== 'auto') {
      if (latest === 'true') out.push(renderTag(template, version))
      continue
    }
    if (!stable(version)) continue
    if (sameMovingTag(template, version, others).every((o) => compareVersions(version, o) >= 0)) out.push(renderTag(template, version))
  }
  return out
}

/**
 * Rollback of `version` (SPEC §4), per variant: each moving tag this version would carry
 * (`2.0`, `latest`, `latest-nonroot`) and the version tag of the highest good stable
 * version of this variant left to carry it (null: none is left, the tag goes). `existing`
 * are the repository's tags with this version already marked broken.
 */
export function rollbackMoves(
  version: string,
  existing: string[],
  tags: TagTemplates,
  brokenSuffix = BROKEN_SUFFIX
): { tag: string; to: string | null }[] {
  const own = versionTemplate(tags.templates)
  const good = [...variantVersions(existing, own, tags.siblings, brokenSuffix).entries()].filter(([, v]) => stable(v))
  const tagOf = new Map(good.map(([tag, v]) => [v, tag]))
  return tags.templates
    .filter((t) => t !== own)
    .map((t) => {
      const best = sameMovingTag(
        t,
        version,
        good.map(([, v]) => v)
      )
        .sort(compareVersions)
        .pop()
      return { tag: renderTag(t, version), to: best === undefined ? null : (tagOf.get(best) ?? null) }
    })
}
