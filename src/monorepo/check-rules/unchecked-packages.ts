/**
 * The gate names every package it did not check (SPEC §1 "What belongs to the monorepo"):
 * packages outside the uv workspace and every group, external ones, unmanaged workspace
 * members, pyprojects it could not read there; and it says how many directories `exclude`
 * left out. Notices only: none of them fails the gate.
 */
import type { UncheckedPackage } from '../load.js'
import type { CheckRule } from './context.js'

/** How many names a notice lists before "… and N more". */
const SHOWN = 10

const listed = (items: string[]): string =>
  items.length <= SHOWN ? items.join(', ') : `${items.slice(0, SHOWN).join(', ')} and ${items.length - SHOWN} more`

const named = (u: UncheckedPackage): string => (u.name ? `${u.dir} (${u.name})` : u.dir)

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

export const uncheckedPackages: CheckRule = {
  name: 'unchecked-packages',
  problems: () => [],
  notices({ repo }) {
    const notices: string[] = []
    const of = (reason: UncheckedPackage['reason']): UncheckedPackage[] => repo.unchecked.filter((u) => u.reason === reason)
    const outside = of('outside')
    if (outside.length > 0) {
      notices.push(
        `not checked: ${plural(outside.length, 'package is', 'packages are')} in no group and not in the uv workspace: ${listed(outside.map(named))} (add ${outside.length === 1 ? 'it' : 'them'} to a group to check ${outside.length === 1 ? 'it' : 'them'}, or to \`exclude\` if ${outside.length === 1 ? 'it is' : 'they are'} not part of the monorepo)`
      )
    }
    const unreadable = of('unreadable')
    if (unreadable.length > 0) {
      notices.push(
        `not checked: ${listed(unreadable.map((u) => u.file))} ${unreadable.length === 1 ? 'does' : 'do'} not parse as TOML (in no group and not in the uv workspace; add ${unreadable.length === 1 ? 'its directory' : 'their directories'} to \`exclude\` if ${unreadable.length === 1 ? 'it is a template' : 'they are templates'})`
      )
    }
    const unmanaged = of('unmanaged')
    if (unmanaged.length > 0) {
      notices.push(
        `not checked: ${plural(unmanaged.length, 'workspace member has', 'workspace members have')} [tool.uv] managed = false: ${listed(unmanaged.map(named))}`
      )
    }
    const external = of('external')
    if (external.length > 0) {
      notices.push(
        `not checked: ${plural(external.length, 'package is', 'packages are')} external (consumed from the index; pins onto ${external.length === 1 ? 'it' : 'them'} and from ${external.length === 1 ? 'it' : 'them'} are left as they are): ${listed(external.map(named))}`
      )
    }
    if (repo.excluded.length > 0) {
      notices.push(
        `excluded: ${plural(repo.excluded.length, 'package directory', 'package directories')} by \`exclude\` (never checked, bumped or released): ${listed(repo.excluded)}`
      )
    }
    return notices
  }
}
