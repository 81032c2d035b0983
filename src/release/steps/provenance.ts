/**
 * Build provenance's two steps (release/provenance.ts has the order and why): `provenance`
 * stores the files' statement, signed in build, with GitHub before anything is published;
 * `image provenance` attests each image digest once publish has pushed it, before the tag
 * and the release. Both under the release lock, both resume from what GitHub and the
 * registry already hold.
 */
import { signStatements } from '../../adapters/sigstore.js'
import type { Step } from '../pipeline.js'
import { attestImages, storeFileProvenance } from '../provenance.js'
import { allImages, finishedRelease, type ReleaseState } from '../state.js'
import { assertLocksHeld } from './lock.js'

export const storeProvenance: Step<ReleaseState> = {
  name: 'provenance',
  alreadyDone: finishedRelease,
  async run(state) {
    if (!state.provenance?.on) return { status: 'skipped', detail: 'no build provenance (see the notices)' }
    await assertLocksHeld(state)
    const did = await storeFileProvenance(state)
    if (did.length === 0) return { status: 'already done', detail: 'no file to attest, or GitHub holds their provenance' }
    return { status: 'done', detail: did.join('; ') }
  }
}

export const imageProvenance: Step<ReleaseState> = {
  name: 'image provenance',
  alreadyDone: finishedRelease,
  async run(state) {
    if (allImages(state).length === 0) return { status: 'skipped', detail: 'no image' }
    if (!state.provenance?.on) return { status: 'skipped', detail: 'no build provenance (see the notices)' }
    await assertLocksHeld(state)
    const did = await attestImages(state, signStatements)
    if (did.length === 0) return { status: 'already done', detail: 'GitHub and the registry hold the provenance of every image' }
    return { status: 'done', detail: did.join('; ') }
  }
}
