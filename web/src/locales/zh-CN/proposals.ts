// 建议（对策建议 / 调研报告 / 课题成果）的界面用语。
export default {
  proposals: {
    audit: {
      entity: '建议',
      create: '新建建议草稿',
      update: '修改建议',
      submit: '提交建议',
      withdraw: '撤回建议',
      reopen: '重新编辑建议',
      start_screening: '开始形式审查',
      accept: '受理建议',
      return: '退回修改',
      start_review: '建议进入评审',
      finish_review: '建议完成评审',
      decide: '建议作出决策',
    },
  },
}
