import { gitopsBench } from './gitops.bench'
import { machine, peakRssMiB } from './measure'
import { schedulerBench } from './scheduler.bench'
import { simulationBench } from './simulation.bench'
import { trafficBench } from './traffic.bench'

/** `npm run bench`: prints figures; nothing here passes or fails. */
console.log(`Drydock benchmarks on ${machine()}`)
for (const bench of [simulationBench, schedulerBench, trafficBench, gitopsBench]) {
  for (const line of await bench()) console.log(line)
}
console.log(`Peak memory (RSS): ${peakRssMiB()} MiB`)
