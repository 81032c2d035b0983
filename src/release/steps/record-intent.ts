/**
 * 5. record intent — a draft GitHub Release per target, at the release commit: the
 * ledger that tells a re-run "my own half-finished release" from someone else's
 * version (docs/adrs/0001). An existing release of this commit is kept.
 */
import type { Step } from '../pipeline.js'
import type { ReleaseState } from '../state.js'

export const recordIntent: Step<ReleaseState> = {
  name: 'record intent',
  async run(state) {
    const created: string[] = []
    for (const t of state.targets) {
      if (t.release) continue
      t.release = await state.github.createRelease({
        tag_name: t.plan.tag,
        target_commitish: state.sha,
        name: t.plan.releaseName,
        body: `Release of ${t.plan.tag} in progress (pyship).`,
        draft: true,
        prerelease: t.plan.prerelease
      })
      created.push(t.plan.tag)
    }
    return created.length ? { status: 'done', detail: `draft releases ${created.join(', ')}` } : { status: 'already done', detail: 'the releases exist' }
  }
}
