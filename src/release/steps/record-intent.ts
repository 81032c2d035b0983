/**
 * 5. record intent — a draft GitHub Release per target, at the release commit: the
 * ledger that tells a re-run "my own half-finished release" from someone else's
 * version (docs/adrs/0001). Under the release lock the list is read afresh: this
 * commit's release is adopted, leftover drafts (another commit's, or a duplicate) are
 * removed, so a tag never ends with two releases.
 */
import type { Step } from '../pipeline.js'
import { releasesOfTag } from '../github-release.js'
import { type ReleaseState, finishedRelease } from '../state.js'
import { assertLocksHeld, me } from './lock.js'
import { describeHolder } from '../lock.js'

export const recordIntent: Step<ReleaseState> = {
  name: 'record intent',
  alreadyDone: finishedRelease,
  async run(state) {
    await assertLocksHeld(state)
    const { github, sha } = state
    state.releases = await github.releases()
    const created: string[] = []
    const removed: string[] = []
    for (const t of state.targets) {
      const { ours, strays } = releasesOfTag(state.releases, t.plan.tag, sha, t.remoteTag)
      for (const stray of strays) {
        await github.deleteRelease(stray.id)
        removed.push(`${t.plan.tag} (draft ${stray.id} of ${stray.target_commitish.slice(0, 12)})`)
      }
      t.release = ours
      if (t.release) continue
      t.release = await github.createRelease({
        tag_name: t.plan.tag,
        target_commitish: sha,
        name: t.plan.releaseName,
        body: `Release of ${t.plan.tag} in progress (pyship): ${describeHolder(me(state))}.`,
        draft: true,
        prerelease: t.plan.prerelease
      })
      created.push(t.plan.tag)
    }
    const detail = [
      created.length ? `draft releases ${created.join(', ')}` : 'the releases exist',
      ...(removed.length ? [`removed leftover drafts ${removed.join(', ')}`] : [])
    ].join('; ')
    return { status: created.length || removed.length ? 'done' : 'already done', detail }
  }
}
