/**
 * The CLI writes its lines straight to the file descriptors (src/stdio.ts): a table
 * larger than a pipe holds arrives whole and in order when the reader is slow, and a
 * reader that goes away early (`| head -1`) ends the output without an error.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { BUNDLE } from '../../__fixtures__/action.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'
import { SYSTEM_PYTHON } from '../../__fixtures__/tools.js'

afterAll(removeTempDirs)

const COUNT = 1500

/** A uv workspace of COUNT packages: `check` prints a table of about 80 KB, more than a pipe buffer. */
function bigWorkspace(): string {
  const files: Tree = { 'pyproject.toml': '[project]\nname = "root"\nversion = "0.0.0"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n' }
  for (let i = 0; i < COUNT; i++) files[`packages/p${i}/pyproject.toml`] = `[project]\nname = "p${i}"\nversion = "1.0.0"\n`
  return writeTree(tempDir(), files)
}

describe('CLI output', () => {
  const repo = bigWorkspace()

  test.each([
    ['a blocking pipe', false],
    ['a non-blocking pipe (writes that cannot go now fail with EAGAIN)', true]
  ])('a reader that waits, on %s, gets every line, in order', (_what, nonBlocking) => {
    // Python holds the pipe's reading end and reads only after half a second
    const reader = [
      'import fcntl, os, subprocess, sys, time',
      'r, w = os.pipe()',
      `if ${nonBlocking ? 'True' : 'False'}: fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)`,
      'p = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.5)',
      'out = b""',
      'while chunk := os.read(r, 65536): out += chunk',
      'sys.stdout.buffer.write(out)',
      'sys.exit(p.wait())'
    ].join('\n')
    const run = spawnSync(SYSTEM_PYTHON, ['-c', reader, process.execPath, BUNDLE, 'check', '--cwd', repo], {
      encoding: 'utf8',
      maxBuffer: 1 << 24
    })
    expect(run.status).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    const rows = lines.filter((l) => /^p\d+ /.test(l)).map((l) => /^p\d+/.exec(l)?.[0])
    expect(rows).toHaveLength(COUNT)
    expect(rows).toEqual([...rows].sort())
    expect(lines[0]).toMatch(/^Package\s+Path/)
    expect(lines.at(-1)).toBe(`check: ${COUNT + 1} packages: ${COUNT + 1} static (no groups configured), versions consistent`)
  })

  test('a reader that stops after the first line: exit 0, nothing on standard error', () => {
    // the paths reach bash as arguments, never inside the script text
    const run = spawnSync(
      'bash',
      ['-c', '"$1" "$2" check --cwd "$3" | head -1; echo "status=${PIPESTATUS[0]}" >&2', 'bash', process.execPath, BUNDLE, repo],
      { encoding: 'utf8' }
    )
    expect(run.stdout).toMatch(/^Package\s+Path/)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    expect(run.stderr.trim()).toBe('status=0')
  })
})
