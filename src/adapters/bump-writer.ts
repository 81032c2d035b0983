/**
 * Writes a planned bump (src/monorepo/bump-plan.ts): every file at once, all or nothing, then
 * `uv lock` when uv is on PATH (every file restored if it fails). Used by `bump` and `hotfix`.
 */
import { PyshipError } from '../errors.js'
import type { Monorepo } from '../monorepo/load.js'
import { planBump, renderBump, type BumpOptions, type BumpPlan } from '../monorepo/bump-plan.js'
import { readFileSync, writeFileSync } from 'node:fs'
import { restore, writeAllOrNothing } from './files.js'
import { findOnPath, uvLock } from './uv.js'

/**
 * Plan a bump of the monorepo and (unless dry) write it, all or nothing; with uv on
 * PATH, `uv lock` follows (and every file, uv.lock included, is restored if it fails or
 * the run is cancelled meanwhile). Returns the plan and the files changed, relative to
 * the repository root.
 */
export async function performBump(
  repo: Monorepo,
  options: Omit<BumpOptions, 'uvLocks'>,
  dryRun: boolean,
  envPath: string
): Promise<{ plan: BumpPlan; files: string[]; notices: string[] }> {
  const uv = repo.lock ? findOnPath('uv', envPath) : null
  const plan = planBump(repo, { ...options, uvLocks: uv !== null })
  const writes = renderBump(plan)
  const notices: string[] = [...plan.notices]
  if (!dryRun && writes.length > 0) {
    writeAllOrNothing(writes)
    if (uv && repo.lock) {
      const lockFile = repo.lock.abs
      const lockBefore = readFileSync(lockFile)
      const undo = (): void => {
        restore(writes)
        writeFileSync(lockFile, lockBefore)
      }
      const run = await uvLock(uv, repo.paths.workDir).catch((error: unknown) => {
        undo()
        throw error
      })
      if (run.status !== 0) {
        undo()
        throw new PyshipError(
          'E_LOCK_DRIFT',
          `uv lock failed after the bump (exit ${run.status}); every file was restored: ${run.output.trim().split('\n').pop() ?? ''}`,
          {
            hint: 'Run `uv lock` yourself to see the resolver error, fix it, then bump again.'
          }
        )
      }
      notices.push('uv.lock updated by `uv lock`')
    }
  }
  const files = [...new Set(plan.rows.map((r) => r.file))]
  if (uv && !dryRun && repo.lock && writes.length > 0) files.push(repo.lock.file)
  return { plan, files, notices }
}
