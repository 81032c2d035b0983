/** 3. test — each package's tests (`uv run pytest`, or `python -m pytest`), once per package. */
import { runTests } from '../../adapters/python.js'
import type { Step } from '../pipeline.js'
import { type ReleaseState, finishedRelease } from '../state.js'

export const test: Step<ReleaseState> = {
  name: 'test',
  alreadyDone: finishedRelease,
  async run(state) {
    const { inputs, tools, notices } = state
    if (!inputs.runTests) return { status: 'skipped', detail: 'run-tests is false' }
    const ran: string[] = []
    const seen = new Set<string>()
    for (const t of state.targets) {
      for (const pkg of t.plan.tested) {
        if (pkg.tests === 'skip' || seen.has(pkg.dir)) continue
        seen.add(pkg.dir)
        const outcome = await runTests(
          tools,
          inputs.pythonVersion,
          { dir: pkg.absDir, name: pkg.name, requiresPython: pkg.requiresPython },
          pkg.tests === 'optional'
        )
        if (!`${outcome.python}.`.startsWith(`${inputs.pythonVersion}.`)) {
          notices.push(
            `tests of ${pkg.name} ran with Python ${outcome.python}, not python-version ${inputs.pythonVersion} (${tools.python} was the closest interpreter on PATH; install uv or python${inputs.pythonVersion})`
          )
        }
        ran.push(`${pkg.name}: ${outcome.status} (Python ${outcome.python})`)
      }
    }
    return ran.length ? { status: 'done', detail: ran.join('; ') } : { status: 'skipped', detail: 'tests = "skip"' }
  }
}
