/**
 * What every bump rule reads: the group being bumped, its members, and the new version
 * (resolved and validated by target-version.ts before any rule runs). A rule is one module
 * exporting a `BumpRule`: the edits a new version needs in one kind of place, and the
 * problems that stop the bump. `rules.ts` lists them in the order their edits are shown.
 */
import path from 'node:path'
import type { Problem } from '../../errors.js'
import type { StringChange } from '../../pyproject/edit.js'
import type { Package } from '../../pyproject/package.js'
import type { TomlDocument } from '../../pyproject/toml.js'
import type { VersionSpot } from '../../pyproject/version-file.js'
import type { Monorepo } from '../load.js'

export interface BumpOptions {
  component: string
  /** A PEP 440 version, or major | minor | patch. */
  version: string
  allowDowngrade: boolean
  /** uv will rewrite uv.lock (so pyship leaves it alone). */
  uvLocks: boolean
  /** The repository's tags, for members whose version comes from git tags (keywords need a current version). */
  tags?: string[] | null
}

/** One line of the plan as shown: where, what, from → to. */
export interface Row {
  file: string
  line: number
  what: string
  from: string
  to: string
}

/** One planned edit: a string of a TOML document pyship edits structurally, or a version's characters in another file. */
export type Edit =
  | { kind: 'toml'; doc: TomlDocument; abs: string; change: StringChange; row: Omit<Row, 'file'> }
  | { kind: 'spot'; spot: VersionSpot; what: string; /** The text written (default: the new version). */ write?: string }

export interface BumpContext {
  repo: Monorepo
  options: BumpOptions
  /** The group bumped. */
  group: string
  /** Its members, config order. */
  members: Package[]
  /** The members a file carries the version of (not git tags). */
  written: Package[]
  /** The vcs members: the highest version their tags give (null: none, or tags not read). */
  fromTags: (string | null)[]
  /** The new version, normal form. */
  version: string
}

export interface BumpRule {
  /** Kebab-case, as the module is named. */
  name: string
  /** The edits this rule plans (versions already equal to the new one are left out). */
  edits(ctx: BumpContext): Edit[]
  /** What stops the bump (nothing is written). */
  problems?(ctx: BumpContext): Problem[]
  /** What the rule only reports. */
  notices?(ctx: BumpContext): string[]
}

/** A package's pyproject.toml, absolute. */
export const pyprojectOf = (ctx: BumpContext, p: Package): string => path.join(ctx.repo.paths.workDir, p.dir, 'pyproject.toml')
