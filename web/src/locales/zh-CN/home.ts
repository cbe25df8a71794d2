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
}
