/** uv, when it is on PATH: `uv lock` after a bump keeps uv.lock exactly as uv writes it. */
import { accessSync, constants } from 'node:fs'
import path from 'node:path'
import { exec } from './exec.js'

/** The executable `name` on PATH, or null (no process spawned). */
export function findOnPath(name: string, envPath: string): string | null {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      /* next */
    }
  }
  return null
}

export const UV_LOCK_ARGS = ['lock'] as const

export interface ToolRun {
  status: number | null
  output: string
}

/**
 * Run `uv lock` in the workspace root; argv array, never a shell. A cancellation stops it
 * (the promise rejects with the cancel reason once uv is sent SIGTERM).
 */
export async function uvLock(uv: string, workDir: string): Promise<ToolRun> {
  const r = await exec(uv, UV_LOCK_ARGS, { cwd: workDir, quiet: true })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}
