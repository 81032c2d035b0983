/**
 * The release lock (SPEC §8 "Exactly one publisher"), pure rules. One lock per target
 * and version: the ref `refs/pyship/locks/<tag>` on origin, created only if absent — git
 * checks that atomically on the server, so it holds across runners, workflows and
 * machines. The ref points at a small commit whose message names the holder (run,
 * commit, host, process, since when); the holder refreshes it (compare-and-swap) while
 * it works, and deletes it at the end. docs/adrs/0004-release-lock.md.
 */

export const LOCK_PREFIX = 'refs/pyship/locks/'
/** The holder refreshes its lock this often… */
export const HEARTBEAT_MS = 60_000
/** …and a lock not refreshed for this long is stale: its holder died without unlocking. */
export const STALE_MS = 10 * 60_000

/**
 * The tags whose locks a release of `targets` takes, sorted (every run takes them in one order):
 * each target's own tag and, under a release-level tag, each group's own tag, which a
 * `release <group>` of the same version beside it takes.
 */
export function lockedTags(targets: { tag: string; groupTags?: string[] }[]): string[] {
  return [...new Set(targets.flatMap((t) => [t.tag, ...(t.groupTags ?? [])]))].sort()
}

export function lockRef(tag: string): string {
  return `${LOCK_PREFIX}${tag}`
}

export interface Holder {
  /** The release commit. */
  commit: string
  /** The workflow run's URL, or '' for a run outside Actions. */
  run: string
  /** The run's attempt (a re-run of a workflow run keeps its URL and counts up). */
  attempt: string
  host: string
  pid: number
  /** ISO time the lock was taken. */
  since: string
}

export function formatLock(tag: string, h: Holder): string {
  return [
    `pyship release lock for ${tag}`,
    '',
    `commit: ${h.commit}`,
    `run: ${h.run || 'local'}`,
    `attempt: ${h.attempt || '1'}`,
    `host: ${h.host}`,
    `pid: ${h.pid}`,
    `since: ${h.since}`
  ].join('\n')
}

export function parseLock(message: string): Holder | null {
  const field = (name: string): string | null => new RegExp(`^${name}: (.*)$`, 'm').exec(message)?.[1]?.trim() ?? null
  const commit = field('commit')
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return null
  const run = field('run') ?? 'local'
  return {
    commit,
    run: run === 'local' ? '' : run,
    attempt: field('attempt') ?? '1',
    host: field('host') ?? '',
    pid: Number(field('pid') ?? 0),
    since: field('since') ?? ''
  }
}

/** A lock this run holds. */
export interface HeldLock {
  tag: string
  ref: string
  /** The lock commit origin holds for us (changes with each refresh). */
  oid: string
  message: string
}

export type LockDecision = { take: true; why: string } | { take: false; why: string }

/**
 * May `me` take over a lock held by `held` (last refreshed at `refreshedMs`)? Only a
 * run of the same commit ever takes over, and only when the holder is gone: an earlier
 * attempt of the same workflow run, a process on this host that no longer exists, or a
 * lock nobody refreshed for STALE_MS. A run of another commit never takes over.
 */
export function decideTakeover(
  held: Holder | null,
  me: Holder,
  refreshedMs: number,
  nowMs: number,
  alive: (pid: number) => boolean
): LockDecision {
  if (held === null) return { take: false, why: 'the lock names no holder pyship can read' }
  if (held.commit !== me.commit)
    return { take: false, why: `it is releasing commit ${held.commit.slice(0, 12)}, not ${me.commit.slice(0, 12)}` }
  if (held.run && held.run === me.run && Number(held.attempt) < Number(me.attempt)) {
    return { take: true, why: `attempt ${held.attempt} of this workflow run did not finish` }
  }
  if (held.host === me.host && held.pid !== me.pid && !alive(held.pid)) {
    return { take: true, why: `its process ${held.pid} on ${held.host} no longer exists` }
  }
  if (nowMs - refreshedMs > STALE_MS) {
    return { take: true, why: `it was last refreshed ${Math.round((nowMs - refreshedMs) / 60_000)} minutes ago` }
  }
  return { take: false, why: 'it is still working' }
}

export function describeHolder(h: Holder): string {
  const who = h.run
    ? `workflow run ${h.run}${h.attempt && h.attempt !== '1' ? ` (attempt ${h.attempt})` : ''}`
    : `a local run on ${h.host} (process ${h.pid})`
  return `${who}, commit ${h.commit.slice(0, 12)}, since ${h.since}`
}
