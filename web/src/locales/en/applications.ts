// The public application: consent, the anti-spam check, the receipt number and the status lookup.
import type zh from '../zh-CN/applications'

const en: typeof zh = {
  application: {
    consent: 'I have read and agree to the personal-information notice: the pilot office collects, keeps and uses the information above (contact data included) to review this application and to consult me later, for this pilot only, and gives it to no unrelated third party; I may ask the office at any time to see, correct or delete it, or withdraw my consent.',
    consentTitle: 'Personal-information notice (Personal Information Protection Law of the PRC)',
    consentRequired: 'Please read and tick the personal-information notice first',
    solving: 'Running the anti-spam check, one moment…',
    solvingFailed: 'The anti-spam check did not finish; reload the page and try again',
    receiptHint: 'Write down or screenshot the receipt number: it lets you check the review at any time.',
    checkStatus: 'Check the review',
    statusTitle: 'Check an application',
    statusIntro: 'Enter the 8-character receipt number you got when you applied (e.g. ABCD-EFGH; letters in any case).',
    receiptLabel: 'Receipt number',
    lookup: 'Check',
    applicant: 'Applicant',
    submittedAt: 'Submitted',
    state: 'Status',
    reason: 'Note',
    states: {
      pending: 'Awaiting review',
      active: 'Admitted',
      suspended: 'Admitted (suspended)',
      retired: 'Not admitted or left the pool',
    },
    toApply: 'Submit a new application',
  },
}
export default en
