import type { PINS_MODES, TARGET_KINDS, TEST_MODES, VERSION_FILE_COUNTS, VERSION_FILE_FORMATS } from './schema.js'
import type { Location } from '../errors.js'
import type { ImageName } from './image-names.js'
import type { Exclusion } from './exclude.js'
import type { Waiver } from './waivers.js'
import type { PackageSettings } from './package-settings.js'
import type { ReleaseTag } from './release-tag.js'
import type { ChangelogSection } from '../history/sections.js'

export type TargetKind = (typeof TARGET_KINDS)[number]
export type TestMode = (typeof TEST_MODES)[number]
export type PinsMode = (typeof PINS_MODES)[number]
export type VersionFileCount = (typeof VERSION_FILE_COUNTS)[number]
export type VersionFileFormat = (typeof VERSION_FILE_FORMATS)[number]

export interface Image {
  name: string
  /** Build context, relative to the working directory. */
  context: string
  /** Dockerfile, relative to the working directory. */
  dockerfile: string
  buildArgs: string[]
  target?: string
  platforms: string[]
  /** `repository` as the config normalises it (`docker.io`, `library/…`); absent: `{registry}/{owner}/{repo}/{name}`. */
  repository?: ImageName
  /** Tag templates (`{version}`, `{major}.{minor}`, `latest`, `{version}-nonroot`…). */
  tags: string[]
  location?: Location
}

/** A further file that must carry the group's version (config `version-files`). */
export interface VersionFileConfig {
  /** Relative to the working directory, POSIX separators. */
  path: string
  /** A Python regular expression with a `version` group (as written in the config). */
  pattern: string
  /** `one` (default): exactly one match carries the version; `all`: every match does. */
  count?: VersionFileCount
  /** How the file spells the version: `pep440` (default) or `semver` (`1.2.0-rc.1`). */
  format?: VersionFileFormat
  /** The entry in the config. */
  location?: Location
}

export interface Group {
  name: string
  /** Package directories relative to the working directory, in config order. */
  packages: string[]
  versionFiles: VersionFileConfig[]
  /** `admit` (default): bump rewrites only pins that would exclude the new version; `follow`: every pin on a member. */
  pins?: PinsMode
  location?: Location
}

export interface Target {
  name: string
  group: string
  kind: TargetKind
  /** Packages this target publishes (pypi) — a subset of its group. */
  packages: string[]
  /** Git tag template, e.g. `cli-v{version}`. */
  tag: string
  tests: TestMode
  smoke?: string[]
  changelog?: string
  /** `changelog-write = false`: the project writes this changelog itself; `bump` leaves it alone (default: bump writes each version's section). */
  changelogWrite?: boolean
  /** Whether this target's release may be GitHub's "latest" release. */
  githubLatest: boolean
  images: Image[]
  location?: Location
}

/** Whether the config declares any group (a config of only `exclude`/`waivers` declares none). */
export const hasGroups = (config: Pick<Config, 'groups'>): boolean => Object.keys(config.groups).length > 0

export interface Config {
  /** Where it came from: a file relative to the repository root, or a description. */
  source: string
  kind: 'file' | 'defaults' | 'none'
  groups: Record<string, Group>
  targets: Record<string, Target>
  /** rollback marks a bad image `{version}{brokenSuffix}` (config `broken-suffix`, default `-broken`). */
  brokenSuffix: string
  /** Notices worth printing (e.g. default groups left out because their directory is absent). */
  notices: string[]
  /** `exclude`: package directories that are not part of the monorepo (absent: none). */
  exclude?: Exclusion[]
  /** Directories with `[packages."<dir>"] external = true`, consumed from the index (absent: none). */
  external?: string[]
  /** `[[waivers]]`: known problems the gate reports without failing (absent: none). */
  waivers?: Waiver[]
  /** `[packages."<dir>"]` settings by package directory (config/package-settings.ts). */
  packages?: Record<string, PackageSettings>
  /** `changelog-sections`: which commit types release, under which heading (absent: history/sections.ts's default). */
  changelogSections?: ChangelogSection[]
  /** `bump-minor-pre-major`, `bump-patch-for-minor-pre-major` as written (absent: the defaults of history/next-version.ts). */
  preMajor?: { bumpMinorPreMajor?: boolean; bumpPatchForMinorPreMajor?: boolean }
  /** `[release]`: one tag and one GitHub Release for a release of every changed group (absent: each target its own tag). */
  release?: ReleaseTag
}
