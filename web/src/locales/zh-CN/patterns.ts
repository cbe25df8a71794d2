// Words of the shared page patterns: bulk actions, field errors, breadcrumbs, the leave guard,
// printed copies, the folding menu.
export default {
  bulk: {
    selected: '已选 {n} 项',
    progress: '正在处理 {done} / {total}',
    clear: '取消选择',
    partly: '{done} 项已完成，{failed} 项未完成',
    allDone: '{n} 项均已完成',
    item: '对象',
    reason: '原因',
  },
  fields: {
    fixThese: '有 {n} 处需要修改',
    nth: '{label}第 {n} 条',
    of: '{whole}的{part}',
  },
  common: {
    homeCrumb: '首页',
    backToList: '返回列表',
  },
  leave: {
    unsaved: '有未保存的修改',
    title: '离开此页？',
    text: '本页有未保存的修改，离开后将丢失。',
    discard: '放弃修改并离开',
    stay: '留在此页',
  },
  print: {
    back: '返回',
    print: '打印',
    hint: '请在打印设置中选择 A4 纸、关闭“页眉和页脚”。',
    reader: '打印人：{name}',
    printedAt: '打印时间：{at}',
    requestId: '请求编号：{id}',
    pageOf: '第 {page} 页，共 {pages} 页',
  },
  shell: {
    toggleMenu: '展开或收起菜单',
  },
}
