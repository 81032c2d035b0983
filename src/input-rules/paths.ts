/** Paths: the working directory, the config file and dist-dir, all inside the repository. */
import { statSync } from 'node:fs'
import path from 'node:path'
import { problem, quote } from '../errors.js'
import { CONTROL, MAX, real, type InputRule } from './context.js'

/** Find the enclosing git work tree (a `.git` directory or file), without spawning git. */
export function findRepositoryRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      statSync(path.join(d, '.git'))
      return d
    } catch {
      if (path.dirname(d) === d) return dir
    }
  }
}

const inside = (root: string, p: string): boolean => {
  const rel = path.relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** An existing directory inside the repository (symlinks resolved first); gives the repository root too. */
export const workingDirectory: InputRule = (ctx) => {
  const { base, env } = ctx
  const wd = ctx.raw('working-directory')
  if (wd.length > MAX * 16) {
    ctx.bad('working-directory', wd, 'the path is too long')
    return { workingDirectory: base, repositoryRoot: base }
  }
  // symlinks resolved before the inside-the-repository check
  const workingDirectory = real(path.resolve(base, wd))
  const repositoryRoot = env.workspace ? base : findRepositoryRoot(workingDirectory)
  let isDir = false
  let exists = false
  try {
    isDir = statSync(workingDirectory).isDirectory()
    exists = true
  } catch {
    /* reported below */
  }
  if (!inside(repositoryRoot, workingDirectory)) ctx.bad('working-directory', wd, 'a directory inside the repository (GITHUB_WORKSPACE)')
  else if (!isDir)
    ctx.report(
      problem(
        'E_INPUT',
        `input working-directory = ${quote(wd)}: ${exists ? `${workingDirectory} is not a directory` : `the directory ${workingDirectory} does not exist`}`,
        undefined,
        'Point working-directory (--cwd) at the workspace root, relative to the repository root (or to the current directory for the CLI).'
      )
    )
  return { workingDirectory, repositoryRoot }
}

/** A config file relative to working-directory, inside the repository ('' = found by itself). */
export const config: InputRule = (ctx) => {
  const value = ctx.get('config')
  const { workingDirectory = ctx.base, repositoryRoot = ctx.base } = ctx.parsed
  if (CONTROL.test(value) || value.length > MAX * 16) ctx.bad('config', value, 'a path relative to working-directory')
  else if (value !== '' && !inside(repositoryRoot, real(path.resolve(workingDirectory, value)))) {
    ctx.bad('config', value, 'a file inside the repository, relative to working-directory')
  }
  return { config: value }
}

/** build: where built files go; release: where prebuilt files are. Absolute, from the repository root. */
export const distDir: InputRule = (ctx) => {
  const value = ctx.get('dist-dir')
  // eslint-disable-next-line no-control-regex
  if (value.length > MAX * 16 || /[\u0000-\u001f\u007f]/.test(value)) ctx.bad('dist-dir', value.slice(0, 80), 'a directory path')
  return { distDir: value === '' ? '' : path.resolve(ctx.base, value) }
}
