import { describe, expect, it } from 'vitest'
import { kubectlDescribe } from '../../../src-main/sim/views/kubectl/describe'
import { kubectlGet } from '../../../src-main/sim/views/kubectl/get'
import { apiResources, resolveResource } from '../../../src-main/sim/views/kubectl/resources'
import { MemoryCluster, at, listFixture } from './memory-store'

const cluster = new MemoryCluster([
  ...listFixture('quoted', 'ingress-nginx.yaml'),
  ...listFixture('quoted', 'nodes.yaml'),
  ...listFixture('custom-resources.yaml'),
])
const NOW = at('2026-01-01T01:00:00Z')

describe('resource names, as the REST mapper reads them', () => {
  const resources = apiResources(cluster)
  it.each([
    ['pods', 'Pod'],
    ['pod', 'Pod'],
    ['po', 'Pod'],
    ['Pod', 'Pod'],
    ['PODS', 'Pod'],
    ['deploy', 'Deployment'],
    ['deployments.apps', 'Deployment'],
    ['deployment.apps', 'Deployment'],
    ['deploy.apps', 'Deployment'],
    ['deployments.v1.apps', 'Deployment'],
    ['hpa', 'HorizontalPodAutoscaler'],
    ['horizontalpodautoscalers.autoscaling', 'HorizontalPodAutoscaler'],
    ['svc', 'Service'],
    ['ns', 'Namespace'],
    ['no', 'Node'],
    ['ev', 'Event'],
    ['ct', 'CronTab'],
    ['crontab.stable.example.com', 'CronTab'],
    ['crontabs.v1.stable.example.com', 'CronTab'],
    ['CronTab', 'CronTab'],
    ['crd', 'CustomResourceDefinition'],
    ['foo', undefined],
    ['pods.apps', undefined],
    ['deployments.batch', undefined],
  ])('%s → %s', (arg, kind) => {
    expect(resolveResource(arg, resources)?.kind).toBe(kind)
  })
})

describe('kubectl get: messages and exit statuses', () => {
  it.each([
    [['foo'], {}, '', 'error: the server doesn\'t have a resource type "foo"\n', 1],
    [
      ['pods', 'nope'],
      { namespace: 'ingress-nginx' },
      '',
      'Error from server (NotFound): pods "nope" not found\n',
      1,
    ],
    [
      ['deployments.apps', 'nope'],
      {},
      '',
      'Error from server (NotFound): deployments.apps "nope" not found\n',
      1,
    ],
    [['pods'], {}, '', 'No resources found in default namespace.\n', 0],
    [
      ['pods'],
      { namespace: 'kube-system' },
      '',
      'No resources found in kube-system namespace.\n',
      0,
    ],
    [['pv'], {}, '', 'No resources found\n', 0],
    [['secrets'], { allNamespaces: true }, '', 'No resources found\n', 0],
    [
      ['pods', 'x'],
      { allNamespaces: true },
      '',
      'error: a resource cannot be retrieved by name across all namespaces\n',
      1,
    ],
  ])('get %j %j', (args, options, stdout, stderr, exitCode) => {
    expect(kubectlGet(cluster, NOW, { args, ...options })).toEqual({ stdout, stderr, exitCode })
  })

  it('prints the objects it found and the names it did not', () => {
    const out = kubectlGet(cluster, NOW, {
      args: ['jobs', 'ingress-nginx-admission-patch', 'gone'],
      namespace: 'ingress-nginx',
    })
    expect(out.stdout).toBe(
      'NAME                            STATUS     COMPLETIONS   DURATION   AGE\n' +
        'ingress-nginx-admission-patch   Complete   1/1           11s        60m\n',
    )
    expect(out.stderr).toBe('Error from server (NotFound): jobs.batch "gone" not found\n')
    expect(out.exitCode).toBe(1)
  })

  it('takes type/name pairs, and prefixes names when the types differ', () => {
    const out = kubectlGet(cluster, NOW, {
      args: ['svc/ingress-nginx-controller-admission', 'deploy/ingress-nginx-controller'],
      namespace: 'ingress-nginx',
    })
    expect(out.stdout.split('\n')[1]).toMatch(
      /^service\/ingress-nginx-controller-admission {3}ClusterIP/,
    )
    expect(out.stdout).toContain('\n\nNAME                                       READY')
  })

  it('adds NAMESPACE first with -A, and only for namespaced kinds', () => {
    const pods = kubectlGet(cluster, NOW, { args: ['pods'], allNamespaces: true })
    expect(pods.stdout.split('\n')[0]).toBe(
      'NAMESPACE       NAME                                       READY   STATUS      RESTARTS   AGE',
    )
    const nodes = kubectlGet(cluster, NOW, { args: ['nodes'], allNamespaces: true })
    expect(nodes.stdout.split('\n')[0]).toMatch(/^NAME {11}STATUS/)
  })
})

describe('kubectl describe: lookups', () => {
  it('describes every object whose name starts with a name that matches none exactly', () => {
    const out = kubectlDescribe(cluster, NOW, {
      args: ['pod', 'ingress-nginx-admission'],
      namespace: 'ingress-nginx',
    })
    expect(out.stdout.match(/^Name: +/gm)).toHaveLength(2)
    expect(out.stdout).toMatch(/^Name: +ingress-nginx-admission-create-tlxkn$/m)
    expect(out.exitCode).toBe(0)
  })

  it('separates whole descriptions with two blank lines', () => {
    const out = kubectlDescribe(cluster, NOW, { args: ['svc'], namespace: 'ingress-nginx' })
    expect(out.stdout).toMatch(/Events: +<none>\n\n\nName: +ingress-nginx-controller-admission\n/)
  })

  it.each([
    [
      ['deployment', 'web'],
      {},
      'Error from server (NotFound): deployments.apps "web" not found\n',
      1,
    ],
    [['deploy'], {}, 'No resources found in default namespace.\n', 0],
    [['bogus', 'x'], {}, 'error: the server doesn\'t have a resource type "bogus"\n', 1],
  ])('describe %j %j', (args, options, stderr, exitCode) => {
    expect(kubectlDescribe(cluster, NOW, { args, ...options })).toEqual({
      stdout: '',
      stderr,
      exitCode,
    })
  })
})
