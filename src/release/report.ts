/**
 * 9. report — what a release run hands to the reporters, whatever happened: the
 * outputs, one row per step (also the steps not run after a failure), one row per
 * image with its tags and digest, and a headline.
 */
import type { Problem } from '../errors.js'
import type { Inputs } from '../inputs.js'
import type { CommandResult } from '../report/result.js'
import type { StepLog } from './pipeline.js'
import type { ImageState, ReleaseState } from './state.js'

/** Whether this run published anything: its publish or tag-and-release step did something (the log says). */
export const publishedBy = (steps: StepLog): boolean =>
  steps.records.some((r) => (r.step === 'publish' || r.step === 'tag and release') && r.status === 'done')

/** The digest an image's tags point at: pushed by this run, or found pushed by this commit's release. */
const digestOf = (i: ImageState): string | null => i.digest ?? i.pushed

export function releaseResult(
  inputs: Inputs,
  state: ReleaseState | null,
  steps: StepLog,
  problems: Problem[],
  cancelled: string | null
): CommandResult {
  const targets = state?.targets ?? []
  const tags = targets.map((t) => t.plan.tag).join(', ')
  const sha = state?.sha.slice(0, 12) ?? ''
  const headline = cancelled
    ? `release ${cancelled === 'SIGINT' ? 'interrupted' : 'cancelled'} (${cancelled})${tags ? ` while releasing ${tags}` : ''}; a re-run resumes where it stopped`
    : problems.length > 0
      ? `release failed: ${problems[0].code} ${problems[0].message}`
      : inputs.dryRun
        ? `release (dry run): ${tags} would be released from ${sha}; nothing was changed`
        : publishedBy(steps)
          ? `release: ${tags} released from ${sha}`
          : `release: ${tags} already released from ${sha}; nothing changed`
  return {
    command: 'release',
    headline,
    problems,
    outputs: {
      version: state?.plan.version ?? '',
      tags: JSON.stringify(targets.map((t) => t.plan.tag)),
      'release-urls': JSON.stringify(targets.map((s) => s.release?.html_url).filter(Boolean)),
      'pypi-urls': JSON.stringify(targets.flatMap((t) => t.plan.packages.map((x) => x.pypiUrl))),
      images: JSON.stringify(targets.flatMap((s) => s.images.filter((i) => digestOf(i)).map((i) => `${i.plan.ref}@${digestOf(i)}`))),
      released: String(publishedBy(steps)),
      plan: JSON.stringify({
        version: state?.plan.version ?? null,
        dryRun: inputs.dryRun,
        steps: steps.records.map(({ step, status, detail }) => ({ step, status, detail }))
      })
    },
    table: {
      header: ['Step', 'Status', 'Detail', 'Duration'],
      rows: [
        ...steps.records.map((r) => [r.step, r.status, r.detail, r.ms ? `${(r.ms / 1000).toFixed(1)} s` : '']),
        // one row per image: its tags and the digest they point at
        ...targets.flatMap((t) =>
          t.images.map((i) => [
            `image ${i.plan.ref}`,
            digestOf(i) ? 'pushed' : 'not pushed',
            `${i.tags.join(', ')}${digestOf(i) ? ` @ ${digestOf(i)}` : ''}`,
            ''
          ])
        ),
        // one row per release asset, with its link
        ...targets.flatMap((t) => (t.assets ?? []).map((a) => [`asset ${a.name}`, 'attached', `${t.plan.tag}: ${a.url}`, '']))
      ]
    },
    notices: state?.notices ?? []
  }
}
