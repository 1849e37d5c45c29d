/**
 * The images the simulated registry knows, with the tags that really exist upstream
 * and how each behaves once started. Sizes are the compressed linux/amd64 sizes the
 * registries report, rounded.
 */
export interface ImageBehaviour {
  /** Ports the process listens on. */
  readonly ports: readonly number[]
  /** Paths that answer 200 over HTTP, when the image serves HTTP. */
  readonly healthPaths?: readonly string[]
  /** From process start to listening. */
  readonly startupMs: number
  /** From SIGTERM to exit. */
  readonly stopMs: number
  readonly memoryBytes: number
  readonly cpuMillis: number
  /** Lines written on start, in order. */
  readonly startLogs?: readonly string[]
}

export interface CatalogImage {
  /** `registry/repository`, e.g. `docker.io/library/nginx`. */
  readonly name: string
  readonly tags: readonly string[]
  readonly sizeBytes: number
  readonly behaviour: ImageBehaviour
}

const MiB = 2 ** 20

const nginxLogs = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
  'start worker processes',
]

export const defaultCatalog: readonly CatalogImage[] = [
  {
    name: 'docker.io/library/nginx',
    tags: [
      '1.25',
      '1.25.5',
      '1.25-alpine',
      '1.26',
      '1.26.0',
      '1.26.1',
      '1.26.2',
      '1.26.3',
      '1.26-alpine',
      '1.27',
      '1.27.0',
      '1.27.1',
      '1.27.2',
      '1.27.3',
      '1.27.4',
      '1.27.5',
      '1.27-alpine',
      '1.28',
      '1.28.0',
      '1.28-alpine',
      '1.29',
      '1.29.0',
      '1.29-alpine',
      'stable',
      'mainline',
      'alpine',
      'latest',
    ],
    sizeBytes: 72 * MiB,
    behaviour: {
      ports: [80],
      healthPaths: ['/'],
      startupMs: 60,
      stopMs: 200,
      memoryBytes: 8 * MiB,
      cpuMillis: 1,
      startLogs: nginxLogs,
    },
  },
  {
    name: 'docker.io/library/httpd',
    tags: ['2.4', '2.4.62', '2.4.63', '2.4-alpine', 'alpine', 'latest'],
    sizeBytes: 58 * MiB,
    behaviour: {
      ports: [80],
      healthPaths: ['/'],
      startupMs: 400,
      stopMs: 300,
      memoryBytes: 10 * MiB,
      cpuMillis: 1,
    },
  },
  {
    name: 'docker.io/library/busybox',
    tags: ['1.36', '1.36.1', '1.37', '1.37.0', 'stable', 'latest'],
    sizeBytes: 2 * MiB,
    behaviour: { ports: [], startupMs: 10, stopMs: 10, memoryBytes: 1 * MiB, cpuMillis: 1 },
  },
  {
    name: 'gcr.io/google-samples/hello-app',
    tags: ['1.0', '2.0'],
    sizeBytes: 11 * MiB,
    behaviour: {
      ports: [8080],
      healthPaths: ['/'],
      startupMs: 100,
      stopMs: 100,
      memoryBytes: 4 * MiB,
      cpuMillis: 1,
      startLogs: ['2026/01/01 00:00:00 Server listening on port 8080'],
    },
  },
  {
    name: 'docker.io/jocatalin/kubernetes-bootcamp',
    tags: ['v1', 'v2'],
    sizeBytes: 80 * MiB,
    behaviour: {
      ports: [8080],
      healthPaths: ['/'],
      startupMs: 500,
      stopMs: 100,
      memoryBytes: 20 * MiB,
      cpuMillis: 1,
      startLogs: [
        'Kubernetes Bootcamp App Started At: 2026-01-01T00:00:00.000Z | Running On:  pod',
      ],
    },
  },
]
