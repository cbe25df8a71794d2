// Fields and pools.
import type zh from '../zh-CN/taxonomy'

const en: typeof zh = {
  nav: {
    fields: 'Fields',
    pools: 'Pools',
  },
  fields: {
    intro: 'Fields classify experts, topics and proposals alike. A field in use cannot be deleted.',
    addRoot: 'New top-level field',
    addChild: 'Add sub-field',
    addChildOf: 'Add under “{name}”',
    rename: 'Rename',
    name: 'Name',
    nameEn: 'English name',
    code: 'Code',
    filter: 'Filter fields',
    none: 'No fields yet',
    pick: 'Choose fields',
    unavailable: 'Fields unavailable',
    confirmDelete: 'Delete the field “{name}”?',
    deleted: 'Deleted',
  },
  pools: {
    intro: 'Pools such as the decision-consultation pool, the overseas pool or expert workstations. An expert may be in several.',
    create: 'New pool',
    edit: 'Edit pool',
    name: 'Name',
    description: 'Description',
    members: 'Experts',
    none: 'No pools yet',
    confirmDelete: 'Delete the pool “{name}”?',
  },
  taxonomyAudit: {
    field: 'Field',
    pool: 'Pool',
    parent: 'Parent field',
    fieldCreate: 'Field created',
    fieldUpdate: 'Field changed',
    fieldDelete: 'Field deleted',
    poolDelete: 'Pool deleted',
  },
}

export default en
