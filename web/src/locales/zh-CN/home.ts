// 首页。

export default {
  nav: {
    home: '首页',
  },
  home: {
    title: '首页',
    morning: '上午好',
    afternoon: '下午好',
    evening: '晚上好',
    greeting: '{greeting}，{name}',
    rolesLine: '您的角色：{roles}',
    quickLinks: '常用功能',
    activeExperts: '在库专家',
    pendingExperts: '待审核专家',
    staleExperts: '档案待确认专家',
  },
  homeCards: {
    queueTitle: '待审核专家（{n}）',
    toQueue: '去审核',
    poolTitle: '专家库概况',
    toPool: '进入专家库',
    toProfile: '查看档案',
    confirmProfile: '您的档案已超过两年未确认，请核对后确认。',
    confirmedOn: '档案确认于 {at}',
  },
}
