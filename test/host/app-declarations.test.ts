import { describe, expect, it } from 'vitest'
import { defaultApp } from '../../src-main/host/app-declarations'

/** The app named after the repository's folder must be a name the API takes: an RFC 1123 label. */
describe('the default app of a repository without drydock.yaml', () => {
  it.each([
    ['/work/shop', 'shop'],
    ['/work/My Shop_v2', 'my-shop-v2'],
    ['/work/--shop--', 'shop'],
    ['/work/___', 'app'],
    // Cut to 63 characters just after a separator: no dash may end the name.
    [`/work/${'a'.repeat(62)}_b`, 'a'.repeat(62)],
  ])('%s is named %s', (dir, name) => {
    const app = defaultApp(dir, undefined)
    expect(app.settings.name).toBe(name)
    expect(app.settings.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/)
  })
})
