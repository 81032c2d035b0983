/** 8. verify — the "After Release" checklist over what this run shipped (release/checklist.ts). */
import path from 'node:path'
import { fromProblems } from '../../errors.js'
import type { Release } from '../../adapters/github.js'
import type { Step } from '../pipeline.js'
import { checklistProblems, releaseChecklist } from '../checklist.js'
import { allPackages, type ReleaseState } from '../state.js'

export const verify: Step<ReleaseState> = {
  name: 'verify',
  async run(state) {
    const shipped = {
      sha: state.sha,
      files: new Map(state.targets.flatMap((t) => t.packages.map((p) => [p.plan.name, p.built.map((f) => path.basename(f))] as const))),
      attested: new Set(allPackages(state).flatMap((p) => [...(p.attestations?.keys() ?? [])].map((f) => path.basename(f)))),
      images: new Map(state.targets.flatMap((t) => t.images.map((i) => [i.plan.ref, { tags: i.tags, digest: i.digest }] as const))),
      provenance: state.provenance?.on === true
    }
    const releases = state.targets.map((t) => t.release).filter((r): r is Release => r !== null)
    const problems = checklistProblems(await releaseChecklist(state, state.tools, releases, shipped))
    if (problems.length > 0) throw fromProblems(problems)
    return { status: 'done', detail: 'index, images, tags and releases show the release' }
  }
}
