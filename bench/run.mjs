#!/usr/bin/env node
// Performance figures (printed, never asserted): pyship vs a plain Python script
// (bench/check_versions.py: tomllib + packaging) on generated workspaces — check at
// 10/100/1,000/5,000 packages, check of 100/1,000 independent packages (one table vs a group each), a dry-run bump of one group of 5,000, peak memory —
// and start-up against `node -e 0`. Runs alternate between the two sides; medians.
// Usage: npm run bench [-- --runs N] [-- --bundle path/to/index.js] [-- --sizes 10,100] [-- --independent 100,1000] [-- --startup (start-up only)]
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateWorkspace } from './workspace.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined)
const bundle = path.resolve(arg('--bundle') ?? path.join(root, 'dist', 'index.js'))
const runs = Number(arg('--runs')) || 5
const startupOnly = process.argv.includes('--startup')
const sizes = startupOnly ? [] : (arg('--sizes') ?? '10,100,1000,5000').split(',').map(Number)
const script = path.join(root, 'bench', 'check_versions.py')
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
const python = spawnSync('python3', ['-c', 'import tomllib, packaging'], { encoding: 'utf8' }).status === 0 ? 'python3' : null

/** Wall time (ms) and peak RSS (MiB) of one run. */
function once(cmd, args, cwd) {
  const [file, argv] = timeBin ? [timeBin, ['-f', '%M', cmd, ...args]] : [cmd, args]
  const start = process.hrtime.bigint()
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`)
  const kb = timeBin ? Number(r.stderr.trim().split('\n').pop()) : NaN
  return { ms, mib: kb / 1024 }
}

/** Alternate the commands `n` times; the median time and the highest peak memory of each. */
function compare(commands, cwd, n) {
  const samples = commands.map(() => [])
  for (let i = 0; i < n; i++) commands.forEach(([cmd, args], k) => samples[k].push(once(cmd, args, cwd)))
  return samples.map((s) => {
    const times = s.map((x) => x.ms).sort((a, b) => a - b)
    return { ms: times[Math.floor(times.length / 2)], mib: Math.max(...s.map((x) => x.mib)) }
  })
}

const sec = (ms) => `${(ms / 1000).toFixed(2)} s`
const mem = (mib) => (Number.isNaN(mib) ? 'n/a' : `${mib.toFixed(0)} MiB`)
const row = (cells) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(11))).join(' '))

console.log(
  `pyship bench — node ${process.version}, ${os.cpus().length} cores, ${bundle === path.join(root, 'dist', 'index.js') ? 'dist/index.js' : bundle}; medians of ${runs} alternating runs`
)
if (!python) console.log('(python3 with packaging not found: Python columns left out)')
row(['', 'pyship', 'Python', 'ratio', 'pyship mem', 'Python mem', 'ratio'])
const side = (label, nodeArgs, pyArgs, cwd, n) => {
  const commands = [[process.execPath, nodeArgs], ...(python ? [['python3', pyArgs]] : [])]
  const [ours, theirs] = compare(commands, cwd, n)
  row([
    label,
    sec(ours.ms),
    theirs ? sec(theirs.ms) : '',
    theirs ? `${(ours.ms / theirs.ms).toFixed(2)}×` : '',
    mem(ours.mib),
    theirs ? mem(theirs.mib) : '',
    theirs ? `${(ours.mib / theirs.mib).toFixed(2)}×` : ''
  ])
}
for (const n of sizes) {
  const dir = generateWorkspace(n, 10)
  try {
    side(`check, ${n.toLocaleString('en')} packages`, [bundle, 'check'], [script, '.'], dir, n >= 5000 ? Math.min(runs, 3) : runs)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
// many independent packages: one [independent] table against the same packages as one
// explicit group each (the config it replaces); pyship on both sides
for (const n of startupOnly ? [] : (arg('--independent') ?? '100,1000').split(',').map(Number)) {
  const one = generateWorkspace(n, n, { independent: true })
  const each = generateWorkspace(n, n)
  try {
    const [table, groups] = [one, each].map((dir) => compare([[process.execPath, [bundle, 'check']]], dir, runs)[0])
    console.log(
      `check, ${n.toLocaleString('en')} independent packages: one [independent] table ${sec(table.ms)} (${mem(table.mib)}), ${n.toLocaleString('en')} [groups.x] ${sec(groups.ms)} (${mem(groups.mib)})`
    )
  } finally {
    rmSync(one, { recursive: true, force: true })
    rmSync(each, { recursive: true, force: true })
  }
}
const big = startupOnly ? null : generateWorkspace(5000, 1)
if (big) {
  try {
    side(
      'bump one group of 5,000 (dry run)',
      [bundle, 'bump', 'g0', '2.0.0', '--dry-run'],
      [script, '.', '--bump', 'g0', '2.0.0'],
      big,
      Math.min(runs, 3)
    )
  } finally {
    rmSync(big, { recursive: true, force: true })
  }
}

// start-up: the whole run of check and of a dry-run bump on the example (3 packages) against
// `node -e 0`, alternating, with stdout and stderr piped as a runner does; wall-clock medians
// and minimums (a shared machine adds noise to single runs), and instructions executed when
// valgrind is there (the same count every run). NODE_EXTRA_CA_CERTS makes node itself parse a
// certificate bundle at every start (node -e 0 takes far longer): when it is set, the figures
// are also given without it, the stricter ratio.
const example = path.join(root, 'examples', 'dakora')
const starts = [
  ['node -e 0', ['-e', '0']],
  ['pyship check', [bundle, 'check', '--cwd', example]],
  ['pyship bump (dry run)', [bundle, 'bump', 'platform', 'patch', '--dry-run', '--cwd', example]]
]
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const haveValgrind = spawnSync('valgrind', ['--version']).status === 0
function startUp(env, title) {
  const samples = starts.map(() => [])
  for (let i = 0; i < Math.max(runs * 6, 31); i++) {
    starts.forEach(([, args], k) => {
      const at = process.hrtime.bigint()
      spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
      samples[k].push(Number(process.hrtime.bigint() - at) / 1e6)
    })
  }
  const instructions = (args) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], {
      cwd: root,
      env,
      encoding: 'utf8'
    })
    const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '')
    return m ? Number(m[1].replace(/,/g, '')) : null
  }
  const counted = haveValgrind ? starts.map(([, args]) => instructions(args)) : null
  console.log(`start-up, ${title}:`)
  starts.forEach(([label], k) => {
    const ratio = (f) => (f(samples[k]) / f(samples[0])).toFixed(2)
    const count = counted?.[k] ? `, ${(counted[k] / 1e6).toFixed(0)} M instructions (${(counted[k] / counted[0]).toFixed(2)}×)` : ''
    console.log(
      `  ${label.padEnd(22)} median ${median(samples[k]).toFixed(0)} ms (${ratio(median)}× node's), fastest ${Math.min(...samples[k]).toFixed(0)} ms (${ratio((xs) => Math.min(...xs))}×)${count}`
    )
  })
}
startUp(process.env, process.env.NODE_EXTRA_CA_CERTS ? 'as this machine runs node (NODE_EXTRA_CA_CERTS set)' : 'as this machine runs node')
if (process.env.NODE_EXTRA_CA_CERTS) {
  const clean = { ...process.env }
  delete clean.NODE_EXTRA_CA_CERTS
  startUp(clean, 'without NODE_EXTRA_CA_CERTS')
}
if (!haveValgrind) console.log('(valgrind not found: no instruction counts)')
console.log(
  `dist/index.js ${(statSync(bundle).size / 1024).toFixed(0)} KiB: the CLI, check and bump; the other commands' code is in chunks loaded on demand`
)
