// 学科领域与专家库类别。

export default {
  nav: {
    fields: '学科领域',
    pools: '专家库类别',
  },
  fields: {
    intro: '学科领域是专家、课题和成果共用的分类。已被使用的领域不能删除。',
    addRoot: '新增一级领域',
    addChild: '添加下级',
    addChildOf: '在“{name}”下添加',
    rename: '重命名',
    name: '名称',
    nameEn: '英文名称',
    code: '代码',
    filter: '筛选领域',
    none: '暂无学科领域',
    pick: '选择学科领域',
    unavailable: '学科领域暂不可用',
    confirmDelete: '确定删除领域“{name}”吗？',
    deleted: '已删除',
  },
  pools: {
    intro: '专家库类别，如决策咨询专家库、海智专家库、专家工作站。专家可属于多个库。',
    create: '新增专家库',
    edit: '编辑专家库',
    name: '名称',
    description: '说明',
    members: '专家数',
    none: '暂无专家库',
    confirmDelete: '确定删除专家库“{name}”吗？',
  },
  taxonomyAudit: {
    field: '学科领域',
    pool: '专家库',
    parent: '上级领域',
    fieldCreate: '新增学科领域',
    fieldUpdate: '修改学科领域',
    fieldDelete: '删除学科领域',
    poolDelete: '删除专家库',
  },
}
