/**
 * Every version backend pyship reads, in the order they are asked: the first that claims a
 * package reads its version. Adding a backend: one module exporting a VersionBackend, one
 * entry here, one row in __tests__/pyproject/version-source.test.ts.
 */
import { buildSystem, dynamicVersion, unknown, type BackendContext, type VersionBackend, type VersionSource } from './backend.js'
import { declared } from './declared.js'
import { pep621 } from './pep621.js'
import { poetry } from './poetry.js'
import { hatch } from './hatch.js'
import { pdm } from './pdm.js'
import { flit } from './flit.js'
import { maturin } from './maturin.js'
import { setuptools } from './setuptools.js'
import { poetryDynamicVersioning, setuptoolsScm, uvDynamicVersioning, versioningit } from './vcs.js'

export const VERSION_BACKENDS: readonly VersionBackend[] = [
  declared,
  pep621,
  poetry,
  hatch,
  pdm,
  flit,
  maturin,
  setuptools,
  setuptoolsScm,
  versioningit,
  uvDynamicVersioning,
  poetryDynamicVersioning
]

/**
 * Where the package's version lives: the first backend that claims it. A dynamic version no
 * backend claims is unknown (with the reason); a pyproject with neither `[project]` nor a
 * Poetry project reads as a static version that is absent.
 */
export function versionSourceOf(ctx: BackendContext): VersionSource {
  const backend = VERSION_BACKENDS.find((b) => b.claims(ctx))
  if (backend) return backend.read(ctx)
  if (!dynamicVersion(ctx.doc)) return { kind: 'static', backend: '[project] version', tomlPath: ['project', 'version'] }
  const build = buildSystem(ctx.doc).backend
  const named = build ? `build backend ${build}` : 'no build backend (setuptools by default)'
  return unknown(
    build || 'setuptools',
    `dynamic = ["version"] with ${named} and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)`
  )
}
