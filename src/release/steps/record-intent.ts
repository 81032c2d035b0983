/**
 * 5. record intent — a draft GitHub Release per target, at the release commit: the
 * ledger that tells a re-run "my own half-finished release" from someone else's
 * version (docs/adrs/0001). Under the release lock the list is read afresh: this
 * commit's release is adopted, leftover drafts of pyship (another commit's, or a duplicate)
 * are removed, so a tag never ends with two releases, and a draft the user prepared for the
 * tag (release-drafter's, or by hand) becomes the ledger, moved to this commit, notes kept.
 */
import type { Step } from '../pipeline.js'
import { intentBody, releasesOfTag } from '../github-release.js'
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
    const adopted: string[] = []
    for (const t of state.targets) {
      const { ours, strays, prepared } = releasesOfTag(state.releases, t.plan.tag, sha, t.remoteTag)
      for (const stray of strays) {
        await github.deleteRelease(stray.id)
        removed.push(`${t.plan.tag} (draft ${stray.id} of ${stray.target_commitish.slice(0, 12)})`)
      }
      t.release = ours
      if (t.release) continue
      if (prepared) {
        // the user's own draft (release-drafter, by hand): it becomes the ledger, at this commit, notes kept
        t.release = await github.updateRelease(prepared.id, { target_commitish: sha })
        adopted.push(`${t.plan.tag} (draft ${prepared.id})`)
        continue
      }
      t.release = await github.createRelease({
        tag_name: t.plan.tag,
        target_commitish: sha,
        name: t.plan.releaseName,
        body: intentBody(t.plan.tag, describeHolder(me(state))),
        draft: true,
        prerelease: t.plan.prerelease
      })
      created.push(t.plan.tag)
    }
    const detail = [
      created.length ? `draft releases ${created.join(', ')}` : adopted.length ? '' : 'the releases exist',
      ...(adopted.length ? [`adopted the prepared drafts ${adopted.join(', ')}`] : []),
      ...(removed.length ? [`removed leftover drafts ${removed.join(', ')}`] : [])
    ]
      .filter(Boolean)
      .join('; ')
    return { status: created.length || removed.length || adopted.length ? 'done' : 'already done', detail }
  }
}
