import { describe, expect, it } from 'vitest'
import { kubectlDescribe } from '../../../src-main/sim/views/kubectl/describe'
import { type GetOptions, kubectlGet } from '../../../src-main/sim/views/kubectl/get'
import { rolloutHistory } from '../../../src-main/sim/views/rollout/history'
import type { ReplicaSet } from '../../../src-main/sim/api/apps'
import { MemoryCluster, at, listFixture } from './memory-store'

/**
 * Output of the real kubectl, quoted from public write-ups, against what the
 * views print for the same objects (fixtures under test/fixtures/views/quoted).
 * These pin the column sets, their order and the spacing to kubectl's own.
 */
const lines = (...rows: string[]): string => rows.map((r) => `${r}\n`).join('')

interface GetQuote {
  name: string
  fixture: string
  now: string
  options: GetOptions
  expected: string
}

const getQuotes: GetQuote[] = [
  {
    name: 'kubectl get all -n ingress-nginx',
    fixture: 'ingress-nginx.yaml',
    now: '2026-01-01T00:06:15Z',
    options: { args: ['all'], namespace: 'ingress-nginx' },
    expected: [
      lines(
        'NAME                                           READY   STATUS      RESTARTS   AGE',
        'pod/ingress-nginx-admission-create-tlxkn       0/1     Completed   0          6m15s',
        'pod/ingress-nginx-admission-patch-cbnx6        0/1     Completed   1          6m15s',
        'pod/ingress-nginx-controller-f86fd6d96-s7mhs   1/1     Running     0          6m15s',
      ),
      lines(
        'NAME                                         TYPE           CLUSTER-IP       EXTERNAL-IP   PORT(S)                      AGE',
        'service/ingress-nginx-controller             LoadBalancer   10.107.152.143   <pending>     80:30496/TCP,443:31299/TCP   6m15s',
        'service/ingress-nginx-controller-admission   ClusterIP      10.106.47.143    <none>        443/TCP                      6m15s',
      ),
      lines(
        'NAME                                       READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/ingress-nginx-controller   1/1     1            1           6m15s',
      ),
      lines(
        'NAME                                                 DESIRED   CURRENT   READY   AGE',
        'replicaset.apps/ingress-nginx-controller-f86fd6d96   1         1         1       6m15s',
      ),
      lines(
        'NAME                                       STATUS     COMPLETIONS   DURATION   AGE',
        'job.batch/ingress-nginx-admission-create   Complete   1/1           10s        6m15s',
        'job.batch/ingress-nginx-admission-patch    Complete   1/1           11s        6m15s',
      ),
    ].join('\n'),
  },
  {
    name: 'kubectl get pod -l app=nginx',
    fixture: 'nginx-pods.yaml',
    now: '2026-01-01T00:12:00Z',
    options: { args: ['pods'] },
    expected: lines(
      'NAME                                READY   STATUS    RESTARTS   AGE',
      'nginx-deployment-85996f8dbd-kj256   1/1     Running   0          12m',
      'nginx-deployment-85996f8dbd-schz8   1/1     Running   0          12m',
    ),
  },
  {
    name: 'kubectl get svc,deploy -o wide',
    fixture: 'nginx-app.yaml',
    now: '2026-01-01T01:02:16Z',
    options: { args: ['svc,deploy'], wide: true },
    expected: [
      lines(
        'NAME                    TYPE           CLUSTER-IP      EXTERNAL-IP   PORT(S)           AGE     SELECTOR',
        'service/kubernetes      ClusterIP      10.96.0.1       <none>        443/TCP           2d4h    <none>',
        'service/nginx-app       NodePort       10.96.215.192   <none>        30080:31289/TCP   8m12s   app=nginx',
        'service/nginx-service   LoadBalancer   10.96.179.221   <pending>     80:32624/TCP      2m16s   app=nginx',
      ),
      lines(
        'NAME                        READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES         SELECTOR',
        'deployment.apps/nginx-app   1/1     1            1           2m16s   nginx        nginx:1.19.1   app=nginx',
      ),
    ].join('\n'),
  },
  {
    name: 'kubectl get nodes -o wide',
    fixture: 'nodes.yaml',
    now: '2026-01-01T00:03:42Z',
    options: { args: ['nodes'], wide: true },
    expected: lines(
      'NAME           STATUS   ROLES    AGE     VERSION           INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION      CONTAINER-RUNTIME',
      '967e81e90e1f   Ready    <none>   3m42s   v1.14-usernetes   10.0.101.100   <none>        Ubuntu 18.04.1 LTS   4.15.0-43-generic   docker://Unknown',
      'b2204f192e5c   Ready    <none>   3m42s   v1.14-usernetes   10.0.102.100   <none>        Ubuntu 18.04.1 LTS   4.15.0-43-generic   cri-o://1.14.0-dev',
      'ba0133c68378   Ready    <none>   3m42s   v1.14-usernetes   10.0.103.100   <none>        Ubuntu 18.04.1 LTS   4.15.0-43-generic   containerd://1.2.0-168-gb3',
    ),
  },
  {
    name: 'kubectl get pv',
    fixture: 'storage.yaml',
    now: '2026-01-01T00:02:05Z',
    options: { args: ['pv'] },
    expected: lines(
      'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                 STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
      'mysql-pv   1Gi        RWO            Retain           Bound    ecommerce/mysql-pvc   manual         <unset>                          2m5s',
    ),
  },
  {
    name: 'kubectl get pvc -n ecommerce',
    fixture: 'storage.yaml',
    now: '2026-01-01T00:02:05Z',
    options: { args: ['pvc'], namespace: 'ecommerce' },
    expected: lines(
      'NAME        STATUS   VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      'mysql-pvc   Bound    mysql-pv   1Gi        RWO            manual         <unset>                 3m34s',
    ),
  },
  {
    name: 'kubectl get pvc -n production-webapp',
    fixture: 'storage.yaml',
    now: '2026-01-01T00:02:05Z',
    options: { args: ['pvc'], namespace: 'production-webapp' },
    expected: lines(
      'NAME       STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      'web-data   Pending                                      standard       <unset>                 0s',
    ),
  },
  {
    name: 'kubectl get hpa',
    fixture: 'storage.yaml',
    now: '2026-01-01T00:02:05Z',
    options: { args: ['hpa'] },
    expected: lines(
      'NAME          REFERENCE                       TARGETS       MINPODS   MAXPODS   REPLICAS   AGE',
      'website-hpa   Deployment/website-deployment   cpu: 0%/50%   2         10        2          18s',
    ),
  },
]

describe('kubectl get, against output quoted from real clusters', () => {
  it.each(getQuotes)('$name', (q) => {
    const out = kubectlGet(
      new MemoryCluster(listFixture('quoted', q.fixture)),
      at(q.now),
      q.options,
    )
    expect(out.stderr).toBe('')
    expect(out.stdout).toBe(q.expected)
  })
})

/** Published output loses trailing spaces; kubectl writes some (`True `), so lines compare trimmed. */
const trimmed = (text: string): string[] => text.split('\n').map((l) => l.trimEnd())

describe('kubectl describe, against output quoted from real clusters', () => {
  it('describe deployments coffee-v1 (kubectl 1.30)', () => {
    const out = kubectlDescribe(
      new MemoryCluster(listFixture('quoted', 'coffee.yaml')),
      at('2024-07-16T04:35:17Z'),
      {
        args: ['deployments', 'coffee-v1'],
      },
    )
    expect(out.stdout).toBe(
      lines(
        'Name:                   coffee-v1',
        'Namespace:              default',
        'CreationTimestamp:      Tue, 16 Jul 2024 04:31:16 +0000',
        'Labels:                 <none>',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               app=coffee-v1',
        'Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=coffee-v1',
        '  Containers:',
        '   coffee-v1:',
        '    Image:         nginxdemos/nginx-hello:plain-text',
        '    Port:          8080/TCP',
        '    Host Port:     0/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   coffee-v1-76c7c85bbd (1/1 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  4m1s  deployment-controller  Scaled up replica set coffee-v1-76c7c85bbd to 1',
      ),
    )
  })

  it('describe pods (kubectl 1.32, times in UTC rather than the quote’s +0600)', () => {
    const out = kubectlDescribe(
      new MemoryCluster(listFixture('quoted', 'cwphf.yaml')),
      at('2025-01-21T06:40:00Z'),
      { args: ['pods', 'nginx-deployment-7f6cd6c45f-cwphf'], namespace: 'production' },
    )
    const quoted = [
      'Name:             nginx-deployment-7f6cd6c45f-cwphf',
      'Namespace:        production',
      'Priority:         0',
      'Service Account:  default',
      'Node:             minikube/192.168.49.2',
      'Start Time:       Tue, 21 Jan 2025 06:26:50 +0000',
      'Labels:           app=nginx',
      '                  pod-template-hash=7f6cd6c45f',
      'Annotations:      <none>',
      'Status:           Running',
      'IP:               10.244.0.41',
      'IPs:',
      '  IP:           10.244.0.41',
      'Controlled By:  ReplicaSet/nginx-deployment-7f6cd6c45f',
      'Containers:',
      '  nginx:',
      '    Container ID:   docker://3c0f9f7de577f8d270095ed441dc4eb19286bc5d924fb71d82c8a95eb416ad2d',
      '    Image:          nginx:1.16.1',
      '    Image ID:       docker-pullable://nginx@sha256:d20aa6d1cae56fd17cd458f4807e0de462caf2336f0b70b5eeb69fcaaf30dd9c',
      '    Port:           8080/TCP',
      '    Host Port:      0/TCP',
      '    State:          Running',
      '      Started:      Tue, 21 Jan 2025 06:26:52 +0000',
      '    Ready:          True',
      '    Restart Count:  0',
      '    Environment:    <none>',
      '    Mounts:',
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-jhgm8 (ro)',
      'Conditions:',
      '  Type                        Status',
      '  PodReadyToStartContainers   True',
      '  Initialized                 True',
      '  Ready                       True',
      '  ContainersReady             True',
      '  PodScheduled                True',
    ]
    expect(trimmed(out.stdout).slice(0, quoted.length)).toEqual(quoted)
    // The rest of kubectl's text after the quote ends, with the tolerations the admission plugin adds.
    expect(trimmed(out.stdout).slice(quoted.length)).toEqual([
      'Volumes:',
      '  kube-api-access-jhgm8:',
      '    Type:                    Projected (a volume that contains injected data from multiple sources)',
      '    TokenExpirationSeconds:  3607',
      '    ConfigMapName:           kube-root-ca.crt',
      '    Optional:                false',
      '    DownwardAPI:             true',
      'QoS Class:                   BestEffort',
      'Node-Selectors:              <none>',
      'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:                      <none>',
      '',
    ])
  })

  it('describe services app-python (kubectl 1.28)', () => {
    const out = kubectlDescribe(
      new MemoryCluster(listFixture('quoted', 'app-python.yaml')),
      at('2023-12-09T16:10:00Z'),
      {
        args: ['services'],
      },
    )
    const quoted = [
      'Name:                     app-python',
      'Namespace:                default',
      'Labels:                   <none>',
      'Annotations:              <none>',
      'Selector:                 app=app-python',
      'Type:                     LoadBalancer',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.105.106.132',
      'IPs:                      10.105.106.132',
      'Port:                     <unset>  7098/TCP',
      'TargetPort:               7098/TCP',
      'NodePort:                 <unset>  31849/TCP',
      'Endpoints:                10.244.0.39:7098,10.244.0.40:7098',
      'Session Affinity:         None',
      'External Traffic Policy:  Cluster',
    ]
    expect(trimmed(out.stdout).slice(0, quoted.length)).toEqual(quoted)
  })
})

describe('kubectl rollout history, against output quoted from a real cluster', () => {
  it('lists each revision with <none> for a missing change cause', () => {
    const rss = listFixture('quoted', 'nginx-pods.yaml').filter(
      (o) => o.kind === 'ReplicaSet',
    ) as ReplicaSet[]
    expect(rolloutHistory('rollingnginx', rss)).toBe(
      'deployment.apps/rollingnginx \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    )
  })
})
