// Words of the shared page patterns: bulk actions, field errors, breadcrumbs, the leave guard,
// printed copies, the folding menu.
import type zh from '../zh-CN/patterns'

const en: typeof zh = {
  bulk: {
    selected: '{n} selected',
    progress: 'Working {done} / {total}',
    clear: 'Clear selection',
    partly: '{done} done, {failed} not done',
    allDone: 'All {n} done',
    item: 'Item',
    reason: 'Reason',
  },
  fields: {
    fixThese: '{n} fields need changes',
    nth: '{label} no. {n}',
    of: '{part} of {whole}',
  },
  common: {
    homeCrumb: 'Home',
    backToList: 'Back to list',
  },
  leave: {
    unsaved: 'Unsaved changes',
    title: 'Leave this page?',
    text: 'This page has unsaved changes; they are lost if you leave.',
    discard: 'Discard and leave',
    stay: 'Stay',
  },
  print: {
    back: 'Back',
    print: 'Print',
    hint: 'In the print settings choose A4 paper and turn off "Headers and footers".',
    reader: 'Printed by: {name}',
    printedAt: 'Printed at: {at}',
    requestId: 'Request id: {id}',
    pageOf: 'Page {page} of {pages}',
  },
  shell: {
    toggleMenu: 'Show or hide the menu',
  },
}

export default en
