/**
 * 7. tag and release — the annotated tag pushed to origin (a tag already at the release
 * commit, the user's own included, is kept), then the draft release gets its notes (the
 * changelog section, else GitHub's generated notes), the images with their digests, the
 * prerelease flag, and is published (latest per `latest`). A release the user published
 * for this commit's tag keeps their notes, name and flags; only the images are added. A
 * draft the user prepared (adopted by record intent) keeps its notes and name.
 */
import { existsSync, readFileSync } from 'node:fs'
import { trainNotes, trainTagMessage, type TrainMember } from '../train.js'
import type { Release } from '../../adapters/github.js'
import { relativeFile } from '../../pyproject/package.js'
import type { Step } from '../pipeline.js'
import { assertLocksHeld } from './lock.js'
import { changelogSection } from '../changelog.js'
import { imagesSection, isUserDraft, makeLatest, previousTag, releaseBody, type ImageListing } from '../github-release.js'
import { type ReleaseState, type TargetState, finishedRelease } from '../state.js'

async function notesOf(state: ReleaseState, t: TargetState): Promise<string> {
  const generated = (): Promise<string> =>
    state.github.generateNotes(t.plan.tag, state.sha, previousTag(t.plan, t.plan.version, state.releases))
  if (t.plan.members) {
    // one tag of many groups: a section per group, from its changelog
    const sections = new Map(
      t.plan.members.map((m) => [
        m,
        m.changelog && existsSync(m.changelog) ? changelogSection(readFileSync(m.changelog, 'utf8'), m.version) : null
      ])
    )
    const sectionOf = (m: TrainMember): string | null => sections.get(m) ?? null
    const any = [...sections.values()].some((x) => x !== null)
    return trainNotes(t.plan.members, sectionOf, any ? null : await generated())
  }
  const file = t.plan.changelog
  const section = file ? changelogSection(readFileSync(file, 'utf8'), t.plan.version) : null
  return section ?? generated()
}

/** A published release's own notes, with the images section added once (a re-run finds it there). */
function withImages(notes: string, images: ImageListing[], changelogUrl: string | null): string {
  if (images.length === 0 || notes.includes(imagesSection(images))) return notes
  return releaseBody(notes, images, changelogUrl)
}

export const tagAndRelease: Step<ReleaseState> = {
  name: 'tag and release',
  alreadyDone: finishedRelease,
  async run(state) {
    await assertLocksHeld(state)
    const { inputs, runner, git, github, sha, repository } = state
    const did: string[] = []
    for (const t of state.targets) {
      if (t.remoteTag !== sha) {
        // a release-level tag's message lists what it released (release/train.ts)
        const message = t.plan.members ? trainTagMessage(t.plan.releaseName, t.plan.members) : t.plan.releaseName
        await git.pushAnnotatedTag(t.plan.tag, sha, message)
        t.remoteTag = sha
        did.push(`tag ${t.plan.tag}`)
      }
      const rel = t.release as Release
      const changelogUrl = t.plan.changelog
        ? `${runner.serverUrl}/${repository}/blob/${sha}/${relativeFile(state.repo.paths, t.plan.changelog)}`
        : null
      const images = t.images.map((i) => ({ ref: i.plan.ref, digest: i.digest, tags: i.tags }))
      if (!rel.draft && rel.target_commitish !== sha) {
        // the user published this release (`on: release: published`): their notes, name and flags stay; the images are added
        const body = rel.body?.trim()
          ? withImages(rel.body, images, changelogUrl)
          : releaseBody(await notesOf(state, t), images, changelogUrl)
        if (rel.body !== body) {
          t.release = await github.updateRelease(rel.id, { body })
          did.push(`release ${t.plan.tag} (${rel.body?.trim() ? 'images added to its notes' : 'notes added'})`)
        }
        continue
      }
      // a draft the user prepared (release-drafter's, or by hand) keeps its notes and name; pyship's own draft,
      // and a published release of this commit (SPEC: an existing release is updated), follow the plan
      const prepared = isUserDraft(rel) && Boolean(rel.body?.trim())
      const body = prepared
        ? withImages(rel.body as string, images, changelogUrl)
        : releaseBody(await notesOf(state, t), images, changelogUrl)
      const name = isUserDraft(rel) && rel.name?.trim() ? rel.name : t.plan.releaseName
      const latest = makeLatest(
        inputs.latest,
        t.plan,
        t.plan.version,
        state.releases.filter((r) => r.id !== rel.id)
      )
      if (rel.draft || rel.body !== body || rel.name !== name || rel.prerelease !== t.plan.prerelease) {
        t.release = await github.updateRelease(rel.id, {
          name,
          body,
          draft: false,
          prerelease: t.plan.prerelease,
          make_latest: latest
        })
        did.push(`release ${t.plan.tag}${latest === 'true' ? ' (latest)' : ''}`)
      }
    }
    const urls = state.targets
      .map((t) => t.release?.html_url)
      .filter(Boolean)
      .join(' ')
    return did.length
      ? { status: 'done', detail: `${did.join(', ')} — ${urls}` }
      : { status: 'already done', detail: `tags and releases are published — ${urls}` }
  }
}
