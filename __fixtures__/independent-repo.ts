/**
 * A generated monorepo of many independently versioned packages (SPEC §1 "Many independent
 * packages"): a uv workspace with one explicitly grouped `core` package and `count`
 * integrations under `integrations/`, configured by one `[independent]` table in
 * `.github/pyship.toml`. Integration `i` lives in `integrations/p<iii>`, is named
 * `acme-p<iii>` and carries version `1.<i % 5>.0`; every tenth one pins its predecessor
 * (`~=` — a minor bump of the predecessor excludes it — and the core `>=`, which admits
 * every later version). Each package builds with hatchling and has no tests.
 */
import { writeTree, type Tree } from './tree.js'

export const INDEPENDENT_CONFIG = `[groups.core]
packages = ["core"]

[targets.core]
group = "core"
kind = "pypi"
tag = "core-v{version}"
tests = "skip"

[independent]
packages = ["integrations/*"]
kind = "pypi"
tag = "integrations/{dir}-v{version}"
tests = "skip"
github-latest = false
`

export const pad = (i: number): string => String(i).padStart(3, '0')
export const dirOf = (i: number): string => `integrations/p${pad(i)}`
export const nameOf = (i: number): string => `acme-p${pad(i)}`
export const versionOf = (i: number): string => `1.${i % 5}.0`

/** Whether integration `i` pins its predecessor (and the core). */
export const pinsPredecessor = (i: number): boolean => i % 10 === 1

function integration(i: number): string {
  const deps = pinsPredecessor(i) ? `\n    "${nameOf(i - 1)}~=${versionOf(i - 1)}",  # the predecessor\n    "acme-core>=2.0",\n` : ''
  return `[project]
name = "${nameOf(i)}"
version = "${versionOf(i)}"  # released on its own
description = "Integration ${i}"
readme = "README.md"
requires-python = ">=3.9"
dependencies = [${deps}]

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
`
}

/** The files of the repository (relative paths → contents). */
export function independentTree(count: number, config = INDEPENDENT_CONFIG): Tree {
  const files: Tree = {
    'pyproject.toml': '[tool.uv.workspace]\nmembers = ["core", "integrations/*"]\n',
    '.github/pyship.toml': config,
    'core/pyproject.toml':
      '[project]\nname = "acme-core"\nversion = "2.1.0"\nrequires-python = ">=3.9"\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
    'core/src/acme_core/__init__.py': ''
  }
  for (let i = 0; i < count; i++) {
    files[`${dirOf(i)}/pyproject.toml`] = integration(i)
    files[`${dirOf(i)}/README.md`] = `# ${nameOf(i)}\n`
    files[`${dirOf(i)}/src/${nameOf(i).replace('-', '_')}/__init__.py`] = `__all__: list[str] = []\n`
  }
  return files
}

/** Write the repository under `root`; returns `root`. */
export function writeIndependentRepo(root: string, count: number, config = INDEPENDENT_CONFIG): string {
  return writeTree(root, independentTree(count, config))
}
