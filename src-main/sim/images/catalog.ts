/**
 * The images the simulated registry knows, with tags that really exist upstream and
 * how each behaves once started. Sizes are the compressed linux/amd64 sizes the
 * registries report, rounded.
 */
export interface RequiredEnv {
  /** The process exits unless one of these is set (and not empty). */
  readonly anyOf: readonly string[]
  readonly exitCode: number
  /** What it prints before exiting. */
  readonly logs: readonly string[]
}

export interface ImageBehaviour {
  /**
   * What the image runs when the pod gives no command: its server, or a shell
   * that exits at once for want of a terminal (busybox, alpine, node, python).
   */
  readonly entrypoint: 'server' | 'shell'
  /** Commands that start the image's server (`nginx`, `/docker-entrypoint.sh`…). */
  readonly serverCommands: readonly string[]
  /** Whether `sh -c` and the usual utilities (sleep, echo, cat…) exist in the image. */
  readonly hasShell: boolean
  /** Ports the server listens on. */
  readonly ports: readonly number[]
  /** Paths that answer 200 over HTTP, when the server speaks HTTP. */
  readonly healthPaths?: readonly string[]
  /** After this long, the health paths answer 500 (a server that goes bad, as agnhost's `liveness`). */
  readonly healthyForMs?: number
  /** From process start to listening. */
  readonly startupMs: number
  /** From SIGTERM to exit. */
  readonly stopMs: number
  readonly memoryBytes: number
  readonly cpuMillis: number
  /** Lines the server writes as it starts. */
  readonly startLogs?: readonly string[]
  /** Lines written again every period once it listens. */
  readonly loopLogs?: { readonly periodMs: number; readonly lines: readonly string[] }
  readonly requiredEnv?: RequiredEnv
  /** The process ends by itself this long after it starts: done (0) or failed. */
  readonly exitAfter?: {
    readonly atMs: number
    readonly code: number
    readonly logs: readonly string[]
  }
  /** Memory gained per ms of running; the kernel kills it at its limit. */
  readonly memoryLeakBytesPerMs?: number
  /** Requests per second above which it crashes (read by the traffic simulator). */
  readonly crashAboveRps?: number
  /** Listens on the ports the container declares rather than on fixed ones (the open registry's generic image). */
  readonly listensOnDeclaredPorts?: boolean
}

export interface CatalogImage {
  /** `registry/repository`, e.g. `docker.io/library/nginx`. */
  readonly name: string
  readonly tags: readonly string[]
  readonly sizeBytes: number
  readonly behaviour: ImageBehaviour
  /** Tags that behave differently from the rest. */
  readonly tagBehaviours?: Readonly<Record<string, ImageBehaviour>>
}

const MiB = 2 ** 20

const variants = (versions: readonly string[], suffixes: readonly string[]): string[] =>
  versions.flatMap((v) => suffixes.map((s) => (s ? `${v}-${s}` : v)))

const shellImage = (memoryBytes: number): ImageBehaviour => ({
  entrypoint: 'shell',
  serverCommands: [],
  hasShell: true,
  ports: [],
  startupMs: 5,
  stopMs: 10,
  memoryBytes,
  cpuMillis: 1,
})

const server = (
  b: Partial<ImageBehaviour> & Pick<ImageBehaviour, 'serverCommands' | 'ports' | 'startupMs'>,
): ImageBehaviour => ({
  entrypoint: 'server',
  hasShell: true,
  stopMs: 200,
  memoryBytes: 10 * MiB,
  cpuMillis: 2,
  ...b,
})

/** Google's hello-app, published under two registries. */
const helloApp = server({
  serverCommands: ['/hello-app', './hello-app'],
  hasShell: false,
  ports: [8080],
  healthPaths: ['/'],
  startupMs: 100,
  memoryBytes: 4 * MiB,
  startLogs: ['2026/01/01 00:00:00 Server listening on port 8080'],
})

export const defaultCatalog: readonly CatalogImage[] = [
  {
    name: 'docker.io/library/nginx',
    tags: [
      ...variants(['1.19', '1.20', '1.21', '1.22', '1.23', '1.24'], ['', 'alpine']),
      ...variants(
        ['1.25', '1.25.5', '1.26', '1.26.0', '1.26.1', '1.26.2', '1.26.3'],
        ['', 'alpine'],
      ),
      ...variants(
        ['1.27', '1.27.0', '1.27.1', '1.27.2', '1.27.3', '1.27.4', '1.27.5'],
        ['', 'alpine'],
      ),
      ...variants(['1.28', '1.28.0', '1.29', '1.29.0', '1.29.1'], ['', 'alpine']),
      'stable',
      'mainline',
      'alpine',
      'latest',
    ],
    sizeBytes: 72 * MiB,
    behaviour: server({
      serverCommands: ['nginx', '/docker-entrypoint.sh'],
      ports: [80],
      healthPaths: ['/', '/index.html'],
      startupMs: 60,
      memoryBytes: 8 * MiB,
      startLogs: [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        'nginx/1.27.5',
        'start worker processes',
      ],
    }),
  },
  {
    name: 'docker.io/library/httpd',
    tags: [
      ...variants(['2.4', '2.4.62', '2.4.63', '2.4.64', '2.4.65'], ['', 'alpine']),
      'alpine',
      'latest',
    ],
    sizeBytes: 58 * MiB,
    behaviour: server({
      serverCommands: ['httpd-foreground', 'httpd'],
      ports: [80],
      healthPaths: ['/'],
      startupMs: 400,
      startLogs: [
        "AH00558: httpd: Could not reliably determine the server's fully qualified domain name",
        'Apache/2.4.65 (Unix) configured -- resuming normal operations',
      ],
    }),
  },
  {
    name: 'docker.io/library/redis',
    tags: [
      ...variants(['6.2', '7.0', '7.2', '7.4', '8.0', '8.2'], ['', 'alpine']),
      'alpine',
      'latest',
    ],
    sizeBytes: 45 * MiB,
    behaviour: server({
      serverCommands: ['redis-server', 'docker-entrypoint.sh'],
      ports: [6379],
      startupMs: 150,
      memoryBytes: 4 * MiB,
      startLogs: [
        '* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '* Server initialized',
        '* Ready to accept connections tcp',
      ],
    }),
  },
  {
    name: 'docker.io/library/postgres',
    tags: [...variants(['13', '14', '15', '16', '17', '18'], ['', 'alpine']), 'alpine', 'latest'],
    sizeBytes: 158 * MiB,
    behaviour: server({
      serverCommands: ['postgres', 'docker-entrypoint.sh'],
      ports: [5432],
      startupMs: 2500,
      memoryBytes: 40 * MiB,
      startLogs: [
        'PostgreSQL init process complete; ready for start up.',
        'LOG:  database system is ready to accept connections',
      ],
      requiredEnv: {
        anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'],
        exitCode: 1,
        logs: [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          '',
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          '       connections without a password. This is *not* recommended.',
          '',
          '       See PostgreSQL documentation about "trust":',
          '       https://www.postgresql.org/docs/current/auth-trust.html',
        ],
      },
    }),
  },
  {
    name: 'docker.io/library/mysql',
    tags: ['8.0', '8.4', '9.0', '9.1', '9.2', '9.3', '9.4', 'lts', 'latest'],
    sizeBytes: 230 * MiB,
    behaviour: server({
      serverCommands: ['mysqld', 'docker-entrypoint.sh'],
      ports: [3306],
      startupMs: 9000,
      memoryBytes: 360 * MiB,
      startLogs: [
        '[Entrypoint]: Entrypoint script for MySQL Server started.',
        "/usr/sbin/mysqld: ready for connections. Version: '8.4'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306",
      ],
      requiredEnv: {
        anyOf: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
        exitCode: 1,
        logs: [
          '[Entrypoint]: Entrypoint script for MySQL Server started.',
          '[Entrypoint]: Database is uninitialized and password option is not specified',
          '    You need to specify one of the following as an environment variable:',
          '    - MYSQL_ROOT_PASSWORD',
          '    - MYSQL_ALLOW_EMPTY_PASSWORD',
          '    - MYSQL_RANDOM_ROOT_PASSWORD',
        ],
      },
    }),
  },
  {
    name: 'docker.io/library/mongo',
    tags: ['5.0', '6.0', '7.0', '8.0', 'latest'],
    sizeBytes: 260 * MiB,
    behaviour: server({
      serverCommands: ['mongod', 'docker-entrypoint.sh'],
      ports: [27017],
      startupMs: 1500,
      memoryBytes: 120 * MiB,
      startLogs: [
        '{"t":{},"s":"I","c":"NETWORK","msg":"Waiting for connections","attr":{"port":27017}}',
      ],
    }),
  },
  {
    name: 'docker.io/library/busybox',
    tags: ['1.36', '1.36.1', '1.37', '1.37.0', 'musl', 'glibc', 'stable', 'latest'],
    sizeBytes: 2 * MiB,
    behaviour: shellImage(1 * MiB),
  },
  {
    name: 'docker.io/library/alpine',
    tags: ['3.18', '3.19', '3.20', '3.21', '3.22', 'edge', 'latest'],
    sizeBytes: 4 * MiB,
    behaviour: shellImage(1 * MiB),
  },
  {
    name: 'docker.io/library/ubuntu',
    tags: ['22.04', '24.04', 'jammy', 'noble', 'latest'],
    sizeBytes: 29 * MiB,
    behaviour: shellImage(2 * MiB),
  },
  {
    name: 'docker.io/library/debian',
    tags: ['bookworm', 'bookworm-slim', 'trixie', 'trixie-slim', 'stable', 'latest'],
    sizeBytes: 48 * MiB,
    behaviour: shellImage(2 * MiB),
  },
  {
    name: 'docker.io/library/node',
    tags: [
      ...variants(['18', '20', '22', '24'], ['', 'alpine', 'slim']),
      'lts',
      'alpine',
      'slim',
      'latest',
    ],
    sizeBytes: 390 * MiB,
    behaviour: shellImage(30 * MiB),
  },
  {
    name: 'docker.io/library/python',
    tags: [
      ...variants(['3.10', '3.11', '3.12', '3.13', '3.14'], ['', 'slim', 'alpine']),
      'slim',
      'alpine',
      'latest',
    ],
    sizeBytes: 380 * MiB,
    behaviour: shellImage(10 * MiB),
  },
  {
    name: 'gcr.io/google-samples/hello-app',
    tags: ['1.0', '2.0'],
    sizeBytes: 11 * MiB,
    behaviour: helloApp,
  },
  {
    name: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app',
    tags: ['1.0', '2.0'],
    sizeBytes: 11 * MiB,
    behaviour: helloApp,
  },
  {
    name: 'docker.io/jocatalin/kubernetes-bootcamp',
    tags: ['v1', 'v2'],
    sizeBytes: 80 * MiB,
    behaviour: server({
      serverCommands: ['/bin/sh', 'node'],
      ports: [8080],
      healthPaths: ['/'],
      startupMs: 500,
      memoryBytes: 20 * MiB,
      startLogs: [
        'Kubernetes Bootcamp App Started At: 2026-01-01T00:00:00.000Z | Running On:  pod',
      ],
    }),
  },
  {
    name: 'docker.io/traefik/whoami',
    tags: ['v1.10', 'v1.10.3', 'v1.11', 'v1.11.0', 'latest'],
    sizeBytes: 4 * MiB,
    behaviour: server({
      serverCommands: ['/whoami'],
      hasShell: false,
      ports: [80],
      healthPaths: ['/', '/health'],
      startupMs: 20,
      memoryBytes: 3 * MiB,
      startLogs: ['Starting up on port 80'],
    }),
  },
  {
    name: 'docker.io/hashicorp/http-echo',
    tags: ['0.2.3', '1.0', '1.0.0', 'latest'],
    sizeBytes: 3 * MiB,
    behaviour: server({
      serverCommands: ['/http-echo'],
      hasShell: false,
      ports: [5678],
      healthPaths: ['/', '/health'],
      startupMs: 20,
      memoryBytes: 3 * MiB,
      startLogs: ['[INFO] server is listening on :5678'],
    }),
  },
  {
    name: 'registry.k8s.io/busybox',
    tags: ['1.24', '1.27.2', 'latest'],
    sizeBytes: 1 * MiB,
    behaviour: shellImage(1 * MiB),
  },
  {
    // The Kubernetes docs' liveness lab: /healthz answers 200 for 10 s, then 500.
    name: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: ['2.39', '2.40', '2.43', '2.47', '2.52', '2.53'],
    sizeBytes: 51 * MiB,
    behaviour: server({
      serverCommands: ['/agnhost'],
      hasShell: true,
      ports: [8080],
      healthPaths: ['/healthz'],
      healthyForMs: 10_000,
      startupMs: 50,
      memoryBytes: 8 * MiB,
    }),
  },
  {
    name: 'registry.k8s.io/pause',
    tags: ['3.9', '3.10', '3.10.1'],
    sizeBytes: (1 * MiB) / 4,
    behaviour: server({
      serverCommands: ['/pause'],
      hasShell: false,
      ports: [],
      startupMs: 1,
      memoryBytes: MiB / 2,
      cpuMillis: 0,
    }),
  },
]
