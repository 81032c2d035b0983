/**
 * The Docker CLI adapter (SPEC §4 release, §7 credentials) against a stand-in `docker` on
 * PATH: a shell script that records, per call, its argv, the environment pyship gave it
 * (DOCKER_CONFIG, SOURCE_DATE_EPOCH, DOCKER_BUILDKIT) and its standard input, and answers
 * as scripted (stdout, stderr, exit status per subcommand; `docker save` copies a prepared
 * tar to its --output). Checks the exact argv, the environment, the values returned, the
 * errors' codes and messages, and that secrets never reach argv or messages.
 */
import { afterAll, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { annotationArgs, buildArgv, Docker, type BuildSpec } from '../../src/adapters/docker.js'
import { configureExec } from '../../src/adapters/exec.js'
import { runCleanups } from '../../src/cancel.js'
import { PyshipError } from '../../src/errors.js'
import { setLogger } from '../../src/log.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'pyship-docker-cli-'))
afterAll(() => {
  configureExec(process.env)
  rmSync(root, { recursive: true, force: true })
})

const SCRIPT = `#!/bin/sh
d="$STANDIN_DIR"
n=$(cat "$d/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$d/count"
printf '%s\\n' "$@" > "$d/argv-$n"
printf 'DOCKER_CONFIG=%s\\nSOURCE_DATE_EPOCH=%s\\nDOCKER_BUILDKIT=%s\\n' "\${DOCKER_CONFIG-unset}" "\${SOURCE_DATE_EPOCH-unset}" "\${DOCKER_BUILDKIT-unset}" > "$d/env-$n"
sub="$1"; [ "$1" = buildx ] && sub="buildx-$2"
[ "$1" = login ] && cat > "$d/stdin-$n"
[ "$sub" = save ] && [ -f "$d/save.tar" ] && cp "$d/save.tar" "$3"
[ -f "$d/$sub.out" ] && cat "$d/$sub.out"
[ -f "$d/$sub.err" ] && cat "$d/$sub.err" >&2
exit $(cat "$d/$sub.status" 2>/dev/null || echo 0)
`

interface Call {
  argv: string[]
  env: Record<string, string>
  stdin?: string
}
interface StandIn {
  dir: string
  /** The temporary directory the Docker under test is given. */
  temp: string
  answer(sub: string, a: { out?: string; err?: string; status?: number }): void
  calls(): Call[]
}

let count = 0
function standIn(): StandIn {
  const dir = path.join(root, `s${++count}`)
  const bin = path.join(dir, 'bin')
  const temp = path.join(dir, 'temp')
  mkdirSync(bin, { recursive: true })
  mkdirSync(temp)
  writeFileSync(path.join(bin, 'docker'), SCRIPT, { mode: 0o755 })
  configureExec({ ...process.env, PATH: `${bin}:/usr/bin:/bin`, STANDIN_DIR: dir })
  return {
    dir,
    temp,
    answer(sub, a) {
      if (a.out !== undefined) writeFileSync(path.join(dir, `${sub}.out`), a.out)
      if (a.err !== undefined) writeFileSync(path.join(dir, `${sub}.err`), a.err)
      if (a.status !== undefined) writeFileSync(path.join(dir, `${sub}.status`), String(a.status))
    },
    calls() {
      const n = existsSync(path.join(dir, 'count')) ? Number(readFileSync(path.join(dir, 'count'), 'utf8')) : 0
      return Array.from({ length: n }, (_, i) => {
        const stdin = path.join(dir, `stdin-${i + 1}`)
        return {
          argv: readFileSync(path.join(dir, `argv-${i + 1}`), 'utf8')
            .split('\n')
            .slice(0, -1),
          env: Object.fromEntries(
            readFileSync(path.join(dir, `env-${i + 1}`), 'utf8')
              .trim()
              .split('\n')
              .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
          ),
          ...(existsSync(stdin) ? { stdin: readFileSync(stdin, 'utf8') } : {})
        }
      })
    }
  }
}

/** What a promise settled to: 'ok <value>', or the error's code and message. */
const outcome = async (p: Promise<unknown>): Promise<string> => {
  try {
    return `ok ${String(await p)}`
  } catch (error) {
    return error instanceof PyshipError ? `${error.code}: ${error.message}` : `not a PyshipError: ${String(error)}`
  }
}

let s: StandIn
beforeEach(() => {
  s = standIn()
})

describe('buildArgv and annotationArgs', () => {
  const spec: BuildSpec = {
    context: '/w/ctx',
    dockerfile: '/w/ctx/Dockerfile',
    tags: ['r/a:1', 'r/a:latest'],
    labels: { a: '1', b: 'x=y' },
    buildArgs: ['A', 'B'],
    platforms: []
  }
  const head = ['--file', '/w/ctx/Dockerfile', '--tag', 'r/a:1', '--tag', 'r/a:latest', '--label', 'a=1', '--label', 'b=x=y']
  const args = ['--build-arg', 'A', '--build-arg', 'B']
  const byDigest = { name: 'r/a', metadataFile: '/t/m.json' }
  const output = ['--provenance=false', '--output', 'type=image,name=r/a,push-by-digest=true,name-canonical=true,push=true']

  test.each<[string, Partial<BuildSpec>, boolean, string[]]>([
    ['classic, no platform', {}, false, ['build', ...head, ...args, '/w/ctx']],
    ['classic, a target', { target: 'prod' }, false, ['build', ...head, ...args, '--target', 'prod', '/w/ctx']],
    ['classic, an empty target', { target: '' }, false, ['build', ...head, ...args, '/w/ctx']],
    [
      'classic, one platform',
      { platforms: ['linux/arm64'] },
      false,
      ['build', ...head, ...args, '--platform', 'linux/arm64', '--no-cache', '/w/ctx']
    ],
    [
      'classic, two platforms (it cannot: none named)',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      false,
      ['build', ...head, ...args, '/w/ctx']
    ],
    ['buildx, no platform: loaded', {}, true, ['buildx', 'build', ...head, ...args, '--load', '/w/ctx']],
    [
      'buildx, one platform: loaded',
      { platforms: ['linux/amd64'] },
      true,
      ['buildx', 'build', ...head, ...args, '--platform', 'linux/amd64', '--load', '/w/ctx']
    ],
    [
      'buildx, two platforms, not by digest: not loaded',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      true,
      ['buildx', 'build', ...head, ...args, '--platform', 'linux/amd64,linux/arm64', '/w/ctx']
    ],
    [
      'buildx by digest, one platform: annotations on the manifest only',
      { platforms: ['linux/amd64'], pushByDigest: byDigest, annotations: { k: 'v' } },
      true,
      [
        'buildx',
        'build',
        ...head,
        ...args,
        '--platform',
        'linux/amd64',
        ...output,
        '--metadata-file',
        '/t/m.json',
        '--annotation',
        'manifest:k=v',
        '/w/ctx'
      ]
    ],
    [
      'buildx by digest, two platforms: annotations on the index and the manifests',
      { platforms: ['linux/amd64', 'linux/arm64'], pushByDigest: byDigest, annotations: { k: 'v' } },
      true,
      [
        'buildx',
        'build',
        ...head,
        ...args,
        '--platform',
        'linux/amd64,linux/arm64',
        ...output,
        '--metadata-file',
        '/t/m.json',
        '--annotation',
        'index:k=v',
        '--annotation',
        'manifest:k=v',
        '/w/ctx'
      ]
    ],
    [
      'buildx by digest, no platform, no annotations',
      { pushByDigest: byDigest },
      true,
      ['buildx', 'build', ...head, ...args, ...output, '--metadata-file', '/t/m.json', '/w/ctx']
    ]
  ])('%s', (_name, over, buildx, expected) => {
    expect(buildArgv({ ...spec, ...over }, buildx)).toEqual(expected)
  })

  test.each<[Record<string, string>, boolean, string[]]>([
    [{}, true, []],
    [{ a: '1', b: '2' }, false, ['--annotation', 'manifest:a=1', '--annotation', 'manifest:b=2']],
    [
      { a: '1', b: '2' },
      true,
      ['--annotation', 'index:a=1', '--annotation', 'index:b=2', '--annotation', 'manifest:a=1', '--annotation', 'manifest:b=2']
    ]
  ])('annotationArgs(%j, index %s)', (annotations, index, expected) => {
    expect(annotationArgs(annotations, index)).toEqual(expected)
  })
})

describe('login', () => {
  const PASSWORD = 'S3cret-pw-for-login'

  test('refused: E_REGISTRY_DENIED with the last line docker said, never the password', async () => {
    s.answer('login', { out: 'trying\n', err: 'Error response from daemon: unauthorized: incorrect username or password\n\n', status: 1 })
    const docker = new Docker(s.temp)
    const said = await outcome(docker.login('ghcr.io', 'bot', PASSWORD, s.dir))
    expect(said).toBe(
      'E_REGISTRY_DENIED: docker login to ghcr.io as bot was refused: Error response from daemon: unauthorized: incorrect username or password'
    )
    const [call] = s.calls()
    expect(call.argv).toEqual(['login', '--username', 'bot', '--password-stdin', 'ghcr.io'])
    expect(call.stdin).toBe(PASSWORD)
    expect(call.env.DOCKER_CONFIG).toBe(docker.configDir)
    expect(call.argv.join(' ')).not.toContain(PASSWORD)
    docker.dispose()
  })

  test('accepted: nothing thrown', async () => {
    s.answer('login', { out: 'Login Succeeded\n' })
    expect(await outcome(new Docker(s.temp).login('127.0.0.1:5000', 'u', PASSWORD, s.dir))).toBe('ok undefined')
  })
})

describe('hasBuildx', () => {
  test.each([
    [0, true],
    [1, false],
    [125, false]
  ])('buildx version exiting %i → %s, asked once per Docker, in its own DOCKER_CONFIG', async (status, expected) => {
    s.answer('buildx-version', { out: 'github.com/docker/buildx v0.17.1\n', status })
    const docker = new Docker(s.temp)
    expect(await docker.hasBuildx(s.dir)).toBe(expected)
    expect(await docker.hasBuildx(s.dir)).toBe(expected)
    expect(s.calls().map((c) => c.argv)).toEqual([['buildx', 'version']])
    expect(s.calls()[0].env.DOCKER_CONFIG).toBe(docker.configDir)
    docker.dispose()
  })
})

describe('build and buildByDigest', () => {
  const spec = (context: string, over: Partial<BuildSpec> = {}): BuildSpec => ({
    context,
    dockerfile: path.join(context, 'Dockerfile'),
    tags: ['r/a:1', 'r/a:latest'],
    labels: {},
    buildArgs: [],
    platforms: [],
    ...over
  })
  const context = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(s.dir, 'ctx-'))
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
    return dir
  }

  test.each([
    [0, 'unset', 'unset'],
    [1, '0', 'unset']
  ])('buildx version exiting %i: the build runs with DOCKER_BUILDKIT=%s and SOURCE_DATE_EPOCH', async (status, buildkit) => {
    s.answer('buildx-version', { status })
    const ctx = context({ Dockerfile: 'FROM scratch\n' })
    const docker = new Docker(s.temp)
    await docker.build(spec(ctx), s.dir, 1733300000)
    const build = s.calls()[1]
    expect(build.argv).toEqual(buildArgv(spec(ctx), status === 0))
    expect(build.env).toEqual({ DOCKER_CONFIG: docker.configDir, SOURCE_DATE_EPOCH: '1733300000', DOCKER_BUILDKIT: buildkit })
    docker.dispose()
  })

  test.each([
    ['nothing missing', { Dockerfile: 'FROM scratch\nCOPY app /app\n', app: 'x' }, ''],
    [
      'a COPY source missing',
      { Dockerfile: 'FROM scratch\nCOPY app /app\nCOPY lib /lib\n' },
      '; missing from the context: app (Dockerfile line 2: not in the context), lib (Dockerfile line 3: not in the context)'
    ]
  ])('a failed build (%s): E_DOCKER_BUILD naming the first tag and the last lines docker said', async (_name, files, missing) => {
    s.answer('buildx-version', { status: 1 })
    s.answer('build', { out: 'Step 1/2\nstep 2\n', err: 'error one\nerror two\n', status: 1 })
    const ctx = context(files)
    expect(await outcome(new Docker(s.temp).build(spec(ctx), s.dir, 1))).toBe(
      `E_DOCKER_BUILD: building r/a:1 failed: step 2 | error one | error two${missing}`
    )
  })

  test('buildByDigest: the digest buildx wrote to the metadata file', async () => {
    const ctx = context({ Dockerfile: 'FROM scratch\n' })
    const metadataFile = path.join(s.dir, 'meta.json')
    const digest = `sha256:${'0a'.repeat(32)}`
    writeFileSync(metadataFile, JSON.stringify({ 'containerimage.digest': digest }))
    const docker = new Docker(s.temp)
    expect(await docker.buildByDigest(spec(ctx, { pushByDigest: { name: 'r/a', metadataFile } }), s.dir, 1)).toBe(digest)
    expect(s.calls().map((c) => c.argv.slice(0, 2))).toEqual([
      ['buildx', 'version'],
      ['buildx', 'build']
    ])
  })

  test.each([
    [{}],
    [{ 'containerimage.digest': 7 }],
    [{ 'containerimage.digest': [`sha256:${'a'.repeat(64)}`] }],
    [{ 'containerimage.digest': `sha256:${'A'.repeat(64)}` }],
    [{ 'containerimage.digest': `sha256:${'a'.repeat(63)}` }],
    [{ 'containerimage.digest': `x sha256:${'a'.repeat(64)}` }],
    [{ 'containerimage.digest': `sha256:${'a'.repeat(64)}\n` }]
  ])('buildByDigest with metadata %j: E_DOCKER_BUILD', async (metadata) => {
    const ctx = context({ Dockerfile: 'FROM scratch\n' })
    const metadataFile = path.join(s.dir, 'meta.json')
    writeFileSync(metadataFile, JSON.stringify(metadata))
    expect(await outcome(new Docker(s.temp).buildByDigest(spec(ctx, { pushByDigest: { name: 'r/a', metadataFile } }), s.dir, 1))).toBe(
      `E_DOCKER_BUILD: buildx reported no digest for r/a in ${metadataFile}`
    )
  })
})

describe('push', () => {
  const D = `sha256:${'b'.repeat(64)}`
  test.each([
    [0, `1.0: digest: ${D} size: 528\n`, '', `ok ${D}`],
    [0, 'pushed, no digest line\n', '', 'E_VERIFY: docker push r/a:1 reported no digest'],
    [0, `digest: sha256:${'b'.repeat(63)} size: 1\n`, '', 'E_VERIFY: docker push r/a:1 reported no digest'],
    [
      1,
      'pushing\n',
      'denied: requested access to the resource is denied\n',
      'E_REGISTRY_DENIED: docker push r/a:1 failed: pushing | denied: requested access to the resource is denied'
    ],
    [1, '', 'UNAUTHORIZED: x\n', 'E_REGISTRY_DENIED: docker push r/a:1 failed: UNAUTHORIZED: x'],
    [1, 'Forbidden\n', '', 'E_REGISTRY_DENIED: docker push r/a:1 failed: Forbidden'],
    [1, 'a\nb\n', 'authentication required\n', 'E_REGISTRY_DENIED: docker push r/a:1 failed: b | authentication required'],
    [1, 'a\n', 'connection reset\n', 'E_DOCKER_BUILD: docker push r/a:1 failed: a | connection reset']
  ])('exit %i, stdout %j, stderr %j → %s', async (status, out, err, expected) => {
    s.answer('push', { out, err, status })
    const docker = new Docker(s.temp)
    expect(await outcome(docker.push('r/a:1', s.dir))).toBe(expected)
    expect(s.calls()).toEqual([
      { argv: ['push', 'r/a:1'], env: { DOCKER_CONFIG: docker.configDir, SOURCE_DATE_EPOCH: 'unset', DOCKER_BUILDKIT: 'unset' } }
    ])
    docker.dispose()
  })
})

describe('save', () => {
  /** A tar of `files` (name → content) as the stand-in's `docker save` output. */
  const saveTar = (files: Record<string, string>): void => {
    const tree = mkdtempSync(path.join(s.dir, 'tree-'))
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(tree, name)), { recursive: true })
      writeFileSync(path.join(tree, name), text)
    }
    spawnSync('tar', ['-cf', path.join(s.dir, 'save.tar'), '-C', tree, ...Object.keys(files)])
  }
  const read = async (stream: NodeJS.ReadableStream): Promise<string> => {
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  test('the config in memory, the layers streamed from the tar in pyship’s config directory; dispose removes the tar', async () => {
    saveTar({
      'manifest.json': JSON.stringify([
        { Config: 'blobs/c', Layers: ['blobs/l1', 'blobs/l2'] },
        { Config: 'other', Layers: [] }
      ]),
      'blobs/c': '{"os":"linux"}',
      'blobs/l1': 'layer one',
      'blobs/l2': 'two'
    })
    const docker = new Docker(s.temp)
    const image = await docker.save('r/a:1', s.dir)
    const file = path.join(docker.configDir, 'image-1.tar')
    expect(s.calls().map((c) => c.argv)).toEqual([['save', '--output', file, 'r/a:1']])
    expect(s.calls()[0].env.DOCKER_CONFIG).toBe(docker.configDir)
    expect(image.config.toString()).toBe('{"os":"linux"}')
    expect(image.layers.map((l) => l.size)).toEqual([9, 3])
    expect(await read(image.layers[0].open())).toBe('layer one')
    expect(await read(image.layers[1].open())).toBe('two')
    expect(existsSync(file)).toBe(true)
    image.dispose()
    expect(existsSync(file)).toBe(false)
    // a second save: another file
    await docker.save('r/a:2', s.dir)
    expect(s.calls()[1].argv[2]).toBe(path.join(docker.configDir, 'image-2.tar'))
    docker.dispose()
  })

  test.each<[string, Record<string, string> | null, string]>([
    ['a failing docker save', null, 'docker save r/a:1 failed: no such image | exit'],
    ['no manifest.json', { 'blobs/c': '{}' }, 'docker save r/a:1 wrote no manifest.json'],
    ['an empty manifest.json', { 'manifest.json': '[]' }, 'docker save r/a:1 wrote a manifest.json without layers'],
    [
      'a manifest.json without Layers',
      { 'manifest.json': '[{"Config":"c"}]', c: '{}' },
      'docker save r/a:1 wrote a manifest.json without layers'
    ],
    ['a layer missing', { 'manifest.json': '[{"Config":"c","Layers":["l"]}]', c: '{}' }, 'docker save r/a:1 wrote no l'],
    ['a layer not named by a string', { 'manifest.json': '[{"Config":"c","Layers":[7]}]', c: '{}' }, 'docker save r/a:1 wrote no 7'],
    ['the config missing', { 'manifest.json': '[{"Config":"c","Layers":[]}]' }, 'docker save r/a:1 wrote no c']
  ])('%s: E_DOCKER_BUILD, and no tar is left', async (_name, files, message) => {
    if (files) saveTar(files)
    else s.answer('save', { out: 'no such image\n', err: 'exit\n', status: 1 })
    const docker = new Docker(s.temp)
    expect(await outcome(docker.save('r/a:1', s.dir))).toBe(`E_DOCKER_BUILD: ${message}`)
    expect(readdirSync(docker.configDir)).toEqual([])
    docker.dispose()
  })

  test('a file that is not a tar: E_DOCKER_BUILD saying so, and it is removed', async () => {
    writeFileSync(path.join(s.dir, 'save.tar'), 'not a tar at all, ' + 'x'.repeat(600))
    const docker = new Docker(s.temp)
    expect(await outcome(docker.save('r/a:1', s.dir))).toMatch(
      /^E_DOCKER_BUILD: docker save r\/a:1 wrote a file pyship cannot read as a tar: ./
    )
    expect(readdirSync(docker.configDir)).toEqual([])
    docker.dispose()
  })
})

describe('the credentials directory', () => {
  test('addAuth without a config yet, or over one that is not JSON, writes a fresh one', () => {
    const docker = new Docker(s.temp)
    docker.addAuth('h1', 'u', 'p')
    const file = path.join(docker.configDir, 'config.json')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ auths: { h1: { auth: Buffer.from('u:p').toString('base64') } } })
    writeFileSync(file, '{not json')
    docker.addAuth('h2', 'v', 'q')
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ auths: { h2: { auth: Buffer.from('v:q').toString('base64') } } }, null, 2))
    docker.dispose()
  })

  test('a cancelled run removes it (cleanup); dispose before first use removes nothing', () => {
    const docker = new Docker(s.temp)
    docker.dispose()
    expect(readdirSync(s.temp)).toEqual([])
    const config = docker.configDir
    expect(existsSync(config)).toBe(true)
    runCleanups()
    expect(existsSync(config)).toBe(false)
    // and an explicit dispose after it (the run's own finally) is no error
    expect(() => docker.dispose()).not.toThrow()
  })
})

test('the log: the command and output of build and push; nothing of docker version, buildx version or login', async () => {
  const logged: string[] = []
  setLogger((line) => logged.push(line))
  try {
    for (const sub of ['version', 'buildx-version', 'login', 'build', 'push']) s.answer(sub, { out: `${sub} said\n` })
    s.answer('buildx-version', { status: 1 })
    s.answer('push', { out: `digest: sha256:${'c'.repeat(64)} size: 1\n` })
    const ctx = mkdtempSync(path.join(s.dir, 'ctx-'))
    writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\n')
    const docker = new Docker(s.temp)
    await docker.serverVersion(s.dir)
    await docker.login('ghcr.io', 'bot', 'pw-never-logged', s.dir)
    await docker.build(
      { context: ctx, dockerfile: path.join(ctx, 'Dockerfile'), tags: ['r/a:1'], labels: {}, buildArgs: [], platforms: [] },
      s.dir,
      1
    )
    await docker.push('r/a:1', s.dir)
    docker.dispose()
    expect(logged).toEqual([
      `$ docker build --file ${path.join(ctx, 'Dockerfile')} --tag r/a:1 ${ctx}`,
      '  build said',
      '$ docker push r/a:1',
      `  digest: sha256:${'c'.repeat(64)} size: 1`
    ])
  } finally {
    setLogger(() => undefined)
  }
})
