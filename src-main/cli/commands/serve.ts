import fs from 'node:fs'
import path from 'node:path'
import { ensureDemoRepository } from '../../host/course'
import { dataDir } from '../../host/data-dir'
import { HostService } from '../../host/host-service'
import { startWebServer } from '../../web/server'
import { UsageError, intOption, parse } from '../args'
import { projectRoot, rendererDir } from '../project'

export const DEFAULT_PORT = 7450

/** Starts browser mode on a repository and serves until the process is stopped. */
export async function runBrowserMode(
  repo: string | undefined,
  port: number | undefined,
  seed?: number,
): Promise<number> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(
      `drydock: the app is not built (${rendererDir} is missing): run "npm run build" first`,
    )
    return 2
  }
  const host = new HostService({ seed, dataDir: dataDir() })
  const repoPath = repo ?? (await ensureDemoRepository(projectRoot, Date.now()))
  const opened = await host.openRepository({ path: repoPath })
  if (opened.error) console.error(`drydock: ${opened.error}`)
  const server = await startWebServer({
    host,
    rendererDir,
    port: port ?? DEFAULT_PORT,
    fallbackToAnyPort: port === undefined,
  })
  console.log(`Drydock is running at ${server.url}`)
  console.log(`Repository: ${repoPath}`)
  console.log('Press Ctrl+C to stop.')
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
  host.close()
  return 0
}

/** `drydock serve [repo] [--port n]`. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    port: { type: 'string', short: 'p' },
    seed: { type: 'string' },
  })
  if (positionals.length > 1) throw new UsageError('serve takes at most one repository path')
  return runBrowserMode(
    positionals[0],
    intOption(values.port, 'port'),
    intOption(values.seed, 'seed'),
  )
}
