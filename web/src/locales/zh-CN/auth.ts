// 登录与两步验证。

export default {
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    wrong: '用户名或密码错误',
    tooMany: '尝试次数过多，请 {n} 秒后再试',
    applyLink: '申请加入专家库',
    expired: '登录已失效，请重新登录。',
  },
  totp: {
    title: '两步验证',
    hint: '请打开身份验证器应用，输入显示的 6 位验证码。',
    recoveryHint: '请输入一个未使用过的恢复码，每个恢复码只能使用一次。',
    code: '验证码',
    recoveryCode: '恢复码',
    submit: '验证',
    useRecovery: '使用恢复码',
    useCode: '使用验证码',
  },
}
