import { describe, expect, it } from 'vitest'
import { formatTable } from '../../../src-main/sim/views/table'
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from '../../../src-main/sim/views/tabwriter'

describe('formatTable', () => {
  it('pads columns like kubectl get: widest cell + 3, at least 6, last column unpadded', () => {
    const text = formatTable(
      ['NAME', 'READY', 'STATUS'],
      [
        ['web-7d4b9c-abcde', '1/1', 'Running'],
        ['a', '0/1', 'ImagePullBackOff'],
      ],
    )
    expect(text.split('\n')).toEqual([
      'NAME               READY   STATUS',
      'web-7d4b9c-abcde   1/1     Running',
      'a                  0/1     ImagePullBackOff',
    ])
  })
})

describe('tabwrite (Go text/tabwriter)', () => {
  it.each([
    ['a short column is still 6 wide', GET_TABWRITER, 'IP\tX\n1\tY\n', 'IP    X\n1     Y\n'],
    [
      'an empty cell is padded',
      GET_TABWRITER,
      'A\tB\tC\n\t\tz\n',
      'A     B     C\n            z\n',
    ],
    ['the text after the last tab is never padded', DESCRIBE_TABWRITER, 'a:\tb\n', 'a:  b\n'],
    [
      'a line without a tab ends the block, so the next block aligns on its own',
      DESCRIBE_TABWRITER,
      'Name:\tx\nService Account:\ty\nIPs:\n  IP:\tz\nControlled By:\tw\n',
      'Name:             x\nService Account:  y\nIPs:\n  IP:           z\nControlled By:  w\n',
    ],
    [
      'continuation lines that start with a tab stay in the block',
      DESCRIBE_TABWRITER,
      'Labels:\ta=1\n\tb=2\nStatus:\tRunning\n',
      'Labels:  a=1\n         b=2\nStatus:  Running\n',
    ],
    [
      'a deeper column is sized only over the lines that reach it',
      DESCRIBE_TABWRITER,
      'Port:\tname\t80/TCP\nTargetPort:\t80/TCP\nNodePort:\tname\t30080/TCP\n',
      'Port:        name  80/TCP\nTargetPort:  80/TCP\nNodePort:    name  30080/TCP\n',
    ],
  ])('%s', (_, options, input, output) => {
    expect(tabwrite(input, options)).toBe(output)
  })
})
