// 邮件的审计用语（audit/mail.ts）。
export default {
  mailAudit: {
    entity: '邮件',
    retry: '重发邮件',
    optOut: '关闭一类邮件提醒',
    optIn: '开启一类邮件提醒',
  },
}
