import { afterAll, describe, expect, it } from 'vitest'
import { HostService } from '../../src-main/host/host-service'
import type { Snapshot } from '../../src-main/shared/dto'
import { fixtureText } from '../helpers/fixtures'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'
import { untilSnapshot } from '../helpers/host'
import { webDeploymentYaml } from '../helpers/manifests'

const cleanup: (() => void)[] = []
afterAll(() => cleanup.forEach((f) => f()))

const service = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`

async function open(files: Record<string, string>) {
  const dir = initRepo()
  const first = commitFiles(dir, files, 'First')
  const host = new HostService({ speed: 600, pushIntervalMs: 20 })
  cleanup.push(
    () => host.close(),
    () => removeDir(dir),
  )
  await host.openRepository({ path: dir })
  const until = (test: (s: Snapshot) => boolean) =>
    untilSnapshot(host, test, (s) => ({
      error: s.error,
      notices: s.repository?.notices,
      apps: s.apps.map((a) => [a.name, a.history.map((e) => [e.sync.shortSha, e.sync.phase])]),
    }))
  return { dir, first, host, until }
}

const latest = (s: Snapshot, app = 0) => s.apps[app]?.history[0]?.sync

describe("a repository's branch and apps", () => {
  it('prunes what a commit stops declaring, and says so', async () => {
    const { dir, until } = await open({
      'web.yaml': webDeploymentYaml('nginx:1.27', 1),
      'service.yaml': service,
    })
    await until((s) => latest(s)?.phase === 'Succeeded')
    const sha = commitFiles(dir, { 'service.yaml': null }, 'Drop the Service')
    const s = await until(
      (x) =>
        latest(x)?.revision === sha &&
        latest(x)?.phase === 'Succeeded' &&
        x.apps[0]!.resources.length === 1,
    )
    expect(latest(s)!.resources.map((r) => `${r.kind}/${r.name}:${r.action}`)).toEqual([
      'Deployment/web:unchanged',
      'Service/web:pruned',
    ])
    expect(s.apps[0]!.resources.map((r) => `${r.kind}:${r.status}`)).toEqual(['Deployment:Synced'])
  })

  it('says when HEAD leaves the branch, and when history under the synced commit is rewritten', async () => {
    const { dir, until } = await open({ 'web.yaml': webDeploymentYaml('nginx:1.27', 1) })
    await until((s) => latest(s)?.phase === 'Succeeded')
    git(dir, 'switch', '-q', '-c', 'experiment')
    let s = await until((x) => (x.repository?.notices.length ?? 0) > 0)
    expect(s.repository!.notices).toEqual([
      'HEAD is on the branch "experiment": Drydock follows "main", so commits made there are not synced until they reach main',
    ])
    git(dir, 'switch', '-q', 'main')
    await until((x) => x.repository?.notices.length === 0)
    const synced = git(dir, 'rev-parse', 'HEAD')
    git(dir, 'commit', '-q', '--amend', '-m', 'First, reworded')
    const amended = git(dir, 'rev-parse', 'HEAD')
    s = await until((x) => latest(x)?.revision === amended)
    expect(s.repository!.notices).toEqual([
      `main was rewritten (an amend, a rebase or a force-push): ${synced.slice(0, 7)}, synced last, is no longer on it; syncing ${amended.slice(0, 7)}`,
    ])
  })

  it('runs each app drydock.yaml declares, each with its own history', async () => {
    const { dir, until } = await open({
      // The monitoring app follows the branch "release", which does not exist yet.
      'drydock.yaml': fixtureText('apps', 'two-apps.yaml'),
      'apps/web/web.yaml': webDeploymentYaml('nginx:1.27', 1),
      'charts/monitoring/service.yaml': service,
    })
    const s = await until(
      (x) => latest(x, 0)?.phase === 'Succeeded' && (x.apps[1]?.conditions.length ?? 0) > 0,
    )
    expect(s.apps.map((a) => [a.name, a.namespace, a.syncPolicy.automated])).toEqual([
      ['web', 'shop', true],
      ['monitoring', 'monitoring', false],
    ])
    // CreateNamespace=true made "shop"; the manual app has synced nothing yet.
    expect(latest(s, 0)!.resources.map((r) => `${r.kind}/${r.name}:${r.action}`)).toEqual([
      'Deployment/web:created',
      'Namespace/shop:created',
    ])
    expect(s.apps[1]!.history).toEqual([])
    expect(s.apps[1]!.conditions).toEqual([
      `branch "release" does not exist in ${dir} (branches: main)`,
    ])
    git(dir, 'branch', 'release')
    const later = await until((x) => x.apps[1]?.syncStatus === 'OutOfSync')
    // A manual app: what it would create is shown, nothing is synced until asked.
    expect(later.apps[1]!.resources.map((r) => `${r.kind}/${r.name}:${r.status}`)).toEqual([
      'Service/web:Missing',
    ])
    expect(later.apps[1]!.history).toEqual([])
  })

  it('hands an app over to drydock.yaml when it comes to declare it, and back when it goes', async () => {
    const { dir, until } = await open({ 'web.yaml': webDeploymentYaml('nginx:1.27', 1) })
    const first = await until((x) => latest(x)?.phase === 'Succeeded')
    const name = first.apps[0]!.name
    expect(first.apps[0]).toMatchObject({ declared: false, namespace: 'default' })
    commitFiles(
      dir,
      {
        'drydock.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: ${name} }
spec:
  source: { path: . }
  destination: { namespace: shop }
  syncPolicy:
    automated: {}
    syncOptions: [CreateNamespace=true]
`,
      },
      'Declare the app',
    )
    const declared = await until(
      (x) => x.apps[0]?.declared === true && latest(x)?.phase === 'Succeeded',
    )
    expect(declared.apps.map((a) => [a.name, a.namespace])).toEqual([[name, 'shop']])
    expect(latest(declared)!.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toContain(
      'Deployment/shop/web',
    )
    commitFiles(dir, { 'drydock.yaml': null }, 'Stop declaring it')
    const undeclared = await until((x) => x.apps[0]?.declared === false)
    expect(undeclared.apps[0]).toMatchObject({ name, namespace: 'default' })
  })

  it('sends traffic to a Service of any app, found in the namespace it declares', async () => {
    const { host, until } = await open({
      'drydock.yaml': fixtureText('apps', 'two-apps.yaml'),
      'apps/web/web.yaml': webDeploymentYaml('nginx:1.27', 1),
      'apps/web/service.yaml': service,
    })
    await until((x) => latest(x, 0)?.phase === 'Succeeded')
    // "web" lives in the namespace "shop", where the app "web" syncs; the repository's default is "default".
    const added = await host.addTraffic({ spec: 'web=10' })
    expect(added.traffic).toMatchObject([{ id: 0, traffic: 'web=10' }])
    const s = await untilSnapshot(
      host,
      (x) => (x.traffic[0]?.succeeded ?? 0) >= 50,
      (x) => x.traffic,
    )
    expect(s.traffic[0]!.failed).toBe(0)
    await expect(host.addTraffic({ spec: 'web.default=10' })).rejects.toThrow(
      'service "web" not found in namespace "default": it has no Service',
    )
  })
})
