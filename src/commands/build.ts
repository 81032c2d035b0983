/**
 * `build` (SPEC §9): one job of a fanned-out release's matrix. Builds the one package
 * or image (platform) its `matrix-entry` names into `dist-dir`; publishes nothing
 * (an image is pushed by digest only, without a tag).
 */
import { PyshipError } from '../errors.js'
import { cancelledBy } from '../cancel.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import type { CommandResult } from '../report/result.js'
import { parseMatrixEntry, resolveEntry } from '../release/matrix.js'
import { releaseResult } from '../release/report.js'
import { runReleaseSteps } from '../release/steps/run.js'
import { buildEntry } from '../release/steps/build-entry.js'

export async function build(inputs: Inputs, runner: Runner): Promise<CommandResult> {
  // hostile input first: nothing is read or spawned before the entry is known to be sane
  const entry = parseMatrixEntry(inputs.matrixEntry)
  if (!inputs.distDir)
    throw new PyshipError(
      'E_INPUT',
      'command build needs dist-dir: the folder the built files go to (upload it with actions/upload-artifact)'
    )
  if (inputs.component && inputs.component !== entry.component) {
    throw new PyshipError(
      'E_INPUT',
      `input component = ${inputs.component} but matrix-entry is for ${entry.component}: leave component empty in the build job`
    )
  }
  const scoped: Inputs = { ...inputs, component: entry.component, version: inputs.version || entry.version }
  const { state, steps, problems } = await runReleaseSteps(scoped, runner, [buildEntry(entry, inputs.distDir)], {
    dryRun: inputs.dryRun,
    onOpen: (opened) => resolveEntry(opened.plan, entry)
  })
  const result = releaseResult(scoped, state, steps, problems, cancelledBy())
  const what = entry.kind === 'package' ? `package ${entry.package}` : `image ${entry.image} for ${entry.platform}`
  return {
    ...result,
    command: 'build',
    headline:
      problems.length > 0
        ? `build failed: ${problems[0].code} ${problems[0].message}`
        : `build: ${what} ${state?.plan.version ?? ''} from ${state?.sha.slice(0, 12) ?? ''} into ${inputs.distDir}`,
    outputs: { version: result.outputs.version, commit: state?.sha ?? '', images: result.outputs.images, plan: result.outputs.plan },
    table: {
      header: ['Step', 'Status', 'Detail', 'Duration'],
      rows: (result.table?.rows ?? []).filter((r) => !r[0].startsWith('image ') || entry.kind === 'image')
    }
  }
}
