/**
 * Python tooling for a release: tests, builds, `twine check` and the smoke test.
 * With uv on PATH pyship uses uv (as the release checklist does); without it, `python -m build`,
 * `python -m pytest`, `python -m twine` and `python -m venv` run for real.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PyshipError } from '../errors.js'
import { childEnv, exec, lastLines } from './exec.js'
import { findOnPath } from './uv.js'

export interface PythonTools {
  uv: string | null
  /** The interpreter used without uv (`python3.11` when on PATH, else `python3`). */
  python: string
}

export function findPythonTools(pythonVersion: string, envPath: string): PythonTools {
  const uv = findOnPath('uv', envPath)
  const python = findOnPath(`python${pythonVersion}`, envPath) ?? findOnPath('python3', envPath) ?? 'python3'
  return { uv, python }
}

/** argv of a package's test run. */
export function testCommand(tools: PythonTools, pythonVersion: string): [string, string[]] {
  // no cache directory: a release leaves the work tree as it found it
  return tools.uv
    ? [tools.uv, ['run', '--python', pythonVersion, 'pytest', '-p', 'no:cacheprovider']]
    : [tools.python, ['-m', 'pytest', '-p', 'no:cacheprovider']]
}

/** argv of a package's build into `outDir`. */
export function buildCommand(tools: PythonTools, packageDir: string, outDir: string, isolation: boolean): [string, string[]] {
  if (tools.uv) return [tools.uv, ['build', '--out-dir', outDir, ...(isolation ? [] : ['--no-build-isolation']), packageDir]]
  // without isolation the backend must already be installed; like uv, do not re-check its requirements
  return [
    tools.python,
    ['-m', 'build', '--outdir', outDir, ...(isolation ? [] : ['--no-isolation', '--skip-dependency-check']), packageDir]
  ]
}

export function twineCheckCommand(tools: PythonTools, files: string[]): [string, string[]] {
  return tools.uv
    ? [tools.uv, ['tool', 'run', 'twine', 'check', '--strict', ...files]]
    : [tools.python, ['-m', 'twine', 'check', '--strict', ...files]]
}

/** The Python a command will really use, e.g. "3.11.2". */
export async function pythonVersionOf(tools: PythonTools, pythonVersion: string, cwd: string): Promise<string> {
  const [cmd, args] = tools.uv ? [tools.uv, ['run', '--python', pythonVersion, 'python', '--version']] : [tools.python, ['--version']]
  const r = await exec(cmd, args, { cwd, quiet: true })
  return /Python (\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown'
}

export interface TestOutcome {
  status: 'passed' | 'no tests'
  python: string
}

/** Run a package's tests; pytest's exit 5 ("no tests collected") passes only when allowed. */
export async function runTests(
  tools: PythonTools,
  pythonVersion: string,
  pkg: { dir: string; name: string; requiresPython?: string },
  allowNoTests: boolean
): Promise<TestOutcome> {
  const used = await pythonVersionOf(tools, pythonVersion, pkg.dir)
  const [cmd, args] = testCommand(tools, pythonVersion)
  const r = await exec(cmd, args, { cwd: pkg.dir, env: { PYTHONDONTWRITEBYTECODE: '1' } })
  if (r.status === 0) return { status: 'passed', python: used }
  if (r.status === 5 && allowNoTests) return { status: 'no tests', python: used }
  const what = r.status === 5 ? 'collected no tests (the target says tests are required)' : `failed (exit ${r.status})`
  throw new PyshipError(
    'E_TESTS_FAILED',
    `tests of ${pkg.name} ${what} with Python ${used}${pkg.requiresPython ? ` (requires-python ${pkg.requiresPython})` : ''}: ${lastLines(r)}`,
    {
      hint: `Tests fail in CI but pass locally? They ran with Python ${used} (\`python-version\` asks for ${pythonVersion}); check environment variables the tests expect, and absolute vs. relative file paths (tests run from ${path.basename(pkg.dir)}/).`
    }
  )
}

/**
 * Build wheel + sdist of a package into an empty `outDir`; returns the built files.
 * `env` adds to the inherited environment (a vcs backend's version override).
 */
export async function build(
  tools: PythonTools,
  packageDir: string,
  outDir: string,
  isolation: boolean,
  sourceDateEpoch: number,
  env: Record<string, string> = {}
): Promise<string[]> {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const [cmd, args] = buildCommand(tools, packageDir, outDir, isolation)
  const r = await exec(cmd, args, { cwd: packageDir, env: { ...env, SOURCE_DATE_EPOCH: String(sourceDateEpoch) } })
  if (r.status !== 0) {
    throw new PyshipError('E_BUILD', `building ${path.basename(packageDir)} failed: ${lastLines(r)}`, {
      hint: `The build backend's last error: ${lastLines(r, 1)}. Fix the package metadata or build configuration it names${isolation ? '' : '; with build-isolation: false the backend must already be installed'}.`
    })
  }
  const files = readdirSync(outDir)
    .filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'))
    .sort()
  if (!files.some((f) => f.endsWith('.whl'))) throw new PyshipError('E_BUILD', `building ${path.basename(packageDir)} produced no wheel`)
  return files.map((f) => path.join(outDir, f))
}

/**
 * The files `twine check` failed, each with what it said (its output wraps long paths and
 * colours words: both undone), or null when no file is marked FAILED.
 */
export function twineFailures(output: string): string | null {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s*\n\s*/g, ' ')
  const failed = text
    .split(/\bChecking\s+/)
    .filter((part) => /:\s*FAILED/.test(part))
    .map((part) => {
      const [file, said] = part.split(/:\s*(?=FAILED)/)
      return `${path.basename(file.replace(/\s+/g, ''))}: ${said.replace(/\s+/g, ' ').trim()}`
    })
  return failed.length > 0 ? failed.join('; ') : null
}

export async function twineCheck(tools: PythonTools, files: string[], cwd: string): Promise<void> {
  const [cmd, args] = twineCheckCommand(tools, files)
  const r = await exec(cmd, args, { cwd })
  if (r.status !== 0)
    throw new PyshipError('E_BUILD', `twine check failed: ${twineFailures(`${r.stdout}\n${r.stderr}`) ?? lastLines(r)}`, {
      hint: 'Fix the package metadata twine names (README content type, missing fields).'
    })
}

export interface VenvOutcome {
  ok: boolean
  /** What failed (or what passed), for messages. */
  detail: string
}

/**
 * A fresh venv at `venv`: create it, `pip install` `requirements` from `indexUrl` (plus
 * `findLinks`), then run `command` (if any) with the venv first on PATH. Used by the
 * smoke test before publishing and by verify's install check after.
 */
export async function tryInFreshVenv(
  tools: PythonTools,
  pythonVersion: string,
  venv: string,
  install: { requirements: string[]; indexUrl: string; findLinks?: string },
  command: string[] | undefined,
  cwd: string
): Promise<VenvOutcome> {
  rmSync(venv, { recursive: true, force: true })
  const create = tools.uv
    ? await exec(tools.uv, ['venv', '--python', pythonVersion, venv], { cwd })
    : await exec(tools.python, ['-m', 'venv', venv], { cwd })
  if (create.status !== 0) return { ok: false, detail: `creating a fresh venv failed: ${lastLines(create)}` }
  const bin = path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin')
  const py = path.join(bin, 'python')
  const sources = [...(install.findLinks ? ['--find-links', install.findLinks] : []), '--index-url', install.indexUrl]
  const installed = tools.uv
    ? await exec(tools.uv, ['pip', 'install', '--python', py, ...sources, ...install.requirements], { cwd })
    : await exec(py, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-cache-dir', ...sources, ...install.requirements], {
        cwd
      })
  if (installed.status !== 0)
    return {
      ok: false,
      detail: `installing ${install.requirements.map((r) => path.basename(r)).join(' ')} into a fresh venv failed: ${lastLines(installed)}`
    }
  if (!command?.length) return { ok: true, detail: 'installed' }
  const [head, ...rest] = command
  const r = await exec(findOnPath(head, bin) ?? head, rest, {
    cwd: venv,
    env: { PATH: `${bin}${path.delimiter}${childEnv().PATH ?? ''}`, VIRTUAL_ENV: venv }
  })
  if (r.status !== 0) return { ok: false, detail: `\`${command.join(' ')}\` failed (exit ${r.status}): ${lastLines(r)}` }
  return { ok: true, detail: `installed; \`${command.join(' ')}\` passed` }
}

/** Install the built wheel into a fresh venv (dependencies from `indexUrl`) and run the smoke command there. */
export async function smoke(
  tools: PythonTools,
  pythonVersion: string,
  wheel: string,
  indexUrl: string,
  command: string[],
  workDir: string
): Promise<void> {
  const findLinks = path.dirname(wheel)
  const venv = path.join(path.dirname(findLinks), `venv-${path.basename(wheel, '.whl')}`)
  const outcome = await tryInFreshVenv(tools, pythonVersion, venv, { requirements: [wheel], indexUrl, findLinks }, command, workDir)
  if (!outcome.ok) throw new PyshipError('E_SMOKE', `smoke test with only ${path.basename(wheel)} installed: ${outcome.detail}`)
}

/** Install `name==version` from the index into a fresh temporary venv and run `command` there. */
export async function installCheck(
  tools: PythonTools,
  pythonVersion: string,
  pypiUrl: string,
  requirement: string,
  command: string[] | undefined,
  tempDir: string
): Promise<VenvOutcome> {
  const dir = mkdtempSync(path.join(tempDir, 'pyship-verify-'))
  try {
    return await tryInFreshVenv(
      tools,
      pythonVersion,
      path.join(dir, 'venv'),
      { requirements: [requirement], indexUrl: `${pypiUrl.replace(/\/+$/, '')}/simple/` },
      command,
      dir
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface FileMetadata {
  file: string
  /** `Name` and `Version` of the core metadata (wheel METADATA, sdist PKG-INFO); null when unreadable. */
  name: string | null
  version: string | null
}

const READ_METADATA = `
import email.parser, json, sys, tarfile, zipfile
out = []
for path in sys.argv[1:]:
    text = None
    try:
        if path.endswith(".whl"):
            with zipfile.ZipFile(path) as z:
                names = [n for n in z.namelist() if n.count("/") == 1 and n.split("/")[0].endswith(".dist-info") and n.endswith("/METADATA")]
                text = z.read(names[0]).decode("utf-8") if names else None
        else:
            with tarfile.open(path) as t:
                members = [m for m in t.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")]
                text = t.extractfile(members[0]).read().decode("utf-8") if members else None
    except Exception:
        text = None
    meta = email.parser.Parser().parsestr(text, headersonly=True) if text else {}
    out.append({"file": path, "name": meta.get("Name"), "version": meta.get("Version")})
print(json.dumps(out))
`

/** The core metadata name and version of built wheels and sdists (one interpreter for all files). */
export async function readMetadata(tools: PythonTools, files: string[], cwd: string): Promise<FileMetadata[]> {
  const r = await exec(tools.python, ['-c', READ_METADATA, ...files], { cwd, quiet: true })
  if (r.status !== 0) throw new PyshipError('E_BUILD', `reading the metadata of the built files failed: ${lastLines(r)}`)
  return JSON.parse(r.stdout) as FileMetadata[]
}
