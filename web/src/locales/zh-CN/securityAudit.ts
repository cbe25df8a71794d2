// 账号与专家库安全的审计用语（audit/security.ts）。
export default {
  securityAudit: {
    passwordCheckFailed: '当前密码核对失败',
    flagDuplicate: '标记可能重复的档案',
  },
}
