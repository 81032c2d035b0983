/**
 * SPEC §7: credentials never appear in a process's argv. `docker login` gets the password on
 * its standard input (`--password-stdin`), into pyship's own temporary DOCKER_CONFIG, which is
 * removed at the end. A stand-in `docker` on PATH records what it was given.
 */
import { afterAll, expect, test } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Docker } from '../../src/adapters/docker.js'
import { configureExec } from '../../src/adapters/exec.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-docker-login-'))
afterAll(() => {
  configureExec(process.env)
  rmSync(dir, { recursive: true, force: true })
})

test('the password goes to docker login on stdin, never on its command line, and the config directory is removed', async () => {
  const bin = path.join(dir, 'bin')
  mkdirSync(bin, { recursive: true })
  writeFileSync(
    path.join(bin, 'docker'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\nprintf '%s' "$DOCKER_CONFIG" > "${dir}/config"\ncat > "${dir}/stdin"\n`
  )
  chmodSync(path.join(bin, 'docker'), 0o755)
  configureExec({ ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` })
  const docker = new Docker(dir)
  await docker.login('ghcr.io', 'pyship-bot', 'S3CRET-registry-password', dir)
  const argv = readFileSync(path.join(dir, 'argv'), 'utf8').trim().split('\n')
  expect(argv).toEqual(['login', '--username', 'pyship-bot', '--password-stdin', 'ghcr.io'])
  expect(readFileSync(path.join(dir, 'stdin'), 'utf8')).toBe('S3CRET-registry-password')
  const config = readFileSync(path.join(dir, 'config'), 'utf8')
  expect(config.startsWith(path.join(dir, 'pyship-docker-'))).toBe(true)
  docker.dispose()
  expect(existsSync(config)).toBe(false)
})

test("another host's login, copied from the runner's docker config, joins docker login's entry in pyship's own config (owner-only), never on a command line", () => {
  const docker = new Docker(dir)
  const file = path.join(docker.configDir, 'config.json')
  // what `docker login` to the registry input wrote first
  writeFileSync(file, JSON.stringify({ auths: { 'ghcr.io': { auth: 'Z2hjcg==' } }, currentContext: 'default' }), { mode: 0o644 })
  docker.addAuth('https://index.docker.io/v1/', 'hubuser', 'hub-pass')
  docker.addAuth('localhost:5001', 'local', 'pa:ss')
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
    auths: {
      'ghcr.io': { auth: 'Z2hjcg==' },
      'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hub-pass').toString('base64') },
      'localhost:5001': { auth: Buffer.from('local:pa:ss').toString('base64') }
    },
    currentContext: 'default'
  })
  expect(statSync(file).mode & 0o777).toBe(0o600)
  docker.dispose()
  expect(existsSync(file)).toBe(false)
})
