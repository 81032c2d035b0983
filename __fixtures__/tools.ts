/**
 * Which outside tools this machine has, for suites that drive real clients (twine, pip,
 * `python -m build`, uv, docker, git).
 *
 *   describeWithTools(['twine', 'build'], 'twine against the PyPI stand-in', () => { … })
 *
 * A missing tool skips the suite with a warning naming it, except on CI
 * (`CI=true`), where a missing tool fails the suite: CI must run every suite.
 *
 * Tools are detected by spawning them with `--version` (argument arrays, never a shell
 * string). `docker` means more: a daemon answers `docker info`, and the registry tools of
 * `__fixtures__/registry.ts` exist (`/usr/bin/docker-registry`, `htpasswd`); CI gets them
 * from `.ci/services/docker.sh`. Python tools run under `SYSTEM_PYTHON` (Debian's `/usr/bin/python3`): the first
 * `python3` on PATH may be a pyenv interpreter without build/twine.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { describe, test } from '@jest/globals'

/** The interpreter that carries the Debian packages (build, twine, hatchling, ensurepip). */
export const SYSTEM_PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

/** How to run a tool: the command and the arguments that come before the tool's own. */
export interface ToolCommand {
  command: string
  args: string[]
}

/** Known tools; any other name runs as a command of that name. */
const KNOWN: Record<string, ToolCommand> = {
  python3: { command: SYSTEM_PYTHON, args: [] },
  twine: { command: SYSTEM_PYTHON, args: ['-m', 'twine'] },
  build: { command: SYSTEM_PYTHON, args: ['-m', 'build'] },
  pip: { command: SYSTEM_PYTHON, args: ['-m', 'pip'] },
  pytest: { command: SYSTEM_PYTHON, args: ['-m', 'pytest'] },
  // `python -m venv` only makes a venv with pip when ensurepip is there (Debian ships it
  // separately, in python3-venv), so that is what is probed.
  venv: { command: SYSTEM_PYTHON, args: ['-m', 'ensurepip'] }
}

/** Tools whose probe is not `--version` (hatchling's CLI has no such flag). */
const PROBES: Record<string, string[]> = {
  hatchling: [SYSTEM_PYTHON, '-c', 'import hatchling'],
  setuptools: [SYSTEM_PYTHON, '-c', 'import setuptools.build_meta, wheel'],
  'setuptools-scm': [SYSTEM_PYTHON, '-c', 'import setuptools_scm'],
  'hatch-vcs': [SYSTEM_PYTHON, '-c', 'import hatch_vcs']
}

/**
 * Tools that need several probes, all of which must succeed. `docker`: the client alone is
 * not enough, a daemon must answer (`docker info` fails without one), and the e2e suites
 * also start a real registry (Debian `docker-registry`) with an htpasswd file.
 */
const MULTI_PROBES: Record<string, { probe: string[]; fix: string }[]> = {
  docker: [
    { probe: ['docker', 'info', '--format', '{{.ServerVersion}}'], fix: 'no docker daemon answers `docker info`' },
    { probe: ['/usr/bin/docker-registry', '--version'], fix: '/usr/bin/docker-registry missing (apt-get install docker-registry)' },
    { probe: ['htpasswd', '-nbB', 'probe', 'probe'], fix: 'htpasswd missing (apt-get install apache2-utils)' }
  ]
}

/** The command and leading arguments that run `name` (e.g. twine → /usr/bin/python3 -m twine). */
export function toolCommand(name: string): ToolCommand {
  return KNOWN[name] ?? { command: name, args: [] }
}

const cache = new Map<string, boolean>()

function available(name: string): boolean {
  const known = cache.get(name)
  if (known !== undefined) return known
  const probes = MULTI_PROBES[name]?.map((p) => p.probe) ?? [
    PROBES[name] ?? [toolCommand(name).command, ...toolCommand(name).args, '--version']
  ]
  const ok = probes.every((probe) => runs(probe))
  cache.set(name, ok)
  return ok
}

function runs(probe: string[]): boolean {
  const r = spawnSync(probe[0], probe.slice(1), { stdio: 'ignore', timeout: 30_000 })
  return r.error === undefined && r.status === 0
}

/** Whether every tool in `names` runs here, and which do not. */
export function requireTools(names: string[]): { ok: boolean; missing: string[] } {
  const missing = names.filter((n) => !available(n))
  return { ok: missing.length === 0, missing }
}

/** Why the tools are missing, for the skip warning and the CI failure. */
function missingMessage(title: string, missing: string[]): string {
  const how = missing.map((n) => {
    if (n === 'venv') return `venv (${SYSTEM_PYTHON} -m ensurepip --version failed; apt-get install python3-venv)`
    if (n === 'hatchling') return `hatchling (${SYSTEM_PYTHON} -c 'import hatchling' failed; apt-get install python3-hatchling)`
    if (n === 'hatch-vcs') return `hatch-vcs (${SYSTEM_PYTHON} -c 'import hatch_vcs' failed; apt-get install python3-hatch-vcs)`
    if (n === 'setuptools-scm')
      return `setuptools-scm (${SYSTEM_PYTHON} -c 'import setuptools_scm' failed; apt-get install python3-setuptools-scm)`
    if (n === 'setuptools')
      return `setuptools (${SYSTEM_PYTHON} -c 'import setuptools.build_meta, wheel' failed; apt-get install python3-setuptools python3-wheel)`
    const multi = MULTI_PROBES[n]
    if (multi) {
      const failed = multi.filter((p) => !runs(p.probe)).map((p) => p.fix)
      return `${n} (${failed.join('; ')}; run bash .ci/services/docker.sh)`
    }
    const t = toolCommand(n)
    return `${n} (${[t.command, ...t.args, '--version'].join(' ')} failed)`
  })
  return `"${title}" needs ${how.join(', ')}`
}

/**
 * `describe` when every tool is there. Otherwise: on CI (`CI=true`) the suite fails with a
 * test naming the missing tools; elsewhere it is skipped with a line on stderr saying why.
 */
export function describeWithTools(names: string[], title: string, fn: () => void): void {
  const { ok, missing } = requireTools(names)
  if (ok) {
    describe(title, fn)
    return
  }
  const message = missingMessage(title, missing)
  if (process.env.CI === 'true') {
    describe(title, () => {
      test('the tools it needs are installed (required on CI)', () => {
        throw new Error(`${message}. Missing tools fail on CI instead of skipping.`)
      })
    })
    return
  }
  // straight to stderr: jest swallows console output of a suite whose tests are all skipped
  process.stderr.write(`\nSKIPPED: ${message}. (On CI, with CI=true, this fails instead.)\n`)
  describe.skip(title, fn)
}
