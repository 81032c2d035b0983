/**
 * The classic-builder push alone (bench/push-memory.mjs bundles and runs it): `docker save`
 * of `reference`, then pyship's registry client pushes its blobs and manifest to `host`.
 * Prints the digest, the seconds it took and the process's peak memory (maxRSS).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Docker } from '../src/adapters/docker.js'
import { Registry } from '../src/adapters/registry.js'

async function main(): Promise<void> {
  const [reference, host, repository] = process.argv.slice(2)
  const temp = mkdtempSync(path.join(os.tmpdir(), 'pyship-push-bench-'))
  const docker = new Docker(temp)
  try {
    const start = Date.now()
    const saved = await docker.save(reference, process.cwd())
    const saveSeconds = (Date.now() - start) / 1000
    const digest = await new Registry(host, '', '').pushImage(repository, saved)
    // the tar of a streamed save stays on disk until disposed (older builds held it in memory)
    ;(saved as { dispose?: () => void }).dispose?.()
    process.stdout.write(
      `${JSON.stringify({ digest, saveSeconds, seconds: (Date.now() - start) / 1000, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`
    )
  } finally {
    docker.dispose()
    rmSync(temp, { recursive: true, force: true })
  }
}

void main()
