/**
 * Python builds in one job: a lockstep group of 36 small packages built one at a time
 * and with pyship's bounded parallelism (os.availableParallelism()), then ONE twine
 * check over every file. Figures are printed, never asserted.
 * Run: npm run bench:release -- bench/fanout.bench.ts (needs python build, twine, hatchling).
 */
import { test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build, findPythonTools, twineCheck } from '../src/adapters/python.js'
import { mapBounded } from '../src/release/pool.js'
import { requireTools } from '../__fixtures__/tools.js'

const say = (line: string): void => void process.stdout.write(`${line}\n`)
const COUNT = 36

function lockstepGroup(root: string): string[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const name = `bench-pkg-${String(i).padStart(2, '0')}`
    const dir = path.join(root, name)
    const mod = name.replace(/-/g, '_')
    mkdirSync(path.join(dir, 'src', mod), { recursive: true })
    writeFileSync(path.join(dir, 'src', mod, '__init__.py'), '__all__ = []\n')
    writeFileSync(path.join(dir, 'README.md'), `# ${name}\n`)
    writeFileSync(
      path.join(dir, 'pyproject.toml'),
      `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "${name}"\nversion = "3.1.0"\ndescription = "bench"\nreadme = "README.md"\nrequires-python = ">=3.9"\n${i > 0 ? `dependencies = ["bench-pkg-00==3.1.0"]\n` : ''}`
    )
    return dir
  })
}

test('python builds: serial vs bounded parallel', async () => {
  const have = requireTools(['build', 'twine', 'hatchling'])
  if (!have.ok) return say(`fan-out bench skipped: missing ${have.missing.join(', ')}`)
  const root = mkdtempSync(path.join(os.tmpdir(), 'pyship-bench-fanout-'))
  const tools = findPythonTools('3.11', '/usr/bin:/bin:/usr/local/bin')
  try {
    const dirs = lockstepGroup(path.join(root, 'src'))
    const run = async (limit: number): Promise<{ buildMs: number; checkMs: number }> => {
      const out = path.join(root, `out-${limit}`)
      const start = performance.now()
      const files = (
        await mapBounded(dirs, limit, (dir) => build(tools, dir, path.join(out, path.basename(dir)), false, 1_790_000_000))
      ).flat()
      const built = performance.now()
      await twineCheck(tools, files, root)
      return { buildMs: built - start, checkMs: performance.now() - built }
    }
    const cpus = os.availableParallelism()
    say(`pyship fan-out bench — ${COUNT} packages in one lockstep group, node ${process.version}, ${cpus} CPUs available`)
    const serial = await run(1)
    say(
      `builds one at a time                     ${(serial.buildMs / 1000).toFixed(1)} s; one twine check over ${COUNT * 2} files ${(serial.checkMs / 1000).toFixed(1)} s`
    )
    const parallel = await run(cpus)
    say(
      `builds ${cpus} at a time (availableParallelism)  ${(parallel.buildMs / 1000).toFixed(1)} s; one twine check ${(parallel.checkMs / 1000).toFixed(1)} s`
    )
    say(`speed-up of the builds                   ${(serial.buildMs / parallel.buildMs).toFixed(2)}×`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}, 900_000)
