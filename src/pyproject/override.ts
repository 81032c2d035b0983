/**
 * How to make a build backend that reads its version from git tags build exactly the
 * release version: the backend's documented override, as environment variables for the
 * build of that one package. Pure; the release's build step passes them to the build.
 */
import type { Package } from './package.js'
import { normalizeName } from './requirement.js'

/**
 * The environment that makes `pkg`'s backend build `version` (PEP 440 normal form), or {}
 * when the version is written in a file (static, file) or no override is known (versioningit,
 * unknown: the release tag must exist locally before the build).
 * - setuptools-scm: `SETUPTOOLS_SCM_PRETEND_VERSION_FOR_<NAME>` (the PEP 503 name, upper case, `_`;
 *   for setuptools-scm < 8 also the name as written, upper case);
 * - hatch-vcs (setuptools-scm underneath): `SETUPTOOLS_SCM_PRETEND_VERSION`, and the named one;
 * - uv-dynamic-versioning: `UV_DYNAMIC_VERSIONING_BYPASS`;
 * - poetry-dynamic-versioning: `POETRY_DYNAMIC_VERSIONING_BYPASS`;
 * - PDM `source = "scm"`: `PDM_BUILD_SCM_VERSION`.
 */
export function versionOverrideEnv(pkg: Pick<Package, 'name' | 'source'>, version: string): Record<string, string> {
  if (pkg.source.kind !== 'vcs') return {}
  // setuptools-scm >= 8 normalizes the name (ORBIT_CORE_SDK); 7.x only upper-cases it as
  // written (`VCS-SCM`, what Debian bookworm ships): set both spellings when they differ
  const named: Record<string, string> = {}
  if (pkg.name) {
    named[`SETUPTOOLS_SCM_PRETEND_VERSION_FOR_${normalizeName(pkg.name).toUpperCase().replace(/-/g, '_')}`] = version
    named[`SETUPTOOLS_SCM_PRETEND_VERSION_FOR_${pkg.name.toUpperCase()}`] = version
  }
  switch (pkg.source.backend) {
    case 'setuptools-scm':
      return pkg.name ? named : { SETUPTOOLS_SCM_PRETEND_VERSION: version }
    case 'hatch-vcs':
      return { SETUPTOOLS_SCM_PRETEND_VERSION: version, ...named }
    case 'uv-dynamic-versioning':
      return { UV_DYNAMIC_VERSIONING_BYPASS: version }
    case 'poetry-dynamic-versioning':
      return { POETRY_DYNAMIC_VERSIONING_BYPASS: version }
    case 'pdm scm':
      return { PDM_BUILD_SCM_VERSION: version }
    default:
      return {}
  }
}
