/**
 * Docker image planning, pure: references, the tags a version gets (`{version}`,
 * `{major}.{minor}`, `latest`) and OCI labels.
 */
export {
  DEFAULT_IMAGE_TAGS,
  dockerVersionTag,
  goodVersionTags,
  imageTags,
  renderTag,
  rollbackMoves,
  sameMovingTag,
  stable,
  tagTemplateProblem,
  tagVersion,
  variantVersions,
  versionOfTag,
  versionTemplate,
  type TagTemplates
} from '../version/docker-tags.js'

/** `{registry}/{owner}/{repo}/{image}` in lower case (ghcr.io requires it). */
export function imageRepository(owner: string, repo: string, image: string): string {
  return `${owner}/${repo}/${image}`.toLowerCase()
}

export function ociLabels(version: string, revision: string, source: string, created: Date): Record<string, string> {
  return {
    'org.opencontainers.image.version': version,
    'org.opencontainers.image.revision': revision,
    'org.opencontainers.image.source': source,
    'org.opencontainers.image.created': created.toISOString()
  }
}
