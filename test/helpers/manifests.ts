import type { Container, Pod, PodSpec } from '../../src-main/sim/api/core'
import type { Deployment } from '../../src-main/sim/api/apps'

/** A Deployment as a learner would write it, for scenario tests. */
export function deployment(
  name: string,
  options: {
    image?: string
    replicas?: number
    maxSurge?: string | number
    maxUnavailable?: string | number
    cpu?: string
  } = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      strategy:
        options.maxSurge !== undefined || options.maxUnavailable !== undefined
          ? {
              type: 'RollingUpdate',
              rollingUpdate: { maxSurge: options.maxSurge, maxUnavailable: options.maxUnavailable },
            }
          : undefined,
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image: options.image ?? 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              resources: options.cpu ? { requests: { cpu: options.cpu } } : undefined,
            },
          ],
        },
      },
    },
  }
}

/** Yaml text of the demo's web Deployment with an image and replica count. */
export function webDeploymentYaml(image: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: ${image}
          ports:
            - containerPort: 80
`
}

/** A bare Pod with one container; `extra` is merged into the container. */
export function pod(
  name: string,
  container: Partial<Container> & { image: string },
  spec: Partial<PodSpec> = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { ...spec, containers: [{ name: 'app', ...container }] },
  }
}
