// Sign-in and the second factor.
import type zh from '../zh-CN/auth'

const en: typeof zh = {
  login: {
    title: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    wrong: 'Wrong user name or password',
    tooMany: 'Too many attempts: please try again in {n} seconds',
    applyLink: 'Apply to join the expert pool',
    expired: 'Your sign-in has expired: please sign in again.',
  },
  totp: {
    title: 'Two-step verification',
    hint: 'Open your authenticator app and enter the 6-digit code it shows.',
    recoveryHint: 'Enter one of your unused recovery codes; each works only once.',
    code: 'Code',
    recoveryCode: 'Recovery code',
    submit: 'Verify',
    useRecovery: 'Use a recovery code',
    useCode: 'Use an authenticator code',
  },
}

export default en
