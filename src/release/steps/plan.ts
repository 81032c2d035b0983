/**
 * 1. plan — resolve targets, packages, images, tags and URLs (pure: release/plan.ts),
 * open the services, and build the state every later step shares.
 */
import path from 'node:path'
import { findPythonTools } from '../../adapters/python.js'
import type { Inputs } from '../../inputs.js'
import type { Runner } from '../../runner.js'
import type { StepOutcome } from '../pipeline.js'
import { openRelease } from '../context.js'
import { dockerVersionTag } from '../images.js'
import type { ReleaseState } from '../state.js'
import type { ReleaseSet } from '../history.js'

/** `set`: a release of every changed group (input `all`), those groups. */
export async function openState(inputs: Inputs, runner: Runner, set?: ReleaseSet): Promise<ReleaseState> {
  const ctx = await openRelease(inputs, runner, set)
  const sha = await ctx.git.headCommit()
  return {
    ...ctx,
    sha,
    tools: findPythonTools(inputs.pythonVersion, runner.env.PATH ?? ''),
    targets: ctx.plan.targets.map((plan) => ({
      plan,
      release: null,
      remoteTag: null,
      packages: plan.packages.map((p) => ({ plan: p, onIndex: null, built: [], toUpload: [] })),
      images: plan.images.map((i) => ({
        plan: i,
        tags: [dockerVersionTag(i.version)],
        pushed: null,
        parts: [],
        joined: null,
        digest: null
      }))
    })),
    releases: [],
    notices: [...ctx.plan.notices],
    docker: null,
    outRoot: path.join(runner.tempDir, 'pyship', sha.slice(0, 12)),
    commitTime: 0,
    locks: [],
    heartbeat: null
  }
}

export function describePlan(state: ReleaseState): StepOutcome {
  const shipped = state.plan.targets.flatMap((t) => [...t.packages.map((x) => x.name), ...t.images.map((i) => i.ref)])
  return { status: 'done', detail: `${state.plan.targets.map((t) => t.tag).join(', ')}: ${shipped.join(', ')}` }
}
