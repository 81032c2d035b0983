/**
 * preflight asks the Docker CLI for its daemon's version before anything is built
 * (`Docker.serverVersion`): a stand-in `docker` on PATH answers as the real one does when the
 * daemon runs, when it does not, and when there is no docker at all. Asking writes nothing:
 * pyship's credentials directory is made only when a command needs it.
 */
import { afterAll, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Docker } from '../../src/adapters/docker.js'
import { configureExec } from '../../src/adapters/exec.js'
import { PyshipError } from '../../src/errors.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-docker-probe-'))
afterAll(() => {
  configureExec(process.env)
  rmSync(dir, { recursive: true, force: true })
})

/** A `docker` on PATH that records its argv and DOCKER_CONFIG, prints `out`, `err` and exits with `status`; none when `script` is null. */
function standIn(name: string, script: { out: string; err: string; status: number } | null): string {
  const bin = path.join(dir, name, 'bin')
  mkdirSync(bin, { recursive: true })
  if (script)
    writeFileSync(
      path.join(bin, 'docker'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/${name}/argv"\nprintf '%s' "$DOCKER_CONFIG" > "${dir}/${name}/config"\nprintf '${script.out}'\nprintf '${script.err}' >&2\nexit ${script.status}\n`,
      { mode: 0o755 }
    )
  chmodSync(bin, 0o755)
  // the stand-in alone: the machine's own docker is never reached
  configureExec({ ...process.env, PATH: bin })
  return path.join(dir, name)
}

test.each([
  ['the daemon answers: its version', 'up', { out: '27.3.1\\n', err: '', status: 0 }, '27.3.1'],
  [
    'the daemon does not answer: E_DOCKER_BUILD with what docker said',
    'down',
    {
      out: 'Client: Docker Engine\\n',
      err: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\\n',
      status: 1
    },
    new PyshipError(
      'E_DOCKER_BUILD',
      'docker is not usable here: Client: Docker Engine | Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'
    )
  ]
])(
  'Docker.serverVersion: %s; docker version asked for the server version only, with no DOCKER_CONFIG of pyship',
  async (_name, name, script, said) => {
    const home = standIn(name, script)
    const temp = mkdtempSync(path.join(home, 'temp-'))
    const docker = new Docker(temp)
    const answer = docker.serverVersion(home)
    if (said instanceof PyshipError) {
      await expect(answer).rejects.toMatchObject({
        code: said.code,
        message: said.message,
        hint: 'Images are built with the Docker CLI and a running daemon (ubuntu-latest runners have both).'
      })
    } else await expect(answer).resolves.toBe(said)
    expect(readFileSync(path.join(home, 'argv'), 'utf8')).toBe('version\n--format\n{{.Server.Version}}\n')
    expect(readFileSync(path.join(home, 'config'), 'utf8')).toBe('')
    // nothing written: the credentials directory is made only when a command needs it
    expect(readdirSync(temp)).toEqual([])
  }
)

test('Docker.serverVersion with no docker on PATH: E_DOCKER_BUILD saying so', async () => {
  const home = standIn('none', null)
  await expect(new Docker(home).serverVersion(home)).rejects.toMatchObject({
    code: 'E_DOCKER_BUILD',
    message: expect.stringMatching(/^docker is not usable here: .*ENOENT/)
  })
})

test('the credentials directory is made at first use, below the temporary directory, and removed by dispose', () => {
  const temp = mkdtempSync(path.join(dir, 'lazy-'))
  const docker = new Docker(temp)
  expect(readdirSync(temp)).toEqual([])
  const config = docker.configDir
  expect(path.dirname(config)).toBe(temp)
  expect(readdirSync(temp)).toEqual([path.basename(config)])
  expect(docker.configDir).toBe(config)
  docker.dispose()
  expect(readdirSync(temp)).toEqual([])
})
