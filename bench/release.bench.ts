/**
 * Release figures, printed (never asserted): time-to-fail of doomed releases, and a
 * platform release's wall time next to the sum of its parallel builds.
 * Run: npm run bench:release (needs git, python build/twine, and docker for the platform part).
 */
import { test } from '@jest/globals'
import { runActionAsync } from '../__fixtures__/action.js'
import { makeRepos } from '../__fixtures__/git.js'
import { startGithub } from '../__fixtures__/github-server.js'
import { startPypi } from '../__fixtures__/pypi-server.js'
import { startRegistry } from '../__fixtures__/registry.js'
import { requireTools } from '../__fixtures__/tools.js'

const say = (line: string): void => void process.stdout.write(`${line}\n`)

test('release figures', async () => {
  const tools = requireTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'])
  if (!tools.ok) return say(`release bench skipped: missing ${tools.missing.join(', ')}`)
  const docker = requireTools(['docker']).ok
  const repos = makeRepos('examples/dakora')
  const pypi = await startPypi({ tokens: ['pypi-bench'] })
  const github = await startGithub({ owner: 'acme', repo: 'dakora', bareRepo: repos.bare })
  const registry = docker ? await startRegistry() : null
  const run = async (component: string, extra: Record<string, string> = {}) => {
    const start = performance.now()
    const r = await runActionAsync(
      {
        command: 'release',
        component,
        'pypi-token': 'pypi-bench',
        'github-token': github.token,
        'pypi-url': pypi.url,
        'pypi-upload-url': pypi.uploadUrl,
        'build-isolation': 'false',
        ...(registry ? { registry: registry.host, 'registry-username': registry.username, 'registry-password': registry.password } : {}),
        ...extra
      },
      {
        workspace: repos.work,
        env: {
          PATH: '/usr/bin:/bin:/usr/local/bin',
          ...repos.env,
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: 'acme/dakora',
          GITHUB_REF_TYPE: 'branch',
          GITHUB_REF_NAME: 'main'
        }
      }
    )
    return { ...r, ms: performance.now() - start }
  }
  try {
    say(`pyship release bench — node ${process.version}`)
    pypi.addFile('dakora-client', '1.4.0', 'dakora_client-1.4.0-py3-none-any.whl', 'another build')
    const doomed = await run('sdk')
    say(`time-to-fail, version already on the index (E_PYPI_EXISTS)   ${doomed.ms.toFixed(0)} ms (exit ${doomed.status})`)
    pypi.files.length = 0
    if (registry) {
      const denied = await run('docker', { 'registry-password': 'wrong' })
      say(`time-to-fail, wrong registry password (E_REGISTRY_DENIED)   ${denied.ms.toFixed(0)} ms (exit ${denied.status})`)
    }
    const sdk = await run('sdk')
    say(`release sdk (test, build, twine check, upload, tag, release)  ${sdk.ms.toFixed(0)} ms (exit ${sdk.status})`)
    if (!registry) return say('platform release skipped: no docker daemon / registry')
    const platform = await run('platform')
    const steps = (JSON.parse(platform.outputs.plan) as { steps: { step: string; detail: string }[] }).steps
    const build = steps.find((s) => s.step === 'build')?.detail ?? ''
    const m = /Python ([\d.]+) s, images ([\d.]+) s/.exec(build)
    const rows = platform.summary.match(/<tr><td>build<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([\d.]+) s<\/td><\/tr>/)
    say(`release platform (cli + 2 images)                             ${platform.ms.toFixed(0)} ms (exit ${platform.status})`)
    if (m && rows) {
      const sum = Number(m[1]) + Number(m[2])
      say(
        `  build step wall time ${rows[1]} s; its parts: Python ${m[1]} s + images ${m[2]} s = ${sum.toFixed(1)} s if run one after the other`
      )
    }
  } finally {
    await Promise.all([pypi.close(), github.close(), registry?.close()])
    repos.remove()
  }
}, 300_000)
