/**
 * The built-in defaults: the default layout (CLI + server released
 * together as `platform`, an independent SDK: a typical monorepo's manual release process). Used when the repository
 * has no config and looks like that layout: a `cli/` and a `server/` package (a repository
 * with only a `server/` package is not the default layout: it has no config).
 */

/** rollback's default marker on a bad image's version tag (`2.0.0-broken`). */
export const BROKEN_SUFFIX = '-broken'

/** The package directories that must all exist for the default layout to apply. */
export const DEFAULT_LAYOUT_SIGNATURE = ['cli', 'server'] as const

/** The defaults written as a config, so they go through the same resolution as a file. */
export const DEFAULT_CONFIG = {
  groups: {
    platform: { packages: ['cli', 'server'] },
    sdk: { packages: ['packages/client-python'] }
  },
  targets: {
    cli: { group: 'platform', kind: 'pypi', packages: ['cli'], tag: 'cli-v{version}', tests: 'optional' },
    docker: {
      group: 'platform',
      kind: 'docker',
      packages: ['server'],
      tag: 'docker-v{version}',
      images: [
        { name: 'server', context: 'server' },
        { name: 'studio', context: 'studio', 'build-args': ['VITE_API_URL'] }
      ]
    },
    sdk: {
      group: 'sdk',
      kind: 'pypi',
      packages: ['packages/client-python'],
      tag: 'python-sdk-v{version}',
      'github-latest': false
    }
  }
} as const
