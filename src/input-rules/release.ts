/** What a release reads besides its scope: the index and registry, credentials, the build's switches. */
import path from 'node:path'
import { LATEST, PROVENANCE, type Latest, type Provenance } from '../inputs.js'
import { bool, CONTROL, MATRIX_CONTROL, MAX, url, type InputRule } from './context.js'

/** A registry host: DNS labels (or an IPv4 address), optionally `:port`. */
const REGISTRY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::([0-9]{1,5}))?$/
/** A Python version or a uv interpreter request (`3.11`, `pypy3.10`, `cpython@3.12`); never an option. */
const PYTHON_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+@_-]{0,31}$/

export const registry: InputRule = (ctx) => {
  const value = ctx.raw('registry')
  const port = REGISTRY.exec(value)?.[1]
  if (value.length > 253 || !REGISTRY.test(value) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
    ctx.bad('registry', value, 'a registry host such as ghcr.io or localhost:5000 (port 1-65535)')
  }
  return { registry: value }
}

export const pythonVersion: InputRule = (ctx) => {
  const value = ctx.raw('python-version')
  if (!PYTHON_VERSION.test(value))
    ctx.bad('python-version', value, 'a Python version such as 3.11 (or a uv interpreter request such as pypy3.10)')
  return { pythonVersion: value }
}

export const registryUsername: InputRule = (ctx) => {
  const value = ctx.raw('registry-username')
  if (value.length > MAX) ctx.bad('registry-username', value, `at most ${MAX} characters`)
  return { registryUsername: value }
}

/** build: one entry of plan's `matrix` output, raw JSON (its fields are validated by the build command). */
export const matrixEntry: InputRule = (ctx) => {
  const value = ctx.get('matrix-entry')
  if (value.length > 4096 || MATRIX_CONTROL.test(value))
    ctx.bad('matrix-entry', value.slice(0, 80), 'one entry of the matrix output of command plan (JSON, at most 4096 characters)')
  return { matrixEntry: value }
}

export const latest: InputRule = (ctx) => {
  const value = ctx.raw('latest') as Latest
  if (!LATEST.includes(value)) ctx.bad('latest', value, 'auto, true or false')
  return { latest: value }
}

export const dryRun: InputRule = (ctx) => ({ dryRun: bool(ctx, 'dry-run') })
export const runTests: InputRule = (ctx) => ({ runTests: bool(ctx, 'run-tests') })
export const buildIsolation: InputRule = (ctx) => ({ buildIsolation: bool(ctx, 'build-isolation') })
export const installCheck: InputRule = (ctx) => ({ installCheck: bool(ctx, 'install-check') })
export const allowDowngrade: InputRule = (ctx) => ({ allowDowngrade: bool(ctx, 'allow-downgrade') })
export const pypiUploadUrl: InputRule = (ctx) => ({ pypiUploadUrl: url(ctx, 'pypi-upload-url') })
export const pypiUrl: InputRule = (ctx) => ({ pypiUrl: url(ctx, 'pypi-url') })
/** PEP 740 attestations (made under trusted publishing only) and the Sigstore instance that signs them. */
export const attestations: InputRule = (ctx) => ({ attestations: bool(ctx, 'attestations') })
export const fulcioUrl: InputRule = (ctx) => ({ fulcioUrl: url(ctx, 'fulcio-url') })
export const rekorUrl: InputRule = (ctx) => ({ rekorUrl: url(ctx, 'rekor-url') })

/** Secrets are taken as given: never shown, may span lines (masked line by line), not checked as text. */
export const githubToken: InputRule = (ctx) => ({ githubToken: ctx.get('github-token') })
export const pypiToken: InputRule = (ctx) => ({ pypiToken: ctx.get('pypi-token') })
export const registryPassword: InputRule = (ctx) => ({ registryPassword: ctx.get('registry-password') })

/** Build provenance: auto (when the job's permissions allow it), true (required), false. */
export const provenance: InputRule = (ctx) => {
  const value = ctx.raw('provenance') as Provenance
  if (!PROVENANCE.includes(value)) ctx.bad('provenance', value, 'auto, true or false')
  return { provenance: value }
}

/** verify: a Sigstore trusted_root.json, relative to working-directory ('' = none). */
export const trustedRoot: InputRule = (ctx) => {
  const value = ctx.get('trusted-root')
  const { workingDirectory = ctx.base } = ctx.parsed
  if (CONTROL.test(value) || value.length > MAX * 16) {
    ctx.bad('trusted-root', value.slice(0, 80), 'a path to a Sigstore trusted_root.json')
    return { trustedRoot: '' }
  }
  return { trustedRoot: value === '' ? '' : path.resolve(workingDirectory, value) }
}
