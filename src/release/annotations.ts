/**
 * OCI annotations of the images a release writes (SPEC §10 "Image metadata"), pure: the
 * `org.opencontainers.image.*` set (version, revision, source, created — the commit time,
 * never the clock — description and licenses from the package metadata of the image's
 * context); buildx is asked for them in adapters/docker.ts (`--annotation manifest:…`, `index:…`).
 */
import type { Package } from '../pyproject/package.js'
import { isTable } from '../pyproject/toml.js'
import type { ImageState, ReleaseState } from './state.js'

export const OCI = 'org.opencontainers.image'

/** What the package in an image's context says about itself: `[project] description` and its license. */
export interface ImageMetadata {
  description?: string
  /** An SPDX license expression (`[project] license = "MIT"`, or a one-line `license = { text = "…" }`). */
  licenses?: string
}

const oneLine = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined
  const text = v.trim()
  return text && !/[\r\n]/.test(text) ? text : undefined
}

/** The description and license of the package in an image's context (none when the context is no package). */
export function imageMetadata(pkg: Package | undefined): ImageMetadata {
  if (!pkg) return {}
  const doc = pkg.doc.value
  const project = isTable(doc.project) ? doc.project : null
  const tool = isTable(doc.tool) ? doc.tool : {}
  const poetry = isTable(tool.poetry) ? tool.poetry : {}
  // a Poetry project without [project] keeps both in [tool.poetry]
  const source = project ?? poetry
  const license = source.license
  const licenses = typeof license === 'string' ? oneLine(license) : isTable(license) ? oneLine(license.text) : undefined
  const description = oneLine(source.description)
  return { ...(description ? { description } : {}), ...(licenses ? { licenses } : {}) }
}

export interface ImageFactsForAnnotations extends ImageMetadata {
  version: string
  /** The release commit. */
  revision: string
  /** The repository's web URL (`https://github.com/owner/repo`). */
  source: string
  /** The commit time (seconds since the epoch): rebuilding gives the same annotations. */
  created: number
}

/** The annotations (and, the same keys, the labels) an image of a release carries, in a fixed order. */
export function ociAnnotations(facts: ImageFactsForAnnotations): Record<string, string> {
  return {
    [`${OCI}.version`]: facts.version,
    [`${OCI}.revision`]: facts.revision,
    [`${OCI}.source`]: facts.source,
    [`${OCI}.created`]: new Date(facts.created * 1000).toISOString(),
    ...(facts.description ? { [`${OCI}.description`]: facts.description } : {}),
    ...(facts.licenses ? { [`${OCI}.licenses`]: facts.licenses } : {})
  }
}

/** What an index (or manifest) lacks or carries wrongly of the expected annotations; [] when it has them all. */
export function annotationProblems(found: Record<string, string> | undefined, expected: Record<string, string>): string[] {
  const problems: string[] = []
  for (const [k, v] of Object.entries(expected)) {
    const got = found?.[k]
    if (got === undefined) problems.push(`no ${k}`)
    else if (got !== v) problems.push(`${k} is ${JSON.stringify(got)}, not ${JSON.stringify(v)}`)
  }
  return problems
}

/** The OCI annotations (and labels) of one image of this release: from the plan, the commit and its time. */
export function imageAnnotations(state: ReleaseState, img: ImageState): Record<string, string> {
  return ociAnnotations({
    version: img.plan.version,
    revision: state.sha,
    source: `${state.runner.serverUrl}/${state.repository}`,
    created: state.commitTime,
    description: img.plan.description,
    licenses: img.plan.licenses
  })
}
