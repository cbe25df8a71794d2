// 评审批次的审计用语（audit/reviews.ts）。
export default {
  reviewAudit: {
    entity: '评审批次',
    create: '新建评审批次',
    update: '修改评审批次设置',
    add_proposal: '加入待评建议',
    remove_proposal: '移出待评建议',
    start_assigning: '开始分配评审',
    back_to_draft: '退回草稿',
    start_reviewing: '开始评审',
    close: '截止评审',
    reopen: '重新开放评审',
    finalize: '定稿并发布排名',
    override_conflict: '豁免利益冲突',
    withdraw_override: '撤销利益冲突豁免',
  },
}
