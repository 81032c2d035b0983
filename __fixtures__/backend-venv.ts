/**
 * A Python with the build backends Debian does not ship — poetry-core and maturin — for the
 * suites that build Poetry and maturin packages for real: a venv over Debian's python3 (which
 * has build and twine) with both installed from pip's configured index, made once per machine
 * in the temp directory and reused. `describeWithBackends` skips the suite (with a warning
 * naming what is missing) when it cannot be made, except on CI (`CI=true`), where it fails.
 * maturin also needs cargo (a Rust toolchain) on PATH.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, test } from '@jest/globals'
import { SYSTEM_PYTHON } from './tools.js'

export interface BackendsPython {
  /** The venv's bin directory (python3.11, maturin): put it first on PATH. */
  bin: string
  /** The directory holding cargo. */
  cargoBin: string
}

const VENV = path.join(os.tmpdir(), 'pyship-backends-venv')
const imports = (python: string): boolean =>
  spawnSync(python, ['-c', 'import poetry.core, maturin, build, twine'], { encoding: 'utf8' }).status === 0

let made: BackendsPython | string | undefined

/** The venv (made when missing), or why it cannot be had. */
export function backendsPython(): BackendsPython | string {
  if (made !== undefined) return made
  const cargo = spawnSync('cargo', ['--version'], { encoding: 'utf8' })
  const which = spawnSync('sh', ['-c', 'command -v cargo'], { encoding: 'utf8' }).stdout.trim()
  if (cargo.status !== 0 || !which) return (made = 'cargo (a Rust toolchain) is not on PATH')
  const python = path.join(VENV, 'bin', 'python3')
  if (!fs.existsSync(python) || !imports(python)) {
    fs.rmSync(VENV, { recursive: true, force: true })
    const venv = spawnSync(SYSTEM_PYTHON, ['-m', 'venv', '--system-site-packages', VENV], { encoding: 'utf8' })
    if (venv.status !== 0) return (made = `cannot make a venv: ${venv.stderr.trim().split('\n').pop() ?? ''}`)
    const pip = spawnSync(path.join(VENV, 'bin', 'pip'), ['install', '-q', 'poetry-core', 'maturin'], {
      encoding: 'utf8',
      timeout: 600_000
    })
    if (pip.status !== 0 || !imports(python))
      return (made = `pip cannot install poetry-core and maturin: ${pip.stderr.trim().split('\n').pop() ?? ''}`)
  }
  return (made = { bin: path.join(VENV, 'bin'), cargoBin: path.dirname(fs.realpathSync(which)) })
}

export function describeWithBackends(title: string, fn: (python: BackendsPython) => void): void {
  const python = backendsPython()
  if (typeof python !== 'string') {
    describe(title, () => fn(python))
    return
  }
  const message = `${title}: ${python}`
  if (process.env.CI === 'true') {
    describe(title, () => {
      test('poetry-core and maturin can be installed (required on CI)', () => {
        throw new Error(`${message}. Missing tools fail on CI instead of skipping.`)
      })
    })
    return
  }
  process.stderr.write(`\nSKIPPED: ${message}. (On CI, with CI=true, this fails instead.)\n`)
  describe.skip(title, () => fn(python as unknown as BackendsPython))
}
