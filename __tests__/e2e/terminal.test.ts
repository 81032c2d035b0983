/**
 * pyship in a real terminal (a pty from util-linux `script`): coloured `▶ step` /
 * `✔ step (1.2 s)` lines, the tools' output in whole lines with the step as prefix,
 * plain text with NO_COLOR, and Ctrl-C stopping everything with exit 130. Under
 * Actions the same release folds each step's tool output into a log group.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { BUNDLE } from '../../__fixtures__/action.js'
import { logged, PYPI_TOKEN, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

interface PtyRun {
  status: number | null
  /** Everything the terminal showed (stdout and stderr together, \r\n line ends). */
  screen: string
}

/** Run `pyship <args>` on a pty; `onOutput` may type into the terminal. */
function onPty(
  args: string[],
  options: { cwd: string; env: Record<string, string>; onOutput?: (screen: string, type: (keys: string) => void) => void }
): Promise<PtyRun> {
  const quoted = [process.execPath, BUNDLE, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] })
  let screen = ''
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString('utf8')
      options.onOutput?.(screen, (keys) => child.stdin.write(keys))
    })
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, screen })
    })
  })
}

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest', 'script'], 'a release on a terminal (util-linux script)', () => {
  let world: World
  beforeEach(async () => {
    world = await startWorld()
  })
  afterEach(() => world.close())

  const args = (): string[] => [
    'release',
    'sdk',
    '--pypi-url',
    world.pypi.url,
    '--pypi-upload-url',
    world.pypi.uploadUrl,
    '--no-build-isolation'
  ]
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...world.env(),
    GITHUB_TOKEN: world.github.token,
    PYPI_API_TOKEN: PYPI_TOKEN,
    TERM: 'xterm',
    ...extra
  })

  test('coloured step lines, tool output in whole lines prefixed with its step', async () => {
    const run = await onPty(args(), { cwd: world.repos.work, env: env() })
    expect(run.status).toBe(0)
    const lines = run.screen.split(/\r?\n/)
    expect(run.screen).toContain('\x1b[36m▶\x1b[0m \x1b[1mpreflight\x1b[0m')
    const esc = (code: string): string => `\x1b[${code}m`
    expect(run.screen).toMatch(new RegExp(`${esc('32').replace('[', '\\[')}✔`))
    expect(run.screen).toContain(`${esc('32')}✔${esc('0')} ${esc('1')}build${esc('0')} ${esc('2')}(`)
    // the tools' output: each line whole, tagged with the step it belongs to
    const toolLines = lines.filter((l) => l.includes('build │'))
    expect(toolLines.length).toBeGreaterThan(0)
    expect(lines.some((l) => /test │.*(passed|no tests ran)/.test(l))).toBe(true)
    expect(lines.some((l) => /build │.*Successfully built/.test(l))).toBe(true)
  })

  test('NO_COLOR: the same lines without escape sequences', async () => {
    const run = await onPty(args(), { cwd: world.repos.work, env: env({ NO_COLOR: '1' }) })
    expect(run.status).toBe(0)
    // pyship's own lines (the tools may colour theirs)
    const own = run.screen.split(/\r?\n/).filter((l) => /^(\S*▶|\S*✔|\S*○|\s+\S+ │)/.test(l) || l.startsWith('\x1b'))
    expect(own.length).toBeGreaterThan(10)
    for (const line of own) expect(line.replace(/│.*$/, '')).not.toContain('\x1b[')
    expect(run.screen).toMatch(/✔ publish \(\d+\.\d s\) done/)
  })

  test('Ctrl-C stops the release and its tools: exit 130, nothing published', async () => {
    let typed = false
    const run = await onPty(args(), {
      cwd: world.repos.work,
      env: env(),
      onOutput: (screen, type) => {
        if (!typed && screen.includes('build │')) {
          typed = true
          type('\x03')
        }
      }
    })
    expect(typed).toBe(true)
    expect(run.status).toBe(130)
    expect(run.screen).toContain('pyship: interrupted (SIGINT)')
    expect(world.pypi.files).toEqual([])
  })

  test("under Actions each step's tool output is a collapsible group", async () => {
    const run = await world.action('release', 'sdk')
    expect(run.status).toBe(0)
    const log = logged(run)
    expect(log).toContain('::group::▶ build')
    expect(log).toMatch(/::endgroup::\n✔ build \(\d+\.\d s\) done/)
    for (const line of log.split('\n').filter((l) => /^(::group::|✔|○|▶)/.test(l))) expect(line).not.toContain('\x1b[')
  })
})
