import type { Deployment } from '../../src-main/sim/api/apps'
import type { Service } from '../../src-main/sim/api/core'
import { parseDurationMs } from '../../src-main/shared/duration'
import { Simulation } from '../../src-main/sim/simulation'
import { parseTrafficSpec } from '../../src-main/sim/traffic/traffic-spec'
import { measure, row } from './measure'

const HOUR_MS = 3_600_000

/** A Deployment of `replicas` nginx pods behind Service `web`, settled. */
function cluster(replicas: number): Simulation {
  const sim = new Simulation({ seed: 1 })
  const labels = { app: 'web' }
  sim.store.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      },
    },
  })
  sim.store.create<Service>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] },
  })
  sim.settle()
  sim.runFor(120_000)
  return sim
}

/**
 * What simulated traffic costs: an hour of virtual time under a steady client,
 * against the same hour without one. Requests are answered one by one, so the
 * cost grows with the rate, not with the cluster.
 */
export async function trafficBench(): Promise<string[]> {
  const out = ['Traffic (an hour of virtual time, 30 nginx pods behind a Service)']
  for (const rps of [0, 100, 1_000]) {
    const sim = cluster(30)
    if (rps > 0)
      sim.traffic.send(parseTrafficSpec(`web=${rps}`, parseDurationMs), 'default', sim.nowMs())
    const { ms } = await measure(() => sim.runFor(HOUR_MS))
    const sent = sim.traffic.views()[0]?.sent ?? 0
    out.push(
      row(
        rps === 0 ? 'no client' : `${rps} requests/s`,
        rps === 0
          ? `${ms.toFixed(0)} ms`
          : `${ms.toFixed(0)} ms, ${sent.toLocaleString('en')} requests, ` +
              `${Math.round(sent / (ms / 1000)).toLocaleString('en')} requests per wall second`,
      ),
    )
  }
  return out
}
