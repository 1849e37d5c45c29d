import fs from 'node:fs'
import path from 'node:path'
import type { SyncPolicyView } from '../shared/dto'

/** What the user changed in the app and the app keeps across restarts. */
export interface SavedAppSettings {
  syncPolicy: SyncPolicyView
}

/**
 * `settings.json` in an app's folder, for apps not declared in drydock.yaml
 * (those are set there, in Git). Written through a temporary file renamed over
 * the old one, so a crash leaves the old settings or the new, never half.
 */
export class AppSettingsFile {
  private readonly file: string

  constructor(dir: string) {
    this.file = path.join(dir, 'settings.json')
  }

  /** The saved settings, or undefined when there are none or they cannot be read. */
  read(): SavedAppSettings | undefined {
    try {
      const saved = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<SavedAppSettings>
      const p = saved.syncPolicy
      if (
        !p ||
        typeof p.automated !== 'boolean' ||
        typeof p.prune !== 'boolean' ||
        typeof p.selfHeal !== 'boolean'
      )
        return undefined
      return { syncPolicy: { automated: p.automated, prune: p.prune, selfHeal: p.selfHeal } }
    } catch {
      return undefined
    }
  }

  write(settings: SavedAppSettings): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const temporary = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`)
    fs.renameSync(temporary, this.file)
  }
}
