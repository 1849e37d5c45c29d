import { describe, expect, it } from 'vitest'
import { formatTable } from '../../../src-main/sim/views/table'

describe('formatTable', () => {
  it('pads columns like kubectl: widest cell + 3, at least 10, last column unpadded', () => {
    const text = formatTable(
      ['NAME', 'READY', 'STATUS'],
      [
        ['web-7d4b9c-abcde', '1/1', 'Running'],
        ['a', '0/1', 'ImagePullBackOff'],
      ],
    )
    expect(text.split('\n')).toEqual([
      'NAME' + ' '.repeat(15) + 'READY     STATUS',
      'web-7d4b9c-abcde   1/1       Running',
      'a' + ' '.repeat(18) + '0/1       ImagePullBackOff',
    ])
  })
})
