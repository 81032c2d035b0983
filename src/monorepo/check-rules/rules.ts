/**
 * The version gate's rules, in the order their problems and notices are reported (problems
 * are then sorted by file and line). Adding a rule: one module exporting a CheckRule, one
 * entry here, one table-driven test in __tests__/monorepo/check-rules/.
 */
import type { CheckRule } from './context.js'
import { noGroups } from './no-groups.js'
import { versionInput } from './version-input.js'
import { versionSource } from './version-source.js'
import { invalidVersion } from './invalid-version.js'
import { uncheckedPins } from './unchecked-pins.js'
import { tagVersions } from './tag-versions.js'
import { versionMismatch } from './version-mismatch.js'
import { notUpdated } from './not-updated.js'
import { versionFiles } from './version-files.js'
import { pinExcludes } from './pin-excludes.js'
import { lockDrift } from './lock-drift.js'
import { uncheckedPackages } from './unchecked-packages.js'
import { lockRequiresDist } from './lock-requires-dist.js'
import { sourceMirrors } from './source-mirrors.js'

export const CHECK_RULES: readonly CheckRule[] = [
  noGroups,
  uncheckedPackages,
  versionInput,
  versionSource,
  invalidVersion,
  uncheckedPins,
  tagVersions,
  versionMismatch,
  notUpdated,
  versionFiles,
  pinExcludes,
  lockDrift,
  lockRequiresDist,
  sourceMirrors
]
