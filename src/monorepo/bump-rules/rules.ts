/**
 * The bump's rules, in the order their edits are shown and written. Adding a rule: one
 * module exporting a BumpRule, one entry here, one table-driven test in
 * __tests__/monorepo/bump-rules/.
 */
import type { BumpRule } from './context.js'
import { memberVersions } from './member-versions.js'
import { versionFiles } from './version-files.js'
import { sourceMirrors } from './source-mirrors.js'
import { internalPins } from './internal-pins.js'
import { ownLocks } from './own-locks.js'
import { lockVersions } from './lock-versions.js'
import { lockRequiresDist } from './lock-requires-dist.js'
import { externalPins } from './external-pins.js'

export const BUMP_RULES: readonly BumpRule[] = [
  memberVersions,
  sourceMirrors,
  versionFiles,
  internalPins,
  ownLocks,
  lockVersions,
  lockRequiresDist,
  externalPins
]
