// 公开申请入库：个人信息同意、安全验证、申请回执号与进度查询。
export default {
  application: {
    consent: '我已阅读并同意《个人信息处理说明》：为审核入库申请及日后联系咨询事宜，试点办公室将收集、保存并使用上述个人信息（含联系方式），仅限本试点工作使用，不向无关第三方提供；我可以随时联系试点办公室查阅、更正或删除我的信息，或撤回同意。',
    consentTitle: '个人信息处理说明（依据《中华人民共和国个人信息保护法》）',
    consentRequired: '请先阅读并勾选同意个人信息处理说明',
    solving: '正在进行安全验证（防止程序批量提交），请稍候…',
    solvingFailed: '安全验证未能完成，请刷新页面后重试',
    receiptHint: '请抄下或截图保存申请回执号，凭它可以随时查询审核进度。',
    checkStatus: '查询审核进度',
    statusTitle: '查询申请进度',
    statusIntro: '请输入提交申请后得到的 8 位申请回执号（如 ABCD-EFGH，字母不区分大小写）。',
    receiptLabel: '申请回执号',
    lookup: '查询',
    applicant: '申请人',
    submittedAt: '提交时间',
    state: '审核状态',
    reason: '说明',
    states: {
      pending: '待审核',
      active: '已入库',
      suspended: '已入库（暂停）',
      retired: '未通过或已出库',
    },
    toApply: '提交新的申请',
  },
}
