// 征集的审计用语（audit/calls.ts）。
export default {
  callAudit: {
    entity: '征集',
    create: '新建征集',
    update: '修改征集',
    publish: '发布征集',
    close: '截止征集',
  },
}
