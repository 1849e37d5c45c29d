import { afterAll, describe, expect, it } from 'vitest'
import type { ReplayReport } from '../../src-main/shared/replay-dto'
import type { SyncReport } from '../../src-main/shared/dto'
import { drydock } from '../helpers/cli'
import { fixtureText } from '../helpers/fixtures'
import { commitFiles, initRepo, removeDir } from '../helpers/git'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

/** The slow-starting API behind a Service, then the same at 2.0: a rolling update under load. */
function apiRepo(variant: string): string {
  const dir = initRepo()
  dirs.push(dir)
  const files = (tag: string) => ({
    'image.yaml': fixtureText('traffic', 'image-api.yaml'),
    'service.yaml': fixtureText('traffic', 'service-api.yaml'),
    'deployment.yaml': fixtureText('traffic', `deployment-api-${variant}.yaml`).replace(
      'shop/api:1.0',
      `shop/api:${tag}`,
    ),
  })
  commitFiles(dir, files('1.0'), 'Deploy the API')
  commitFiles(dir, files('2.0'), 'Roll the API out to 2.0')
  return dir
}

function replayTraffic(variant: string) {
  const run = drydock('replay', apiRepo(variant), '--traffic', 'api=50', '--for', '2m', '--json')
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  const report = JSON.parse(run.stdout) as ReplayReport
  expect(report.commits.map((c) => c.phase)).toEqual(['Succeeded', 'Succeeded'])
  return report.traffic[0]!
}

describe('drydock --traffic', () => {
  it('replays a rolling update under load: none lost with a readiness probe and a preStop pause', () => {
    const t = replayTraffic('readiness-prestop')
    expect(t.traffic).toBe('api=50')
    expect(t.target).toBe('Service default/api through its ClusterIP, path /')
    expect(t.sent).toBeGreaterThan(4_000)
    expect(t.failed).toBe(0)
    expect(t.succeeded).toBe(t.sent)
  })

  it('says how many a rollout without a readiness probe loses, why and when', () => {
    const t = replayTraffic('no-readiness')
    expect(t.failed).toBeGreaterThan(100)
    expect(t.failedBy.connectionRefused).toBeGreaterThan(100)
    expect(t.lossWindows.length).toBeGreaterThan(0)
    const text = drydock('replay', apiRepo('no-readiness'), '--traffic', 'api=50', '--for', '2m')
    expect(text.stdout).toMatch(/TRAFFIC\s+STARTED\s+SENT\s+SUCCEEDED\s+FAILED\s+FAILED BY CAUSE/)
    expect(text.stdout).toMatch(/api=50: \d+ failed between \d+s and \d+s/)
  })

  it('puts the traffic in sync --json', () => {
    const run = drydock(
      'sync',
      apiRepo('readiness'),
      '--traffic',
      'api.default:http=20@0s',
      '--json',
    )
    const report = JSON.parse(run.stdout) as SyncReport
    const t = report.traffic[0]!
    expect(t.startedAtSeconds).toBe(0)
    // Sent from the start, before the pods were ready: the Service had no endpoints.
    expect(t.failedBy.noEndpoints).toBeGreaterThan(0)
    expect(t.sent).toBe(t.succeeded + t.failedBy.noEndpoints)
  })

  it.each([
    ['nope=5', 'service "nope" not found in namespace "default": services are api'],
    ['api:8080=5', 'service "api" has no port 8080: ports are 80 (http)'],
    ['nodeport/api=5', 'service "api" is of type ClusterIP: only NodePort and LoadBalancer'],
    ['http://shop.example.com/=5', 'the revision declares no Ingress'],
    ['api=lots', 'invalid rate "lots" in "api=lots"'],
  ])('refuses --traffic %s with exit 2', (spec, message) => {
    const run = drydock('sync', apiRepo('readiness'), '--traffic', spec)
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`--traffic ${spec}: ${message}`)
    expect(run.stdout).toBe('')
  })
})
