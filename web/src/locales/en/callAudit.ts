// Audit words of calls for suggestions (audit/calls.ts).
import type zh from '../zh-CN/callAudit'

const en: typeof zh = {
  callAudit: {
    entity: 'Call',
    create: 'Call created',
    update: 'Call changed',
    publish: 'Call published',
    close: 'Call closed',
  },
}

export default en
