import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { gitopsBench } from './gitops.bench'
import { machine, peakRssMiB } from './measure'
import { schedulerBench } from './scheduler.bench'
import { largeFillBench, largeFillLiftedBench, simulationBench } from './simulation.bench'
import { trafficBench } from './traffic.bench'

const groups: Record<string, () => Promise<string[]>> = {
  simulation: simulationBench,
  // Each 150,000-pod fill in a fresh process, as the app starts with one cluster.
  'large-fill': largeFillBench,
  'large-fill-lifted': largeFillLiftedBench,
  scheduler: schedulerBench,
  traffic: trafficBench,
  gitops: gitopsBench,
}

/** The line a group's process ends with: its peak memory, read by the parent. */
const PEAK = 'peak-rss-mib '

/**
 * Runs one group in a process of its own, with this process's flags (heap
 * limit, `--expose-gc`), passing its figures through as they come. Returns
 * the group's peak memory.
 */
function runGroup(name: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), name],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let peak = 0
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith(PEAK)) peak = Number(line.slice(PEAK.length))
    else console.log(line)
  })
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(peak) : reject(new Error(`the ${name} bench exited with ${code}`)),
    ),
  )
}

/**
 * `npm run bench`: prints figures; nothing here passes or fails. Each group
 * runs in a fresh process, so that one's leftovers (a 150,000-pod fill leaves
 * a large, fragmented heap) do not slow the next, and the peak memory
 * printed is the largest any group reached.
 */
const only = process.argv[2]
if (only) {
  for (const line of await groups[only]!()) console.log(line)
  console.log(`${PEAK}${peakRssMiB()}`)
} else {
  console.log(`Drydock benchmarks on ${machine()}`)
  let peak = 0
  for (const name of Object.keys(groups)) peak = Math.max(peak, await runGroup(name))
  console.log(`Peak memory (RSS): ${peak} MiB`)
}
