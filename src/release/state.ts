/**
 * The one state a release's steps share: the context (repository, plan, services)
 * and what the steps learn about the real world (what the index, the registry,
 * origin and GitHub already hold) and make (built files, digests).
 */
import type { Docker } from '../adapters/docker.js'
import type { Release } from '../adapters/github.js'
import type { IndexFile } from '../adapters/pypi.js'
import type { PythonTools } from '../adapters/python.js'
import type { ReleaseContext } from './context.js'
import type { HeldLock } from './lock.js'
import type { ImagePlan, PackagePlan, TargetPlan } from './plan.js'
import type { ProvenanceState } from './provenance.js'

export interface PackageState {
  plan: PackagePlan
  /** Files of this version already on the index (null: the index does not have the version). */
  onIndex: IndexFile[] | null
  built: string[]
  toUpload: string[]
  /** Each file of `toUpload` → its PEP 740 attestation, signed by this run (release/attestations.ts). */
  attestations?: Map<string, string>
}

export interface ImageState {
  plan: ImagePlan
  /** Tags this release gives the image (`2.0.0`, `2.0`, `latest`). */
  tags: string[]
  /** Digest of the version tag already in the registry, pushed by this commit's release (resume). */
  pushed: string | null
  /** Per-platform images pushed by digest only (no tag), joined into one index at publish. */
  parts: { platform: string; digest: string }[]
  /** An index buildx pushed by digest (several platforms in one build), tagged at publish. */
  joined: string | null
  digest: string | null
}

export interface TargetState {
  plan: TargetPlan
  /** This target's GitHub Release (draft or published), once known. */
  release: Release | null
  /** The commit the tag points at on origin, or null. */
  remoteTag: string | null
  packages: PackageState[]
  images: ImageState[]
  /** The files attached to its GitHub Release (SHA256SUMS last), once attached: name, SHA-256 and link. */
  assets?: { name: string; sha256: string; url: string }[]
}

export interface ReleaseState extends ReleaseContext {
  /** The release commit (HEAD). */
  sha: string
  tools: PythonTools
  targets: TargetState[]
  /** Every release of the repository, drafts included (read in preflight). */
  releases: Release[]
  notices: string[]
  /** The Docker CLI with its temporary credentials directory (docker targets only). */
  docker: Docker | null
  /** Where builds go, outside the work tree. */
  outRoot: string
  /** Committer time of the release commit (SOURCE_DATE_EPOCH). */
  commitTime: number
  /** The release locks this run holds (steps/lock.ts), and the timer that refreshes them. */
  locks: HeldLock[]
  heartbeat: NodeJS.Timeout | null
  /** Build provenance: decided in preflight, signed in build and after publish (provenance.ts). */
  provenance?: ProvenanceState
}

export const allPackages = (state: ReleaseState): PackageState[] => state.targets.flatMap((t) => t.packages)
export const allImages = (state: ReleaseState): ImageState[] => state.targets.flatMap((t) => t.images)

/**
 * A finished release of this commit: every target's tag is on origin at the release commit
 * and its GitHub Release, made for this commit, is published (the last irreversible act). A
 * re-run then has nothing to test, build or publish: it says why, and only verifies. A
 * release the user published first (`on: release: published`) proves nothing was shipped.
 */
export function finishedRelease(state: ReleaseState): string | null {
  const done =
    state.targets.length > 0 &&
    state.targets.every(
      (t) => t.remoteTag === state.sha && t.release !== null && !t.release.draft && t.release.target_commitish === state.sha
    )
  return done ? `${state.targets.map((t) => t.plan.tag).join(', ')} released from ${state.sha.slice(0, 12)} already` : null
}
