/**
 * The "After Release" checklist, one for `verify` and for the release's last step:
 * each package version is on the index with its files (polled after an upload — the
 * index can take a moment), optionally installs into a fresh venv, each image tag
 * resolves (to the pushed digest when known), each tag is on origin (at the release
 * commit when known), each GitHub Release is published (not a draft).
 */
import { problem, type Problem } from '../errors.js'
import { indexFiles, waitUntilVisible, type IndexFile } from '../adapters/pypi.js'
import { fileProvenance } from '../adapters/integrity.js'
import { statementOf, type PypiAttestation, type Subject } from '../attestation/publish.js'
import { installCheck, type PythonTools } from '../adapters/python.js'
import type { Release } from '../adapters/github.js'
import type { ReleaseContext } from './context.js'
import { renderTag, versionTemplate } from './images.js'
import { assetRows } from './verify-assets.js'
import { annotationProblems, OCI, ociAnnotations } from './annotations.js'
import type { ImagePlan } from './plan.js'
import { MANIFEST_TYPES } from '../adapters/registry.js'
import { bundleVerifier, provenanceRows as buildProvenanceRows, referrerRow } from './verify-provenance.js'

/** Media types of an image index (OCI) or manifest list (Docker). */
const INDEX_TYPES = MANIFEST_TYPES.slice(0, 2)

export interface CheckRow {
  what: string
  ok: boolean
  detail: string
}

/** What this run knows it shipped; without it (the verify command) existence is checked. */
export interface Shipped {
  sha: string
  /** File names per package name. */
  files: Map<string, string[]>
  /** Files uploaded with a PEP 740 attestation by this run: their provenance must be on the index. */
  attested?: Set<string>
  /** Tags and the digest they must point at, per image ref. */
  images: Map<string, { tags: string[]; digest: string | null }>
  /** This run made build provenance: every file and image must have it. */
  provenance?: boolean
}

export async function releaseChecklist(
  ctx: ReleaseContext,
  tools: PythonTools,
  releases: Release[],
  shipped: Shipped | null
): Promise<CheckRow[]> {
  const { inputs, plan, registries, git, runner } = ctx
  const rows: CheckRow[] = []
  const tags = await git.remoteTags()
  // build provenance: required when this run made it (or provenance: true), checked when found (auto), not looked at (false)
  const provenance = shipped ? shipped.provenance === true : inputs.provenance !== 'false'
  const provenanceRequired = shipped ? shipped.provenance === true : inputs.provenance === 'true'
  const check = provenance ? await bundleVerifier(inputs.trustedRoot) : null
  for (const target of plan.targets) {
    const onIndex: IndexFile[] = []
    const digests: { image: ImagePlan; digest: string }[] = []
    for (const pkg of target.packages) {
      const { version } = pkg
      const expected = shipped?.files.get(pkg.name) ?? []
      // right after an upload the index may not show it yet: poll, bounded
      if (shipped) await waitUntilVisible(inputs.pypiUrl, pkg.name, version, expected)
      const files = (await indexFiles(inputs.pypiUrl, pkg.name, version)) ?? []
      onIndex.push(...files)
      const missing = expected.filter((f) => !files.some((x) => x.filename === f))
      const ok = files.length > 0 && missing.length === 0
      rows.push({
        what: `${pkg.name} ${version} on the index`,
        ok,
        detail: ok
          ? files.map((f) => f.filename).join(', ')
          : files.length
            ? `missing ${missing.join(', ')} on ${pkg.pypiUrl}`
            : `not on ${pkg.pypiUrl}`
      })
      if (ok) rows.push(...(await provenanceRows(inputs.pypiUrl, pkg.name, version, files, shipped?.attested ?? new Set())))
      if (ok && inputs.installCheck) {
        const outcome = await installCheck(
          tools,
          inputs.pythonVersion,
          inputs.pypiUrl,
          `${pkg.name}==${version}`,
          target.smoke ?? pkg.smoke,
          runner.tempDir
        )
        rows.push({ what: `pip install ${pkg.name}==${version} (fresh venv)`, ok: outcome.ok, detail: outcome.detail })
      }
    }
    for (const image of target.images) {
      const expected = shipped?.images.get(image.ref)
      const versionTag = renderTag(versionTemplate(image.tagTemplates), image.version)
      for (const tag of expected?.tags ?? [versionTag]) {
        const digest = await registries.client(image.registry).digest(image.repository, tag)
        const ok = digest !== null && (!expected?.digest || digest === expected.digest)
        if (tag === versionTag && digest) {
          digests.push({ image, digest })
          const row = await annotationRow(ctx, image, tag, shipped?.sha ?? tags.get(target.tag) ?? null)
          if (row) rows.push(row)
        }
        rows.push({
          what: `image ${image.ref}:${tag}`,
          ok,
          detail: ok
            ? (digest as string)
            : digest
              ? `points at ${digest}, not the pushed ${expected?.digest}`
              : 'no such manifest in the registry'
        })
      }
    }
    const tagged = tags.get(target.tag)
    const tagOk = !!tagged && (!shipped || tagged === shipped.sha)
    rows.push({
      what: `tag ${target.tag} on origin`,
      ok: tagOk,
      detail: tagged
        ? tagOk
          ? tagged.slice(0, 12)
          : `at ${tagged.slice(0, 12)}, not the release commit ${shipped?.sha.slice(0, 12)}`
        : 'not on origin'
    })
    const rel = releases.find((r) => r.tag_name === target.tag)
    rows.push({
      what: `GitHub release ${target.tag}`,
      ok: !!rel && !rel.draft,
      detail: rel ? (rel.draft ? 'still a draft' : rel.html_url) : 'no release'
    })
    // a pypi target's release carries its files and SHA256SUMS (SPEC §10)
    if (rel && target.packages.length > 0) rows.push(...(await assetRows(ctx, target.tag, rel, onIndex, shipped !== null)))
    if (provenance) {
      const files = onIndex.map((f) => ({ what: f.filename, subject: { name: f.filename, sha256: f.sha256 } }))
      rows.push(...(await buildProvenanceRows(ctx, files, provenanceRequired, check)))
      for (const { image, digest } of digests) {
        const subject = { name: image.ref, sha256: digest.replace(/^sha256:/, '') }
        const found = await buildProvenanceRows(ctx, [{ what: `${image.ref}@${digest.slice(0, 19)}…`, subject }], provenanceRequired, check)
        rows.push(...found)
        if (found.length > 0) rows.push(await referrerRow(registries.client(image.registry), image.repository, image.ref, digest))
      }
    }
  }
  return rows
}

/**
 * An image index carries the release's OCI annotations (SPEC §10): version, the release
 * commit, the repository, a creation time, and the context package's description and
 * license. Null for a single image manifest (docker push makes it; its labels say the same).
 */
async function annotationRow(ctx: ReleaseContext, image: ImagePlan, tag: string, sha: string | null): Promise<CheckRow | null> {
  const found = await ctx.registries.client(image.registry).annotations(image.repository, tag)
  if (!found || !INDEX_TYPES.includes(found.mediaType)) return null
  const expected = ociAnnotations({
    version: image.version,
    revision: sha ?? '',
    source: `${ctx.runner.serverUrl}/${ctx.repository}`,
    created: 0,
    description: image.description,
    licenses: image.licenses
  })
  delete expected[`${OCI}.created`]
  if (!sha) delete expected[`${OCI}.revision`]
  const problems = annotationProblems(found.annotations, expected)
  const created = found.annotations[`${OCI}.created`]
  if (!created || Number.isNaN(Date.parse(created))) problems.push(`no valid ${OCI}.created`)
  return {
    what: `annotations of ${image.ref}:${tag}`,
    ok: problems.length === 0,
    detail: problems.length
      ? problems.join('; ')
      : Object.keys(found.annotations)
          .filter((k) => k.startsWith(`${OCI}.`))
          .map((k) => k.slice(OCI.length + 1))
          .join(', ')
  }
}

/**
 * PEP 740: each file's provenance on the index names exactly that file and its SHA-256 (the
 * signature itself is the index's to check at upload). A file this run attested must have one;
 * a file without provenance is otherwise not a problem (a token upload, `attestations: false`).
 */
async function provenanceRows(
  pypiUrl: string,
  name: string,
  version: string,
  files: IndexFile[],
  attested: Set<string>
): Promise<CheckRow[]> {
  const rows: CheckRow[] = []
  for (const file of files) {
    const bundles = await fileProvenance(pypiUrl, name, version, file.filename)
    const what = `PEP 740 attestation of ${file.filename}`
    if (!bundles) {
      if (attested.has(file.filename)) rows.push({ what, ok: false, detail: 'the index has no provenance for it' })
      continue
    }
    const subjects = (att: PypiAttestation): Subject[] => {
      try {
        return statementOf(att).subjects
      } catch {
        return [{ name: '(an unreadable statement)', sha256: '' }]
      }
    }
    const attestations = bundles.flatMap((b) => b.attestations)
    const wrong = attestations
      .map(subjects)
      .flatMap((list) => (list.length === 1 ? list : [{ name: `${list.length} subjects`, sha256: '' }]))
      .filter((s) => s.name !== file.filename || s.sha256 !== file.sha256)
    if (attestations.length === 0) wrong.push({ name: 'no attestation', sha256: '' })
    const publisher = bundles.map((b) => String(b.publisher.repository ?? '')).find(Boolean)
    rows.push({
      what,
      ok: wrong.length === 0,
      detail:
        wrong.length === 0
          ? `subject ${file.filename} sha256 ${file.sha256.slice(0, 12)}…${publisher ? `, published by ${publisher}` : ''}`
          : `its subject is ${wrong.map((s) => `${s.name} sha256 ${s.sha256.slice(0, 12)}…`).join(', ')}, not ${file.filename} sha256 ${file.sha256.slice(0, 12)}…`
    })
  }
  return rows
}

export function checklistProblems(rows: CheckRow[]): Problem[] {
  return rows.filter((r) => !r.ok).map((r) => problem('E_VERIFY', `${r.what}: ${r.detail}`))
}
