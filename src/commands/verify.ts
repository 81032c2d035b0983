/**
 * `verify` — the release checklist's "After Release" part, read-only: the index has every
 * package version with its files (and, with install-check, a fresh venv installs it),
 * each image manifest resolves, the tags are on origin, the releases are published.
 */
import { problem, type Problem } from '../errors.js'
import { openRelease } from '../release/context.js'
import { dockerVersionTag } from '../release/images.js'
import { indexFiles } from '../adapters/pypi.js'
import { findPythonTools, installCheck } from '../adapters/python.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'

export async function verify(inputs: Inputs): Promise<CommandResult> {
  const { git, github, registry, plan } = await openRelease(inputs)
  const rows: string[][] = []
  const problems: Problem[] = []
  const check = (what: string, ok: boolean, detail: string): void => {
    rows.push([what, ok ? 'ok' : 'missing', detail])
    if (!ok) problems.push(problem('E_VERIFY', `${what}: ${detail}`))
  }
  const tools = findPythonTools(inputs.pythonVersion)
  const releases = await github.releases()
  const tags = await git.remoteTags()
  for (const target of plan.targets) {
    for (const pkg of target.packages) {
      const files = await indexFiles(inputs.pypiUrl, pkg.name, plan.version)
      check(`${pkg.name} ${plan.version} on the index`, !!files?.length, files?.length ? files.map((f) => f.filename).join(', ') : `not on ${pkg.pypiUrl}`)
      if (files?.length && inputs.installCheck) {
        const outcome = await installCheck(tools, inputs.pythonVersion, inputs.pypiUrl, `${pkg.name}==${plan.version}`, target.smoke)
        check(`pip install ${pkg.name}==${plan.version} (fresh venv)`, outcome.ok, outcome.detail)
      }
    }
    for (const image of target.images) {
      const ref = `${inputs.registry}/${image.repository}:${dockerVersionTag(plan.version)}`
      const digest = await registry.digest(image.repository, dockerVersionTag(plan.version))
      check(`image ${ref}`, digest !== null, digest ?? 'no such manifest in the registry')
    }
    const tagged = tags.get(target.tag)
    check(`tag ${target.tag} on origin`, !!tagged, tagged ? tagged.slice(0, 12) : 'not on origin')
    const rel = releases.find((r) => r.tag_name === target.tag)
    check(`GitHub release ${target.tag}`, !!rel && !rel.draft, rel ? (rel.draft ? 'still a draft' : rel.html_url) : 'no release')
  }
  const total = rows.length
  return {
    command: 'verify',
    headline: problems.length
      ? `verify: ${problems.length} of ${total} checks failed for ${plan.targets.map((t) => t.tag).join(', ')}`
      : `verify: ${plan.targets.map((t) => t.tag).join(', ')} — all ${total} checks passed`,
    problems,
    outputs: { version: plan.version, tags: JSON.stringify(plan.targets.map((t) => t.tag)) },
    table: { header: ['Check', 'Status', 'Detail'], rows },
    notices: []
  }
}
