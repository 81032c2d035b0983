/** A tool's output is relayed in whole lines, however the pipe splits it. */
import { expect, test } from '@jest/globals'
import { exec } from '../../src/adapters/exec.js'
import { setLogger, stepFinished, stepStarted, type LogEvent } from '../../src/log.js'

test('chunks that end mid-line are joined; \\r redraws keep the last; the last line without \\n is kept', async () => {
  const seen: [string, LogEvent][] = []
  setLogger((line, event) => seen.push([line, event]))
  const script = `
    const w = (s) => new Promise((r) => process.stdout.write(s, () => setTimeout(r, 30)))
    ;(async () => { await w('hel'); await w('lo\\r\\nwor'); await w('ld\\n10%\\r50%\\r100%\\n'); process.stderr.write('é'.repeat(3)); await w('tail') })()`
  stepStarted('build')
  const r = await exec(process.execPath, ['-e', script], { cwd: process.cwd() })
  stepFinished('build', 'done', '', 1)
  expect(r.status).toBe(0)
  expect(r.stdout).toBe('hello\r\nworld\n10%\r50%\r100%\ntail')
  const output = seen.filter(([, e]) => e.kind === 'output')
  expect(output.map(([line]) => line).sort()).toEqual(['  hello', '  world', '  100%', '  tail', '  ééé'].sort())
  expect(output.every(([, e]) => e.kind === 'output' && e.step === 'build')).toBe(true)
})
