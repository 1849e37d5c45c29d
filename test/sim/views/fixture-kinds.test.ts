import { describe, it } from 'vitest'
import { expectGolden } from './golden'
import { MemoryCluster, at, listFixture } from './memory-store'
import { transcript } from './transcript'

/**
 * Tables and descriptions of the kinds whose controllers the simulation does
 * not drive (yet), from fixtures shaped as the API server returns them.
 */
const NOW = at('2026-01-01T01:00:00Z')

const cases: { golden: string; fixture: string; commands: string[] }[] = [
  {
    golden: 'fixtures-jobs',
    fixture: 'jobs.yaml',
    commands: [
      'get jobs',
      'get jobs -o wide',
      'describe job pi',
      'describe job migrate',
      'describe job paused',
    ],
  },
  {
    golden: 'fixtures-cronjobs',
    fixture: 'cronjobs.yaml',
    commands: [
      'get cronjobs',
      'get cj -o wide',
      'describe cronjob hello',
      'describe cronjob nightly-report',
    ],
  },
  {
    golden: 'fixtures-apps',
    fixture: 'apps.yaml',
    commands: [
      'get statefulsets,daemonsets',
      'get sts,ds -o wide',
      'get controllerrevisions',
      'describe sts db',
      'describe ds node-exporter',
      'describe controllerrevision db-5c7b8d9f6',
    ],
  },
  {
    golden: 'fixtures-network',
    fixture: 'network.yaml',
    commands: [
      'get services',
      'get svc -o wide',
      'get endpoints',
      'get endpointslices',
      'get ingress',
      'describe service web',
      'describe svc web-lb',
      'describe endpoints web',
      'describe endpointslice web-7xk2p',
      'describe ingress web',
      'describe ing default-backend',
    ],
  },
  {
    golden: 'fixtures-storage',
    fixture: 'storage.yaml',
    commands: [
      'get storageclasses',
      'get pv',
      'get pv -o wide',
      'get pvc',
      'describe sc',
      'describe pv pvc-3f9a2b1c-7d6e-4f50-8a1b-2c3d4e5f6a7b',
      'describe pv archive',
      'describe pvc',
    ],
  },
  {
    golden: 'fixtures-config',
    fixture: 'config.yaml',
    commands: [
      'get configmaps',
      'get secrets',
      'get hpa',
      'describe configmap game-config',
      'describe cm binary',
      'describe secret db',
      'describe hpa web',
    ],
  },
  {
    golden: 'fixtures-custom-resources',
    fixture: 'custom-resources.yaml',
    commands: [
      'get crd',
      'get crontabs',
      'get ct -o wide',
      'get crontab.stable.example.com my-new-cron-object --show-labels',
      'get widgets',
      'get widgets.example.dev -A',
      'describe crontab my-new-cron-object',
      'describe widget sprocket',
    ],
  },
]

describe('kinds the simulation does not run yet, from API-shaped fixtures', () => {
  it.each(cases)('$golden', ({ golden, fixture, commands }) => {
    expectGolden(golden, transcript(new MemoryCluster(listFixture(fixture)), NOW, ...commands))
  })
})
