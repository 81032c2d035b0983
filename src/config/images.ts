/**
 * The images of a config checked together (SPEC §1): each image's tag templates (one
 * version tag, no tag twice), image names unique in a target (the fan-out matrix names
 * images), and no tag made twice in one repository by two of its variants.
 */
import type { TomlPath } from '../pyproject/toml.js'
import { DEFAULT_IMAGE_TAGS } from '../version/docker-tags.js'

/** An image as the config spells it, with where it is. */
export interface RawImage {
  target: string
  index: number
  name: string
  /** The normalised repository (`docker.io/arizephoenix/phoenix`), or null for the default name. */
  repository: string | null
  tags: string[]
}

export function rawImageTags(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : [...DEFAULT_IMAGE_TAGS]
}

/** Every problem of the images together, as (where, message). */
export function imageProblems(images: RawImage[]): { at: TomlPath; message: string }[] {
  const out: { at: TomlPath; message: string }[] = []
  const at = (img: RawImage, key?: string): TomlPath => ['targets', img.target, 'images', img.index, ...(key ? [key] : [])]
  const label = (img: RawImage): string => `targets.${img.target}.images[${img.index}]`
  for (const img of images) {
    const versioned = img.tags.filter((t) => t.includes('{version}'))
    if (versioned.length === 0)
      out.push({
        at: at(img, 'tags'),
        message: `${label(img)}.tags = ${JSON.stringify(img.tags)} has no {version} template: every image needs its version tag, e.g. "{version}" or "{version}-nonroot"`
      })
    else if (versioned.length > 1)
      out.push({
        at: at(img, 'tags'),
        message: `${label(img)}.tags has ${versioned.length} {version} templates (${versioned.join(', ')}): an image has one version tag; the others must be moving tags like "{major}.{minor}"`
      })
    const twice = img.tags.find((t, i) => img.tags.indexOf(t) !== i)
    if (twice !== undefined) out.push({ at: at(img, 'tags'), message: `${label(img)}.tags lists ${JSON.stringify(twice)} twice` })
  }
  const names = new Map<string, RawImage>()
  for (const img of images) {
    const key = `${img.target}\0${img.name}`
    const first = names.get(key)
    if (first)
      out.push({
        at: at(img, 'name'),
        message: `${label(img)}: target ${img.target} already has an image named ${img.name} (${label(first)}); give each image of a target its own name (a variant: "${img.name}-nonroot")`
      })
    else names.set(key, img)
  }
  // one repository, several variants: a tag template may belong to one of them only
  const owners = new Map<string, RawImage>()
  for (const img of images) {
    const repo = img.repository ?? `(default)/${img.name}`
    for (const t of new Set(img.tags)) {
      const key = `${repo}\0${t}`
      const first = owners.get(key)
      if (first && first !== img)
        out.push({
          at: at(img, 'tags'),
          message: `${label(img)} and ${label(first)} both push the tag ${JSON.stringify(t)} to ${img.repository ?? `the image ${img.name}`}: a variant in the same repository needs its own tags, e.g. ["{version}-nonroot", "{major}.{minor}-nonroot", "latest-nonroot"]`
        })
      else owners.set(key, img)
    }
  }
  return out
}
