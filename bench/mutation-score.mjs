#!/usr/bin/env node
/**
 * Mutation score per module from Stryker's JSON report (mutation-testing-report-schema),
 * the way bench/ prints figures:
 *
 *   npm run mutate -- --mutate src/inputs.ts && npm run mutate:score
 *   node bench/mutation-score.mjs [reports/mutation/mutation.json] [--survivors]
 *
 * score = killed / (killed + survived + no coverage), timeouts counted as killed (as
 * Stryker does); compile errors and ignored mutants are left out.
 */
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json'
const showSurvivors = args.includes('--survivors')
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  console.error(`no mutation report at ${file} (${error.code ?? error.message}): run \`npm run mutate\` first`)
  process.exit(1)
}

const rows = []
const survivors = []
for (const [name, { mutants, source }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const count = (...states) => mutants.filter((m) => states.includes(m.status)).length
  const killed = count('Killed', 'Timeout')
  const survived = count('Survived')
  const noCoverage = count('NoCoverage')
  const valid = killed + survived + noCoverage
  rows.push({
    name,
    killed,
    survived,
    noCoverage,
    errors: count('CompileError', 'RuntimeError'),
    score: valid ? (100 * killed) / valid : NaN
  })
  const lines = source.split('\n')
  for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    const { line, column } = m.location.start
    const original = (lines[line - 1] ?? '').trim().slice(0, 100)
    survivors.push(
      `${name}:${line}:${column} ${m.status} ${m.mutatorName}${m.replacement !== undefined ? ` → ${JSON.stringify(m.replacement).slice(0, 80)}` : ''}\n    ${original}`
    )
  }
}
const total = rows.reduce((t, r) => ({ killed: t.killed + r.killed, valid: t.valid + r.killed + r.survived + r.noCoverage }), {
  killed: 0,
  valid: 0
})
const width = Math.max(6, ...rows.map((r) => r.name.length))
const pad = (s, n) => String(s).padStart(n)
console.log(
  `${'module'.padEnd(width)}  ${pad('score', 7)}  ${pad('killed', 6)}  ${pad('survived', 8)}  ${pad('no cov', 6)}  ${pad('errors', 6)}`
)
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width)}  ${pad(Number.isNaN(r.score) ? 'n/a' : `${r.score.toFixed(1)} %`, 7)}  ${pad(r.killed, 6)}  ${pad(r.survived, 8)}  ${pad(r.noCoverage, 6)}  ${pad(r.errors, 6)}`
  )
}
console.log(`${'all'.padEnd(width)}  ${pad(total.valid ? `${((100 * total.killed) / total.valid).toFixed(1)} %` : 'n/a', 7)}`)
if (showSurvivors && survivors.length) console.log(`\nsurviving mutants:\n${survivors.join('\n')}`)
