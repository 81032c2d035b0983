/** Tag templates (`cli-v{version}`): the tag of a version, and the version inside a tag. Pure. */
import { normalizeVersion } from './pep440.js'

export function tagFor(template: string, version: string): string {
  return template.replaceAll('{version}', version)
}

/** The version inside a tag made from `template`, or null when the tag is not one of them. */
export function versionFromTag(template: string, tag: string): string | null {
  const [before, after] = template.split('{version}')
  if (!tag.startsWith(before) || !tag.endsWith(after ?? '') || tag.length <= before.length + (after ?? '').length) return null
  return normalizeVersion(tag.slice(before.length, tag.length - (after ?? '').length))
}
