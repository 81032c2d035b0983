/**
 * 2b. lock — take the release lock of every target (src/release/lock.ts), and under a
 * release-level tag each group's own tag's lock too, right after
 * preflight, before anything is built or published. Another run that holds it stops
 * this one with E_RELEASE_IN_PROGRESS; a holder of the same commit that is gone is
 * taken over. While the release runs the lock is refreshed; it is removed at the end.
 */
import os from 'node:os'
import { PyshipError } from '../../errors.js'
import { log } from '../../log.js'
import type { Git } from '../../adapters/git.js'
import type { Step } from '../pipeline.js'
import {
  decideTakeover,
  describeHolder,
  formatLock,
  HEARTBEAT_MS,
  lockedTags,
  lockRef,
  parseLock,
  type HeldLock,
  type Holder
} from '../lock.js'
import type { ReleaseState } from '../state.js'

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Who this run is, as the lock names it. */
export function me(state: ReleaseState): Holder {
  const { runner, sha } = state
  return {
    commit: sha,
    run: runner.runId && runner.repository ? `${runner.serverUrl}/${runner.repository}/actions/runs/${runner.runId}` : '',
    attempt: runner.runAttempt || '1',
    host: os.hostname(),
    pid: process.pid,
    since: new Date().toISOString()
  }
}

function busy(tag: string, holder: Holder | null, why: string): PyshipError {
  const who = holder ? describeHolder(holder) : 'a run pyship cannot identify'
  return new PyshipError('E_RELEASE_IN_PROGRESS', `another run is releasing ${tag}: ${who} (${why})`, {
    hint: `Wait for that run to finish: a re-run afterwards reports "already released". If it crashed, re-run it (a re-run of the same commit takes the release over once its holder is gone), or remove the lock with \`git push origin :${lockRef(tag)}\`. Serialize release workflows with \`concurrency:\` as well.`
  })
}

/** Read the lock of `tag` on origin: null when free, else whether this run may take it over. */
export async function inspectLock(
  git: Git,
  tag: string,
  self: Holder
): Promise<null | { oid: string; holder: Holder | null; take: boolean; why: string }> {
  const ref = lockRef(tag)
  const oid = await git.remoteRef(ref)
  if (oid === null) return null
  const info = await git.remoteCommitMessage(ref, oid)
  const holder = info ? parseLock(info.message) : null
  const decision = decideTakeover(holder, self, (info?.time ?? 0) * 1000, Date.now(), alive)
  return { oid, holder, ...decision }
}

async function acquire(state: ReleaseState, tag: string, self: Holder): Promise<HeldLock> {
  const { git, sha } = state
  const ref = lockRef(tag)
  const message = formatLock(tag, self)
  const oid = await git.note(sha, message)
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await git.casRemoteRef(ref, null, oid)) return { tag, ref, oid, message }
    const held = await inspectLock(git, tag, self)
    if (held === null) continue // removed in between: try to create it again
    if (!held.take) throw busy(tag, held.holder, held.why)
    if (await git.casRemoteRef(ref, held.oid, oid)) {
      state.notices.push(
        `took over the release lock of ${tag} from ${held.holder ? describeHolder(held.holder) : 'an unreadable holder'}: ${held.why}`
      )
      return { tag, ref, oid, message }
    }
  }
  throw busy(tag, null, 'the lock changed hands while pyship tried to take it')
}

export const lock: Step<ReleaseState> = {
  name: 'lock',
  async run(state) {
    const self = me(state)
    const tags = lockedTags(state.targets.map((t) => t.plan))
    for (const tag of tags) state.locks.push(await acquire(state, tag, self))
    state.heartbeat = setInterval(() => void refresh(state), HEARTBEAT_MS)
    state.heartbeat.unref()
    return { status: 'done', detail: `${tags.map(lockRef).join(', ')} held by this run` }
  }
}

/** Refresh every held lock (a new commit, compare-and-swap); a lock taken over meanwhile is dropped. */
async function refresh(state: ReleaseState): Promise<void> {
  for (const held of state.locks) {
    try {
      const next = await state.git.note(state.sha, held.message)
      if (await state.git.casRemoteRef(held.ref, held.oid, next)) held.oid = next
      else log(`the release lock ${held.ref} was taken over by another run`)
    } catch {
      /* a failed refresh is retried at the next beat; the lock only goes stale after many */
    }
  }
}

/** Before each irreversible step: this run still holds every lock (nobody took one over). */
export async function assertLocksHeld(state: ReleaseState): Promise<void> {
  for (const held of state.locks) {
    const oid = await state.git.remoteRef(held.ref)
    if (oid !== held.oid) {
      const now = oid ? await inspectLock(state.git, held.tag, me(state)) : null
      throw busy(held.tag, now?.holder ?? null, 'it took the lock over from this run, which had stopped refreshing it')
    }
  }
}

/** Remove every lock this run holds (only if it is still ours). */
export async function releaseLocks(state: ReleaseState): Promise<void> {
  if (state.heartbeat) clearInterval(state.heartbeat)
  state.heartbeat = null
  for (const held of state.locks.splice(0)) {
    await state.git.casRemoteRef(held.ref, held.oid, null).catch(() => false)
  }
}
