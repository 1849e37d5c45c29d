import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultAppSettings, prepareRevision } from '../../../src-main/gitops/engine'
import { ParseCache } from '../../../src-main/gitops/render/parse-cache'
import { renderRevision } from '../../../src-main/gitops/render/render'
import type { RenderOptions } from '../../../src-main/gitops/render/types'
import { GitRepository } from '../../../src-main/git/repository'
import { commitFiles, git, removeDir } from '../../helpers/git'
import { fixtureText } from '../../helpers/fixtures'
import { CountingSource, repoWith } from '../../helpers/render'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(removeDir))

async function render(files: Record<string, string>, options: Partial<RenderOptions> = {}) {
  const { dir, sha, repo } = await repoWith(files)
  dirs.push(dir)
  return renderRevision(repo, sha, { path: '', namespace: 'default', ...options })
}

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`

describe('rendering plain manifests', () => {
  it('reads YAML, JSON and Lists under the path, in path order, with their origins', async () => {
    const result = await render(
      {
        'apps/web/service.yml': fixtureText('manifests', 'multi-document.yaml'),
        'apps/web/deployment.json': fixtureText('manifests', 'deployment.json'),
        'apps/list.yaml': fixtureText('manifests', 'list.json'),
        'apps/a/deep/nested/config.yaml': configMap('deep'),
        'other/outside.yaml': configMap('outside'),
      },
      { path: 'apps' },
    )
    expect(result.sourceType).toBe('Directory')
    expect(result.objects.map((o) => [o.object.kind, o.object.metadata.name, o.origin])).toEqual([
      ['ConfigMap', 'deep', { file: 'apps/a/deep/nested/config.yaml', line: 1, document: 0 }],
      ['ConfigMap', 'settings', { file: 'apps/list.yaml', line: 5, document: 0 }],
      ['Service', 'web', { file: 'apps/list.yaml', line: 10, document: 0 }],
      ['Deployment', 'web', { file: 'apps/web/deployment.json', line: 2, document: 0 }],
      ['ConfigMap', 'settings', { file: 'apps/web/service.yml', line: 2, document: 0 }],
      ['Service', 'web', { file: 'apps/web/service.yml', line: 10, document: 2 }],
    ])
    expect(result.problems).toEqual([])
  })

  it('ignores files that are not manifests, with a note for each', async () => {
    const result = await render({
      'README.md': '# Shop\n',
      'deploy.sh': '#!/bin/sh\nkubectl apply -f .\n',
      'values.yaml': 'replicaCount: 2\n',
      'settings.json': fixtureText('manifests', 'settings.json'),
      'app.yaml': configMap('app'),
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'charts/web/templates/cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
      'overlays/dev/kustomization.yaml': 'resources: [../../app.yaml]\n',
    })
    expect(result.objects.map((o) => o.object.metadata.name)).toEqual(['app'])
    expect(result.problems).toEqual([])
    expect(result.notes).toEqual([
      'charts/web: ignored, a Helm chart folder; an app whose path is charts/web renders it',
      'overlays/dev: ignored, a Kustomize folder; an app whose path is overlays/dev renders it',
      'README.md: ignored, not a manifest (.yaml, .yml or .json)',
      'deploy.sh: ignored, not a manifest (.yaml, .yml or .json)',
      'settings.json:1: ignored, not a Kubernetes manifest (no apiVersion or kind)',
      'values.yaml:1: ignored, not a Kubernetes manifest (no apiVersion or kind)',
    ])
  })

  it('says so when the path is not in the commit', async () => {
    const result = await render({ 'app.yaml': configMap('app') }, { path: 'missing' })
    expect(result.objects).toEqual([])
    expect(result.problems).toEqual([
      {
        file: 'missing',
        message: expect.stringMatching(/^path "missing" does not exist in commit [0-9a-f]{7}$/),
      },
    ])
  })
})

describe('bad input in plain manifests', () => {
  it.each<[string, string | Buffer, RegExp]>([
    [
      'invalid YAML',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indent\n',
      /indentation/,
    ],
    [
      'a file over 10 MiB',
      `# ${'x'.repeat(10 * 1024 * 1024 + 1)}\n`,
      /^file is 10\.0 MiB, over the 10 MiB limit for a manifest: split it/,
    ],
    [
      'a binary file',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      /^binary file \(it has NUL bytes\): .*rename it without a \.yaml/,
    ],
    [
      'text that is not UTF-8',
      Buffer.from('name: caf\xe9\n', 'latin1'),
      /^not UTF-8 text: .*re-save it as UTF-8/,
    ],
  ])('reports %s with its file and line, and renders the rest', async (_, content, message) => {
    const result = await render({ 'bad.yaml': content as string, 'good.yaml': configMap('good') })
    expect(result.objects.map((o) => o.object.metadata.name)).toEqual(['good'])
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ file: 'bad.yaml', line: expect.any(Number) })
    expect(result.problems[0]!.message).toMatch(message)
  })

  it('follows a symbolic link inside the repository and refuses one that leaves it', async () => {
    const { dir } = await repoWith({
      'shared/config.yaml': configMap('shared'),
      'app/own.yaml': configMap('own'),
    })
    dirs.push(dir)
    fs.symlinkSync('../shared/config.yaml', path.join(dir, 'app', 'linked.yaml'))
    fs.symlinkSync('../../../../etc/hostname', path.join(dir, 'app', 'escape.yaml'))
    fs.symlinkSync('/etc/passwd', path.join(dir, 'app', 'absolute'))
    fs.symlinkSync('nowhere.yaml', path.join(dir, 'app', 'dangling.yaml'))
    const sha = commitFiles(dir, {}, 'Link files')
    expect(git(dir, 'ls-files', '-s', 'app/linked.yaml')).toMatch(/^120000 /)
    const repo = await GitRepository.open(dir)
    const result = await renderRevision(repo, sha, { path: 'app', namespace: 'default' })
    expect(result.objects.map((o) => [o.object.metadata.name, o.origin.file])).toEqual([
      ['shared', 'app/linked.yaml'],
      ['own', 'app/own.yaml'],
    ])
    expect(result.problems).toEqual([
      {
        file: 'app/absolute',
        line: 1,
        message: expect.stringMatching(
          /^symbolic link points outside the repository \(to "\/etc\/passwd"\); .*out-of-bounds symlinks/,
        ),
      },
      {
        file: 'app/dangling.yaml',
        line: 1,
        message:
          'symbolic link to "nowhere.yaml": app/nowhere.yaml does not exist in this commit; commit it, or remove the link',
      },
      {
        file: 'app/escape.yaml',
        line: 1,
        message: expect.stringMatching(
          /^symbolic link points outside the repository \(to "\.\.\/\.\.\/\.\.\/\.\.\/etc\/hostname"\)/,
        ),
      },
    ])
  })
})

describe('an object declared twice', () => {
  it('is a problem naming both places, and the first one stays', async () => {
    const { dir, sha, repo } = await repoWith({
      'a.yaml': configMap('settings'),
      'b/c.yaml': `${configMap('other')}---\n${configMap('settings')}`,
    })
    dirs.push(dir)
    const prepared = await prepareRevision(
      repo,
      sha,
      { isNamespaced: () => true },
      {
        ...defaultAppSettings,
        syncTimeoutMs: 1000,
      },
    )
    expect(prepared.request.objects.map((o) => [o.object.metadata.name, o.origin.file])).toEqual([
      ['settings', 'a.yaml'],
      ['other', 'b/c.yaml'],
    ])
    expect(prepared.request.problems).toEqual([
      {
        file: 'b/c.yaml',
        line: 6,
        message: 'ConfigMap "settings" is declared twice: also at a.yaml:1',
      },
    ])
  })
})

describe('rendering with a parse cache', () => {
  it('reads and parses only the files a commit changed', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`cm-${i}.yaml`, configMap(`cm-${i}`)]),
    )
    const { dir, sha, repo } = await repoWith(files)
    dirs.push(dir)
    const source = new CountingSource(repo)
    const cache = new ParseCache()
    const first = await renderRevision(source, sha, { path: '', namespace: 'default', cache })
    expect(first.objects).toHaveLength(20)
    expect(source.blobsRead).toBe(20)

    const next = commitFiles(dir, { 'cm-7.yaml': configMap('cm-7-renamed') }, 'Rename one')
    source.blobsRead = 0
    const second = await renderRevision(source, next, { path: '', namespace: 'default', cache })
    expect(source.blobsRead).toBe(1)
    expect(second.objects.map((o) => o.object.metadata.name)).toContain('cm-7-renamed')
    expect(second.objects.map((o) => o.object.metadata.name)).not.toContain('cm-7')
    expect(second.objects).toHaveLength(20)
  })

  it('forgets the least recently used files past its size', () => {
    const cache = new ParseCache({ maxBytes: 100, freeze: true })
    const parsed = { objects: [], problems: [], skipped: [] }
    cache.set('a', 'a.yaml', parsed, 60)
    cache.set('b', 'b.yaml', parsed, 30)
    expect(cache.get('a', 'a.yaml')).toBe(parsed)
    cache.set('c', 'c.yaml', parsed, 30)
    expect(cache.get('b', 'b.yaml')).toBeUndefined()
    expect(cache.get('a', 'a.yaml')).toBe(parsed)
    expect(cache.sizeBytes).toBe(90)
  })
})
